// Nothing leaked: every command of the real CLI and the credential helper, at every verbosity (default, --verbose,
// --json), on success and on failure (denied, throttled, revoked), against its own emulator; then all stdout and
// stderr is scanned for every secret the emulators issued (and Docker's base64 "AWS:<password>" form). A secret may
// appear only where printing it is the command's job, each exception narrow: get-login-password's password,
// env's AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN (and the ::add-mask:: lines and $GITHUB_ENV of --format github),
// the credential helper's `get` Secret, and an exec child that echoes its own environment.
// The federation kinds take part: an aws/saml provider (assertion_command) and an aws/user behind MFA (mfa_command);
// the scan then covers the SAML assertion and the user's long-lived secret key too.
// Also: no child process ever gets a secret on its argv (every spawn is recorded; a fake credsStore helper and the
// exec child record theirs), the cache is owner-only after a full login, and a cache or Docker config inside a git
// work tree is warned about.
import { execFileSync } from 'node:child_process';
import { chmod, copyFile, lstat, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatExpiry } from '../../src/core/sso/token-file.ts';
import { DEFAULT_MFA_DEVICE, DEFAULT_SAML_ROLES, startEmulator, type Emulator } from '../emulator/index.ts';
import { inPool, runBin, CLI_BIN, HELPER_BIN, type BinResult } from './support/bins.ts';
import { makeCliHome, standardConfig, type CliHome } from './support/cli-home.ts';
import { findLeaks, secretNeedles, withoutPermitted } from './support/leaks.ts';

const PRIMARY = '123456789012.dkr.ecr.us-east-2.amazonaws.com';
const AD_HOC = '123456789012.dkr.ecr.eu-west-1.amazonaws.com';
const AMBIENT_HOST = '123456789012.dkr.ecr.eu-central-1.amazonaws.com';
const RECORD_SPAWNS = resolve('test/safety/support/record-spawns.mjs');
const FAKE_STORE = resolve('test/safety/support/fake-credential-store.mjs');
const ARGV_RECORDER = resolve('test/safety/support/argv-recorder.mjs');
const PRINT_TOTP = resolve('test/safety/support/print-totp.mjs');

type Verbosity = 'default' | 'verbose' | 'json';
const FLAGS: Record<Verbosity, string[]> = { default: [], verbose: ['--verbose'], json: ['--json'] };

/** The config of every world: SSO, a permission set, a role chained on it, private and public registries. */
const CONFIG = standardConfig({
  identities: { deployer: { kind: 'aws/assume-role', via: { identity: 'dev-admin' }, principal: { assume_role: 'arn:aws:iam::123456789012:role/Deploy' } } },
  integrations: {
    public: { kind: 'aws/ecr-public', via: { identity: 'dev-admin' } },
    'deploy/west': { kind: 'aws/ecr', via: { identity: 'deployer' }, spec: { registry: { account_id: '123456789012', region: 'us-west-2' } } },
    // the files of the other kinds: .npmrc holds the CodeArtifact token (its job); the kubeconfig must hold none
    'dev/packages': {
      kind: 'aws/codeartifact',
      via: { identity: 'dev-admin' },
      spec: { domain: 'acme', domain_owner: '123456789012', region: 'us-east-2', repositories: [{ name: 'npm-store', tool: 'npm', scope: '@acme' }] },
    },
    'dev/eks': { kind: 'aws/eks', via: { identity: 'dev-admin' }, spec: { cluster: { name: 'dev-cluster', region: 'us-east-2', alias: 'dev' } } },
  },
  // every run also appends to the audit trail, which the scan below covers
  settings: { audit_log: 'audit.jsonl' },
});

/** One world per verbosity: its own emulator (faults stay local), HOME, and the files the run collects. */
interface World {
  verbosity: Verbosity;
  emulator: Emulator;
  w: CliHome;
  spawnLog: string;
  argvLog: string;
  storeDir: string;
  githubEnv: string;
}

interface Step {
  label: string;
  /** ecr-auth arguments; the verbosity flag is inserted after the command name (before `--`). */
  argv?: string[];
  /** Instead of ecr-auth: docker-credential-ecr-auth <verb> with stdin. */
  helper?: { verb: string; stdin: string };
  env?: (world: World) => Record<string, string>;
  /** Arranges the emulator or the files before the run (faults, revocations). */
  before?: (world: World) => Promise<void> | void;
  exit?: number;
  /** The secrets this run may print on stdout, as its job; each must be one the emulator issued. */
  permit?: (result: BinResult, world: World) => string[];
  /** Only at these verbosities. */
  only?: Verbosity[];
}

interface StepRun {
  world: World;
  step: Step;
  result: BinResult;
  permitted: string[];
}

const envValues = (text: string, names: string[]): string[] => {
  const values: string[] = [];
  for (const name of names) {
    const json = /^\s*\{/.test(text) ? (JSON.parse(text) as Record<string, string>)[name] : undefined;
    const line = new RegExp(`^(?:export )?${name}=(.*)$`, 'm').exec(text)?.[1];
    const value = json ?? line?.replace(/^'(.*)'$/, '$1');
    if (value) values.push(value);
  }
  return values;
};
const SECRET_VARIABLES = ['AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN'];

const STEPS: Step[] = [
  { label: 'login (refreshes the SSO token)', argv: ['login'] },
  { label: 'login deployer (role chain)', argv: ['login', 'deployer'] },
  { label: 'ecr-login (private and public)', argv: ['ecr-login'] },
  { label: 'ecr-login --identity deployer', argv: ['ecr-login', '--identity', 'deployer'] },
  { label: 'ecr-login --registry (ad hoc, an identity)', argv: ['ecr-login', '--identity', 'dev-admin', '--registry', AD_HOC] },
  {
    label: 'ecr-login --registry (ambient keys)',
    argv: ['ecr-login', '--registry', AMBIENT_HOST],
    env: ({ emulator }) => ({ AWS_ACCESS_KEY_ID: emulator.ambient.accessKeyId, AWS_SECRET_ACCESS_KEY: emulator.ambient.secretAccessKey, AWS_REGION: 'eu-central-1' }),
  },
  {
    label: 'ecr-login into a credsStore (fake helper records argv and stdin)',
    argv: ['ecr-login', 'dev/ecr/primary'],
    env: (world) => ({ DOCKER_CONFIG: join(world.w.root, 'docker-store'), PATH: `${world.storeDir}:${world.w.env.PATH}`, FAKE_STORE_DIR: world.storeDir }),
  },
  { label: 'exec (child records its argv)', argv: ['exec', '--', process.execPath, ARGV_RECORDER, 'one', 'two'] },
  { label: 'exec --identity deployer --integration', argv: ['exec', '--identity', 'deployer', '--integration', 'deploy/west', '--', process.execPath, ARGV_RECORDER] },
  {
    label: 'exec of a child that echoes its secret key',
    argv: ['exec', '--', process.execPath, '-e', 'process.stdout.write(process.env.AWS_SECRET_ACCESS_KEY + "\\n")'],
    // the child's own output: exactly one line, the key it was given
    permit: (r) => (r.stdout.split('\n').filter(Boolean).length === 1 ? [r.stdout.trim()] : []),
  },
  { label: 'env (bash)', argv: ['env'], only: ['default', 'verbose'], permit: (r) => envValues(r.stdout, SECRET_VARIABLES) },
  { label: 'env --format dotenv', argv: ['env', '--format', 'dotenv'], only: ['default', 'verbose'], permit: (r) => envValues(r.stdout, SECRET_VARIABLES) },
  { label: 'env --format json', argv: ['env', '--format', 'json'], permit: (r) => envValues(r.stdout, SECRET_VARIABLES) },
  {
    label: 'env --format github',
    argv: ['env', '--format', 'github', '--identity', 'deployer'],
    only: ['default', 'verbose'],
    env: (world) => ({ GITHUB_ENV: world.githubEnv }),
    // the masks Actions needs, for the two secret values (the access key id is masked too, but is no secret)
    permit: (r) => [...r.stdout.matchAll(/^::add-mask::(.+)$/gm)].map((m) => m[1]!).filter((v) => !/^(AKIA|ASIA)[A-Z0-9]{16}$/.test(v)),
  },
  // the exec plugin prints the EKS token (its job); the token holds a presigned URL, no secret in clear, and no
  // other command prints one (checked below)
  { label: 'eks-token (the exec plugin)', argv: ['eks-token', '--cluster', 'dev-cluster', '--region', 'us-east-2'] },
  { label: 'status', argv: ['status'] },
  { label: 'validate', argv: ['validate'] },
  {
    label: 'get-login-password INTEGRATION',
    argv: ['get-login-password', 'dev/ecr/primary'],
    permit: (r) => [/^\s*\{/.test(r.stdout) ? (JSON.parse(r.stdout) as { password: string }).password : r.stdout.replace(/\n$/, '')],
  },
  {
    label: 'get-login-password --registry',
    argv: ['get-login-password', '--registry', AD_HOC, '--identity', 'dev-admin'],
    permit: (r) => [/^\s*\{/.test(r.stdout) ? (JSON.parse(r.stdout) as { password: string }).password : r.stdout.replace(/\n$/, '')],
  },
  // Docker's credential helper: helper mode, then get (cached, then refreshed), list, erase
  {
    label: 'ecr-login in helper mode',
    argv: ['ecr-login', '--config', 'helper.yaml'],
    env: (world) => ({ DOCKER_CONFIG: join(world.w.root, 'docker-helper') }),
  },
  {
    label: 'helper get (cached)',
    helper: { verb: 'get', stdin: `${PRIMARY}\n` },
    permit: (r) => [(JSON.parse(r.stdout) as { Secret: string }).Secret],
  },
  {
    label: 'helper get (refreshed: its token removed)',
    helper: { verb: 'get', stdin: `https://${PRIMARY}\n` },
    before: async ({ w }) => rm(join(w.cacheDir, 'registry-tokens'), { recursive: true, force: true }),
    permit: (r) => [(JSON.parse(r.stdout) as { Secret: string }).Secret],
  },
  { label: 'helper list', helper: { verb: 'list', stdin: '' } },
  { label: 'helper get (not ours)', helper: { verb: 'get', stdin: 'ghcr.io\n' }, exit: 1 },
  { label: 'helper erase', helper: { verb: 'erase', stdin: `${PRIMARY}\n` } },
  // failure paths, each on a region with no cached token so the emulator is really asked
  {
    label: 'denied: GetAuthorizationToken AccessDenied',
    argv: ['ecr-login', '--identity', 'dev-admin', '--registry', '123456789012.dkr.ecr.ap-south-1.amazonaws.com'],
    before: ({ emulator }) => emulator.fault('ecr:GetAuthorizationToken', { type: 'access-denied', times: 1 }),
    exit: 1,
  },
  {
    label: 'throttled: GetAuthorizationToken throttled past the retries',
    argv: ['ecr-login', '--identity', 'dev-admin', '--registry', '123456789012.dkr.ecr.ap-northeast-1.amazonaws.com'],
    before: ({ emulator }) => emulator.fault('ecr:GetAuthorizationToken', { type: 'throttle', times: 3 }),
    exit: 1,
  },
  {
    label: 'denied: AssumeRole AccessDenied',
    argv: ['login', 'deployer', '--min-validity', '2h'],
    before: ({ emulator }) => emulator.fault('sts:AssumeRole', { type: 'access-denied', times: 1 }),
    exit: 1,
  },
  {
    label: 'revoked: the SSO session revoked, role credentials needed',
    argv: ['login', '--min-validity', '2h'],
    before: ({ emulator }) => emulator.revokeSsoSessions(),
    exit: 1,
  },
  { label: 'get-login-password after the revocation (cached token)', argv: ['get-login-password', 'public'], permit: (r) => [/^\s*\{/.test(r.stdout) ? (JSON.parse(r.stdout) as { password: string }).password : r.stdout.replace(/\n$/, '')] },
  { label: 'status after the failures', argv: ['status'] },
  // federation: aws/saml through assertion_command, aws/user behind MFA (mfa_command), a role with mfa_arn
  { label: 'login corp (aws/saml, assertion_command)', argv: ['login', 'corp', '--config', 'federation.yaml'] },
  { label: 'login mfa-user (aws/user, MFA code from mfa_command)', argv: ['login', 'mfa-user', '--config', 'federation.yaml'] },
  { label: 'ecr-login (federation, all cached)', argv: ['ecr-login', '--config', 'federation.yaml'] },
  { label: 'exec --identity mfa-user (child records its argv)', argv: ['exec', '--config', 'federation.yaml', '--identity', 'mfa-user', '--', process.execPath, ARGV_RECORDER] },
  { label: 'validate federation.yaml (keys in the config)', argv: ['validate', '--config', 'federation.yaml'] },
  { label: 'status federation.yaml', argv: ['status', '--config', 'federation.yaml'] },
  {
    label: 'denied: AssumeRoleWithSAML AccessDenied',
    argv: ['login', 'corp', '--config', 'federation.yaml', '--min-validity', '2h'],
    before: ({ emulator }) => emulator.fault('sts:AssumeRoleWithSAML', { type: 'access-denied', times: 1 }),
    exit: 1,
  },
  { label: 'logout deployer', argv: ['logout', 'deployer'] },
  { label: 'logout --all', argv: ['logout', '--all'] },
];

/** The verbosity flag after the command name, and before `--` for exec. */
const withFlags = (argv: string[], verbosity: Verbosity) => [argv[0]!, ...FLAGS[verbosity], ...argv.slice(1)];

async function makeWorld(verbosity: Verbosity): Promise<World> {
  const emulator = await startEmulator();
  emulator.addEksCluster({ name: 'dev-cluster', region: 'us-east-2', endpoint: 'https://127.0.0.1:1', certificateAuthorityData: 'TFMwdExTMUNSVWRKVGc9PQ==' });
  const w = await makeCliHome(emulator);
  await w.writeConfig(CONFIG);
  await w.writeConfig(standardConfig({ settings: { docker: { mode: 'helper' } } }), join(w.home, 'helper.yaml'));
  // an SSO session about to expire: the first login refreshes it, so a rotated refresh token passes through
  await w.seedSso();
  const entry = JSON.parse(await readFile(w.ssoTokenPath, 'utf8'));
  // (written 0644, as a careless writer might: the refreshed file must end up owner-only all the same)
  await writeFile(w.ssoTokenPath, JSON.stringify({ ...entry, expiresAt: formatExpiry(Date.now() + 5 * 60_000) }), { mode: 0o644 });
  await chmod(w.ssoTokenPath, 0o644);
  const storeDir = join(w.root, 'store-helper');
  await mkdir(storeDir);
  await copyFile(FAKE_STORE, join(storeDir, 'docker-credential-recorder'));
  await chmod(join(storeDir, 'docker-credential-recorder'), 0o755);
  await mkdir(join(w.root, 'docker-store'));
  await writeFile(join(w.root, 'docker-store', 'config.json'), JSON.stringify({ credsStore: 'recorder' }));
  await writeFile(join(w.root, 'assertion.b64'), emulator.issueSamlAssertion({ ttlSeconds: 3600 }), { mode: 0o600 });
  await w.writeConfig(
    {
      auth: {
        providers: {
          corp: { kind: 'aws/saml', region: 'us-east-1', url: emulator.saml.url, role_arn: DEFAULT_SAML_ROLES[0]!.roleArn, assertion_command: ['cat', join(w.root, 'assertion.b64')] },
        },
        identities: {
          'mfa-user': {
            kind: 'aws/user',
            credentials: { access_key_id: emulator.ambient.accessKeyId, secret_access_key: emulator.ambient.secretAccessKey, mfa_arn: DEFAULT_MFA_DEVICE.serial, region: 'us-east-1' },
            mfa_command: [process.execPath, PRINT_TOTP, DEFAULT_MFA_DEVICE.secret],
          },
        },
        integrations: {
          saml: { kind: 'aws/ecr', via: { provider: 'corp' }, spec: { registry: { account_id: '123456789012', region: 'us-east-1' } } },
          mfa: { kind: 'aws/ecr', via: { identity: 'mfa-user' }, spec: { registry: { account_id: '123456789012', region: 'sa-east-1' } } },
        },
      },
    },
    join(w.home, 'federation.yaml'),
  );
  return { verbosity, emulator, w, spawnLog: join(w.root, 'spawns.jsonl'), argvLog: join(w.root, 'argv.jsonl'), storeDir, githubEnv: join(w.root, 'github.env') };
}

async function runStep(world: World, step: Step): Promise<StepRun> {
  await step.before?.(world);
  const env = {
    ...world.w.env,
    RECORD_SPAWNS_FILE: world.spawnLog,
    ARGV_LOG: world.argvLog,
    ...(world.verbosity === 'verbose' && step.helper ? { ECR_AUTH_VERBOSE: '1' } : {}),
    ...step.env?.(world),
  };
  const [bin, args, stdin] = step.helper
    ? [HELPER_BIN, [step.helper.verb], step.helper.stdin]
    : [CLI_BIN, withFlags(step.argv!, world.verbosity), undefined];
  const result = await runBin(bin, args, { env, cwd: world.w.cwd, nodeArgs: ['--import', RECORD_SPAWNS], ...(stdin === undefined ? {} : { stdin }) });
  world.emulator.clearFaults();
  return { world, step, result, permitted: step.permit?.(result, world) ?? [] };
}

/** Every file and directory under `dir` with its permission bits. */
async function modes(dir: string): Promise<Array<{ path: string; dir: boolean; mode: string }>> {
  const out: Array<{ path: string; dir: boolean; mode: string }> = [];
  const visit = async (path: string): Promise<void> => {
    const info = await lstat(path);
    out.push({ path, dir: info.isDirectory(), mode: (info.mode & 0o777).toString(8) });
    if (info.isDirectory()) for (const name of await readdir(path)) await visit(join(path, name));
  };
  await visit(dir);
  return out;
}

const worlds: World[] = [];
const records: StepRun[] = [];
let cacheModes: Array<{ path: string; dir: boolean; mode: string }> = [];
let otherModes: Record<string, string> = {};
/** The default world's Docker config after the full login (before logout empties it). */
let dockerConfigAfterLogin = '';
/** The default world's .npmrc and kubeconfig after the full login. */
let npmrcAfterLogin = '';
let kubeconfigAfterLogin = '';

beforeAll(async () => {
  for (const verbosity of ['default', 'verbose', 'json'] as const) worlds.push(await makeWorld(verbosity));
  await inPool(worlds, 3, async (world) => {
    for (const step of STEPS.filter((s) => !s.only || s.only.includes(world.verbosity))) {
      records.push(await runStep(world, step));
      if (world.verbosity === 'default' && step.label === 'get-login-password --registry') {
        // after a full login (SSO refresh, role chain, five registries, a credsStore, exec, env): owner-only files
        cacheModes = await modes(world.w.cacheDir);
        dockerConfigAfterLogin = await readFile(world.w.dockerConfigPath, 'utf8');
        npmrcAfterLogin = await readFile(join(world.w.home, '.npmrc'), 'utf8');
        kubeconfigAfterLogin = await readFile(join(world.w.home, '.kube', 'config'), 'utf8');
        const mode = async (path: string) => ((await lstat(path)).mode & 0o777).toString(8);
        otherModes = {
          'SSO cache file': await mode(world.w.ssoTokenPath),
          'Docker config (created)': await mode(world.w.dockerConfigPath),
          '$GITHUB_ENV (created)': await mode(world.githubEnv),
        };
      }
    }
  });
}, 240_000);

afterAll(async () => {
  for (const world of worlds) {
    await world.w.cleanup();
    await world.emulator.stop();
  }
});

describe('every command at every verbosity', () => {
  it('runs every step with the exit status it should have', () => {
    const wrong = records
      .filter((r) => r.result.code !== (r.step.exit ?? 0))
      .map((r) => `${r.world.verbosity}/${r.step.label}: exit ${r.result.code}\n${r.result.stdout}${r.result.stderr}`);
    expect(wrong).toEqual([]);
    expect(records.length).toBeGreaterThanOrEqual(STEPS.length * 3 - 10);
  });

  it('prints no secret anywhere except where printing it is the job, and those exceptions are real secrets', () => {
    const needles = secretNeedles(worlds.map((w) => w.emulator));
    expect(needles.length).toBeGreaterThan(50);
    const issued = new Set(worlds.flatMap((w) => w.emulator.secrets()));
    const leaks: string[] = [];
    for (const r of records) {
      const where = `${r.world.verbosity}/${r.step.label}`;
      for (const value of r.permitted) if (!issued.has(value)) leaks.push(`${where}: the permitted value is not a secret the emulator issued`);
      const outside = [...findLeaks(withoutPermitted(r.result.stdout, r.permitted), needles).map((l) => `stdout ${l}`), ...findLeaks(r.result.stderr, needles).map((l) => `stderr ${l}`)];
      for (const leak of outside) leaks.push(`${where}: ${leak}`);
    }
    expect(leaks).toEqual([]);
  });

  it('the exceptions hold exactly their secret: the password alone, the two variables, the helper Secret', () => {
    const byLabel = (label: string) => records.filter((r) => r.step.label === label);
    const passwords = new Set(worlds.flatMap((w) => w.emulator.ecrPasswords().map((p) => p.password)));
    for (const r of byLabel('get-login-password INTEGRATION')) {
      expect(r.permitted).toHaveLength(1);
      expect(passwords.has(r.permitted[0]!)).toBe(true);
      if (r.world.verbosity !== 'json') expect(r.result.stdout).toBe(`${r.permitted[0]}\n`);
      expect(r.result.stderr).not.toContain(r.permitted[0]!);
    }
    for (const label of ['env (bash)', 'env --format dotenv', 'env --format json']) {
      for (const r of byLabel(label)) {
        expect(r.permitted).toHaveLength(2);
        for (const value of r.permitted) expect(passwords.has(value)).toBe(false);
      }
    }
    for (const r of byLabel('helper get (cached)')) expect(passwords.has(r.permitted[0]!)).toBe(true);
    for (const r of byLabel('exec of a child that echoes its secret key')) expect(r.permitted).toHaveLength(1);
  });

  it('the scan is not vacuous: the files whose job is to hold secrets do hold them, and it finds them', async () => {
    const needles = secretNeedles(worlds.map((w) => w.emulator));
    const world = worlds.find((w) => w.verbosity === 'default')!;
    const githubEnv = await readFile(world.githubEnv, 'utf8');
    expect(githubEnv).toMatch(/^AWS_SECRET_ACCESS_KEY=.+$/m);
    expect(findLeaks(githubEnv, needles).some((l) => l.startsWith('session token'))).toBe(true);
    expect(findLeaks(dockerConfigAfterLogin, needles).some((l) => l.includes('(base64 AWS:<password>)'))).toBe(true);
    expect(findLeaks(npmrcAfterLogin, needles).length).toBeGreaterThan(0);
    // the kubeconfig's user is the exec plugin: no key, session token or bearer token is written there
    expect(kubeconfigAfterLogin).toContain('command: ecr-auth');
    expect(findLeaks(kubeconfigAfterLogin, needles)).toEqual([]);
    expect(kubeconfigAfterLogin).not.toContain('k8s-aws-v1.');
    for (const r of records) {
      const printed = `${r.result.stdout}${r.result.stderr}`.includes('k8s-aws-v1.');
      expect(printed, r.step.label).toBe(r.step.label === 'eks-token (the exec plugin)' && r.result.code === 0);
    }
    for (const r of records.filter((x) => x.permitted.length > 0)) expect(findLeaks(r.result.stdout, needles).length, r.step.label).toBeGreaterThan(0);
  });

  it('the audit log of every run (successes and failures) holds events and no secret', async () => {
    const needles = secretNeedles(worlds.map((w) => w.emulator));
    for (const world of worlds) {
      const text = await readFile(join(world.w.home, 'audit.jsonl'), 'utf8');
      const events = text.split('\n').filter(Boolean).map((line) => JSON.parse(line) as { event: string; outcome: string });
      expect(new Set(events.map((e) => e.event))).toEqual(new Set(['refresh', 'credentials', 'registry-token', 'write', 'logout']));
      expect(events.some((e) => e.outcome === 'failure'), world.verbosity).toBe(true);
      expect(findLeaks(text, needles), world.verbosity).toEqual([]);
    }
  });

  it('--json puts exactly one JSON document on stdout for every ecr-auth command but exec', () => {
    const bad = records
      .filter((r) => r.world.verbosity === 'json' && r.step.argv && r.step.argv[0] !== 'exec')
      .filter((r) => {
        try {
          JSON.parse(r.result.stdout);
          return false;
        } catch {
          return true;
        }
      })
      .map((r) => r.step.label);
    expect(bad).toEqual([]);
  });

  it('failures say what to do on stderr, with no stack unless --verbose', () => {
    for (const r of records.filter((x) => x.step.exit === 1 && x.step.argv)) {
      expect(r.result.stderr, r.step.label).toMatch(/→ \S/);
      if (r.world.verbosity !== 'verbose') expect(r.result.stderr, r.step.label).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
    }
  });
});

describe('no secret on any argv', () => {
  it('every process ecr-auth and the helper started had no secret in its arguments', async () => {
    const needles = secretNeedles(worlds.map((w) => w.emulator));
    const spawned: Array<{ fn: string; file: string; args: string[] }> = [];
    for (const world of worlds) {
      const text = await readFile(world.spawnLog, 'utf8');
      spawned.push(...text.split('\n').filter(Boolean).map((line) => JSON.parse(line)));
    }
    // the recorder saw the children it must see: the credsStore helper and the exec children
    expect(spawned.some((s) => s.file.endsWith('docker-credential-recorder'))).toBe(true);
    expect(spawned.filter((s) => s.args.includes(ARGV_RECORDER)).length).toBeGreaterThanOrEqual(6);
    const leaks = spawned.flatMap((s) => findLeaks([s.file, ...s.args].join('\u0000'), needles).map((l) => `${s.fn} ${s.file}: ${l}`));
    expect(leaks).toEqual([]);
  });

  it('the credsStore helper got only its action on argv, and the secret on stdin', async () => {
    for (const world of worlds) {
      const calls = (await readFile(join(world.storeDir, 'calls.jsonl'), 'utf8')).split('\n').filter(Boolean).map((l) => JSON.parse(l) as { argv: string[]; stdin: string });
      const stores = calls.filter((c) => c.argv[0] === 'store');
      expect(stores.length).toBeGreaterThanOrEqual(1);
      for (const call of calls) expect(call.argv).toHaveLength(1);
      const passwords = new Set(world.emulator.ecrPasswords().map((p) => p.password));
      for (const call of stores) expect(passwords.has(JSON.parse(call.stdin).Secret)).toBe(true);
    }
  });

  it('the exec children got exactly the arguments given, nothing added', async () => {
    for (const world of worlds) {
      const lines = (await readFile(world.argvLog, 'utf8')).split('\n').filter(Boolean).map((l) => JSON.parse(l) as string[]);
      expect(lines).toEqual([[ARGV_RECORDER, 'one', 'two'], [ARGV_RECORDER], [ARGV_RECORDER]]);
    }
  });
});

describe('at rest', () => {
  it('after a full login every cache file is 0600 and every cache directory 0700', () => {
    expect(cacheModes.filter((e) => !e.dir).length).toBeGreaterThan(5);
    const wrong = cacheModes.filter((e) => e.mode !== (e.dir ? '700' : '600')).map((e) => `${e.path} ${e.mode}`);
    expect(wrong).toEqual([]);
  });

  it('the refreshed SSO cache file, a Docker config it created and the $GITHUB_ENV it created are 0600', () => {
    expect(otherModes).toEqual({ 'SSO cache file': '600', 'Docker config (created)': '600', '$GITHUB_ENV (created)': '600' });
  });
});

describe('inside a git work tree', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startEmulator();
  });
  afterAll(() => emulator.stop());

  const CACHE_WARNING = /warning: the ecr-auth cache .* is inside the git work tree/;
  const DOCKER_WARNING = /warning: the Docker config .*config\.json holds registry passwords and is inside the git work tree/;

  async function loginIn(setup: (w: CliHome) => Promise<Record<string, string>>, configExtra: Parameters<typeof standardConfig>[0] = {}) {
    const w = await makeCliHome(emulator);
    try {
      await w.writeConfig(standardConfig(configExtra));
      await w.seedSso();
      const env = { ...w.env, ...(await setup(w)) };
      return await runBin(CLI_BIN, ['ecr-login'], { env, cwd: w.cwd });
    } finally {
      await w.cleanup();
    }
  }
  const gitInit = (dir: string) => execFileSync('git', ['init', '-q', dir], { stdio: 'ignore' });

  it('a HOME that is a git work tree: both the cache and the Docker config are warned about, once each', async () => {
    const result = await loginIn(async (w) => (gitInit(w.home), {}));
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr.match(new RegExp(CACHE_WARNING, 'g'))).toHaveLength(1);
    expect(result.stderr.match(new RegExp(DOCKER_WARNING, 'g'))).toHaveLength(1);
  });

  it('DOCKER_CONFIG inside a repository: the Docker config is warned about, the cache is not', async () => {
    const result = await loginIn(async (w) => {
      gitInit(join(w.root, 'repo'));
      return { DOCKER_CONFIG: join(w.root, 'repo', '.docker') };
    });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(DOCKER_WARNING);
    expect(result.stderr).not.toMatch(CACHE_WARNING);
  });

  it('helper mode writes no password into the Docker config: no warning about it', async () => {
    const result = await loginIn(async (w) => {
      gitInit(join(w.root, 'repo'));
      return { DOCKER_CONFIG: join(w.root, 'repo', '.docker') };
    }, { settings: { docker: { mode: 'helper' } } });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).not.toMatch(/git work tree/);
  });

  it('outside any git work tree: no warning', async () => {
    const result = await loginIn(async () => ({}));
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toBe('');
  });
});

