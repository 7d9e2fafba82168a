// The CLI run in-process: real argument parsing, real config files in temp dirs, real child processes for exec;
// the session API is a stand-in recording what it was asked (the real one is tested with the AWS emulator).
import { mkdir, mkdtemp, readFile, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoreContext } from '../core/context.ts';
import { EcrAuthError } from '../core/errors.ts';
import type { IdentitySession, RegistryOutcome, RegistryRequest } from '../core/session.ts';
import { identityEnvironment } from '../core/session.ts';
import type { CliIo } from './io.ts';
import { runCli } from './main.ts';
import type { SessionApi } from './command.ts';

const NOW = Date.parse('2026-01-01T00:00:00Z');
const HOUR = 3_600_000;

const CONFIG = `auth:
  logs: { level: Info }
  providers:
    company-sso: { kind: aws/iam-identity-center, region: us-east-1, start_url: "https://company.awsapps.com/start" }
  identities:
    dev-admin:
      kind: aws/permission-set
      via: { provider: company-sso }
      principal: { name: AdministratorAccess, account: dev }
      default: true
    deployer:
      kind: aws/assume-role
      via: { identity: dev-admin }
      principal: { assume_role: "arn:aws:iam::111111111111:role/Deploy" }
  integrations:
    dev/ecr/primary:
      kind: aws/ecr
      via: { identity: dev-admin }
      spec: { registry: { account_id: "123456789012", region: us-east-2 } }
    public: { kind: aws/ecr-public, via: { identity: dev-admin } }
`;

let root: string;
let good: string;
let bad: string;
let empty: string;

beforeAll(async () => {
  root = await realpath(await mkdtemp(join(tmpdir(), 'ecr-auth-cli-')));
  good = join(root, 'good');
  bad = join(root, 'bad');
  empty = join(root, 'empty');
  for (const dir of [good, bad, empty]) await mkdir(dir);
  await writeFile(join(good, 'ecr-auth.config.yaml'), CONFIG);
  await writeFile(join(bad, 'ecr-auth.config.yaml'), CONFIG.replace('identity: dev-admin }\n      principal: { assume', 'identity: dev-admn }\n      principal: { assume'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function run(argv: string[], options: { cwd?: string; env?: Record<string, string>; session?: SessionApi } = {}): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: { write: (chunk: string) => (stdout += chunk) },
    stderr: { write: (chunk: string) => (stderr += chunk) },
    stdin: Readable.from([]),
    env: { PATH: process.env.PATH, HOME: root, ...options.env },
    cwd: options.cwd ?? good,
    isTTY: { stdin: false, stdout: false, stderr: false },
    platform: 'linux',
  };
  const code = await runCli(argv, io, { now: () => NOW, ...(options.session ? { session: options.session } : {}) });
  return { code, stdout, stderr };
}

const credentials = { accessKeyId: 'ASIAEXAMPLE', secretAccessKey: 'secret/key+', sessionToken: "tok'en", expiresAt: NOW + HOUR };

/** A session stand-in that records the calls it gets. */
function fakeSession(outcome: RegistryOutcome = { logins: [], failures: [] }, integrationEnv: Record<string, string> = {}) {
  const calls: Array<{ fn: string; arg?: unknown; ctx: CoreContext }> = [];
  const session: SessionApi = {
    async ensureIdentity(ctx, identity) {
      calls.push({ fn: 'ensureIdentity', arg: identity, ctx });
      return { identity: identity ?? ctx.config.defaultIdentity, credentials, region: 'us-east-2', source: 'login' } satisfies IdentitySession;
    },
    async ensureRegistries(ctx, request: RegistryRequest) {
      calls.push({ fn: 'ensureRegistries', arg: request, ctx });
      return outcome;
    },
    async integrationEnvironment(ctx, request) {
      calls.push({ fn: 'integrationEnvironment', arg: request, ctx });
      return integrationEnv;
    },
    async clientCredential(ctx, kind, request) {
      calls.push({ fn: 'clientCredential', arg: { kind, request: Object.fromEntries(request) }, ctx });
      return '{}';
    },
    async getLoginPassword(ctx, request) {
      calls.push({ fn: 'getLoginPassword', arg: request, ctx });
      return { host: '123456789012.dkr.ecr.us-east-2.amazonaws.com', username: 'AWS', password: 'PASSWORD', expiresAt: NOW + 12 * HOUR };
    },
    async status(ctx) {
      calls.push({ fn: 'status', ctx });
      return [
        { kind: 'identity', name: 'dev-admin', valid: true, expiresAt: NOW + HOUR, storedIn: '/c/dev-admin.json' },
        { kind: 'registry', name: 'public.ecr.aws', valid: false, expiresAt: NOW - 5 * 60_000, storedIn: 'docker:auths' },
        { kind: 'identity', name: 'deployer', valid: false },
      ];
    },
    async logout(ctx, request) {
      calls.push({ fn: 'logout', arg: request, ctx });
      return { removed: ['identity dev-admin', 'docker auths 123456789012.dkr.ecr.us-east-2.amazonaws.com'] };
    },
    identityEnvironment,
  };
  return { session, calls };
}

const login = (host: string, hours: number) => ({
  host, identity: 'dev-admin', region: 'us-east-2', expiresAt: NOW + hours * HOUR - 60_000, source: 'fetched' as const, storedIn: 'auths',
});
const failure = (host: string) => ({ host, error: new EcrAuthError('E_ECR_DENIED', 'not authorized to call GetAuthorizationToken', { hint: 'ask for ecr:GetAuthorizationToken' }) });

describe('top level', () => {
  it('--version prints the version of package.json', async () => {
    const pkg = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(await run(['--version'])).toEqual({ code: 0, stdout: `${pkg.version}\n`, stderr: '' });
  });

  it('--help lists every command on stdout', async () => {
    const { code, stdout, stderr } = await run(['--help']);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    for (const command of ['login', 'ecr-login', 'exec', 'env', 'status', 'get-login-password', 'logout', 'validate']) {
      expect(stdout).toMatch(new RegExp(`^  ${command} `, 'm'));
    }
  });

  it.each([[['help', 'exec']], [['exec', '--help']], [['--verbose', 'exec', '-h']]])('%j shows the command help', async (argv) => {
    const { code, stdout } = await run(argv);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Usage: ecr-auth exec \[--identity ID\] \[--integration NAME\.\.\.\] -- CMD ARGS\.\.\./);
    expect(stdout).toMatch(/--integration NAME\.\.\./);
    expect(stdout).toMatch(/--min-validity DURATION/);
  });

  it('no command: help on stderr, exit 2', async () => {
    const { code, stdout, stderr } = await run([]);
    expect([code, stdout]).toEqual([2, '']);
    expect(stderr).toMatch(/Usage: ecr-auth <command>/);
  });

  it.each([
    [['logn'], /^ecr-auth: unknown command "logn" \(did you mean "login"\?\)\n {2}→ run `ecr-auth --help` for the list of commands \[E_USAGE\]\n$/],
    [['frobnicate'], /^ecr-auth: unknown command "frobnicate"\n/],
    [['help', 'stats'], /unknown command "stats" \(did you mean "status"\?\)/],
    [['ecr-login', '--regsitry', 'h'], /unknown option --regsitry for `ecr-auth ecr-login` \(did you mean --registry\?\)/],
    [['status', 'extra'], /unexpected argument "extra" for `ecr-auth status`\n {2}→ usage: ecr-auth status/],
    [['get-login-password', 'a', 'b'], /unexpected argument "b"/],
    [['status', '--min-validity', 'soon'], /--min-validity: "soon" is not a duration/],
    [['env', '--format', 'zsh'], /unknown --format "zsh"/],
    [['env', '--json', '--format', 'bash'], /--json and --format bash disagree/],
    [['logout', 'dev-admin', '--all'], /give an IDENTITY or --all, not both/],
    [['get-login-password', 'public', '--registry', 'public.ecr.aws'], /not both/],
    [['exec', '--identity', 'dev-admin'], /exec needs a command to run/],
    [['env', '--format', 'github'], /--format github needs \$GITHUB_ENV/],
  ])('%j is a usage error: exit 2, one paragraph on stderr, nothing on stdout', async (argv, message) => {
    const { session, calls } = fakeSession();
    const { code, stdout, stderr } = await run(argv, { session });
    expect(code).toBe(2);
    if (argv.includes('--json')) expect(JSON.parse(stdout).error.code).toBe('E_USAGE');
    else expect(stdout).toBe('');
    expect(stderr).toMatch(message);
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(calls).toEqual([]);
  });

  it('--json puts the error on stdout as JSON too, and nothing else', async () => {
    const { code, stdout, stderr } = await run(['logn', '--json']);
    expect(code).toBe(2);
    expect(JSON.parse(stdout)).toEqual({ error: { code: 'E_USAGE', message: 'unknown command "logn" (did you mean "login"?)', hint: 'run `ecr-auth --help` for the list of commands' } });
    expect(stderr).toMatch(/^ecr-auth: unknown command/);
  });

  it('an unexpected error is exit 1; its stack only with --verbose', async () => {
    const { session } = fakeSession();
    const broken = { ...session, status: async () => Promise.reject(new TypeError('boom')) };
    const quiet = await run(['status'], { session: broken });
    expect(quiet.code).toBe(1);
    expect(quiet.stderr).toMatch(/^ecr-auth: unexpected error: boom\n.*\[E_INTERNAL\]\n$/);
    const verbose = await run(['status', '--verbose'], { session: broken });
    expect(verbose.stderr).toMatch(/TypeError: boom\n\s+at /);
  });

  it('an EcrAuthError from the session maps to its exit code', async () => {
    const { session } = fakeSession();
    const failing = { ...session, ensureIdentity: async () => Promise.reject(new EcrAuthError('E_SSO_EXPIRED', 'the SSO session expired', { hint: 'run `ecr-auth login`' })) };
    expect(await run(['login'], { session: failing })).toEqual({ code: 1, stdout: '', stderr: 'ecr-auth: the SSO session expired\n  → run `ecr-auth login` [E_SSO_EXPIRED]\n' });
  });
});

describe('validate', () => {
  it('prints what it found', async () => {
    const { code, stdout, stderr } = await run(['validate']);
    expect([code, stderr]).toEqual([0, '']);
    expect(stdout).toContain(`Config: ${join(good, 'ecr-auth.config.yaml')}`);
    expect(stdout).toMatch(/company-sso +aws\/iam-identity-center +us-east-1 +https:\/\/company\.awsapps\.com\/start/);
    expect(stdout).toMatch(/dev-admin \(default\) +aws\/permission-set +AdministratorAccess in dev +company-sso → dev-admin/);
    expect(stdout).toMatch(/deployer +aws\/assume-role +arn:aws:iam::111111111111:role\/Deploy +company-sso → dev-admin → deployer/);
    expect(stdout).toMatch(/dev\/ecr\/primary +aws\/ecr +123456789012\.dkr\.ecr\.us-east-2\.amazonaws\.com +via dev-admin +on login/);
    expect(stdout).toMatch(/public +aws\/ecr-public +public\.ecr\.aws/);
    expect(stdout).toContain('Default identity: dev-admin');
    expect(stdout).toContain('Settings: min_validity 15m, docker.mode auto');
    expect(stdout).toContain('auth.logs: is an Atmos setting that ecr-auth does not use: ignored');
    expect(stdout).toMatch(/✓ config is valid\n$/);
  });

  it('--json gives the same as one object, with --min-validity applied', async () => {
    const { code, stdout, stderr } = await run(['validate', '--json', '--min-validity', '1h']);
    expect([code, stderr]).toEqual([0, '']);
    const summary = JSON.parse(stdout);
    expect(summary).toMatchObject({
      valid: true,
      source: join(good, 'ecr-auth.config.yaml'),
      defaultIdentity: 'dev-admin',
      settings: { minValidity: '1h', minValidityMs: HOUR, docker: { mode: 'auto' } },
      warnings: ['auth.logs: is an Atmos setting that ecr-auth does not use: ignored'],
    });
    expect(summary.identities.map((i: { name: string; chain: string[] }) => [i.name, i.chain])).toEqual([
      ['dev-admin', ['company-sso', 'dev-admin']],
      ['deployer', ['company-sso', 'dev-admin', 'deployer']],
    ]);
    expect(summary.integrations.map((i: { host: string }) => i.host)).toEqual(['123456789012.dkr.ecr.us-east-2.amazonaws.com', 'public.ecr.aws']);
  });

  it('a bad config: exit 2, the file, the path and the closest name on stderr', async () => {
    const { code, stdout, stderr } = await run(['validate'], { cwd: bad });
    expect([code, stdout]).toEqual([2, '']);
    expect(stderr).toContain(`invalid config ${join(bad, 'ecr-auth.config.yaml')} (1 error):`);
    expect(stderr).toContain("auth.identities.deployer.via.identity: no identity named 'dev-admn' (did you mean 'dev-admin'?)");
    expect(stderr).toMatch(/\[E_CONFIG\]\n$/);
  });

  it('a bad config with --json: the issues as data on stdout', async () => {
    const { code, stdout } = await run(['validate', '--json'], { cwd: bad });
    expect(code).toBe(2);
    expect(JSON.parse(stdout)).toEqual({
      valid: false,
      source: join(bad, 'ecr-auth.config.yaml'),
      errors: [{ path: 'auth.identities.deployer.via.identity', message: "no identity named 'dev-admn' (did you mean 'dev-admin'?)", expected: 'one of dev-admin, deployer' }],
      warnings: ['auth.logs: is an Atmos setting that ecr-auth does not use: ignored'],
    });
  });

  it('no config: exit 2 with E_CONFIG_NOT_FOUND; --config and ECR_AUTH_CONFIG point elsewhere', async () => {
    const missing = await run(['validate'], { cwd: empty });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/no ecr-auth config found. Looked in .*\[E_CONFIG_NOT_FOUND\]/s);
    expect((await run(['validate', '--config', join(good, 'ecr-auth.config.yaml')], { cwd: empty })).code).toBe(0);
    expect((await run(['validate'], { cwd: empty, env: { ECR_AUTH_CONFIG: join(good, 'ecr-auth.config.yaml') } })).code).toBe(0);
  });
});

describe('commands over the session API', () => {
  it('login: ensures the identity, then its auto_provision registries; failures are warnings', async () => {
    const { session, calls } = fakeSession({ logins: [login('123456789012.dkr.ecr.us-east-2.amazonaws.com', 12)], failures: [failure('public.ecr.aws')] });
    const { code, stdout, stderr } = await run(['login', '--no-browser', '--min-validity', '30m'], { session });
    expect(code).toBe(0);
    expect(stdout).toBe('✓ dev-admin (signed in, expires in 1h0m)\n✓ ECR login: 123456789012.dkr.ecr.us-east-2.amazonaws.com (expires in 11h59m)\n');
    expect(stderr).toBe('✗ ECR login: public.ecr.aws: not authorized to call GetAuthorizationToken\n  → ask for ecr:GetAuthorizationToken [E_ECR_DENIED]\n');
    expect(calls.map((c) => [c.fn, c.arg])).toEqual([['ensureIdentity', undefined], ['ensureRegistries', { identity: 'dev-admin', autoProvisionOnly: true }]]);
    const ctx = calls[0]!.ctx;
    expect(ctx.minValidityMs).toBe(30 * 60_000);
    expect(ctx.interaction).toEqual({ human: false, browser: false, noBrowser: true });
    expect(ctx.now()).toBe(NOW);
    expect(ctx.config.source).toBe(join(good, 'ecr-auth.config.yaml'));
  });

  it('login --json: one object on stdout', async () => {
    const { session } = fakeSession({ logins: [login('public.ecr.aws', 12)], failures: [failure('x.example')] });
    const { code, stdout } = await run(['login', 'deployer', '--json'], { session });
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({
      identity: 'deployer', source: 'login', region: 'us-east-2', expiresAt: '2026-01-01T01:00:00.000Z',
      registries: [{ host: 'public.ecr.aws', expiresAt: '2026-01-01T11:59:00.000Z' }],
      failures: [{ host: 'x.example', error: { code: 'E_ECR_DENIED', hint: 'ask for ecr:GetAuthorizationToken' } }],
    });
  });

  it('ecr-login: integrations, --identity and repeated --registry make the request; a failure is exit 1', async () => {
    const { session, calls } = fakeSession({ logins: [login('public.ecr.aws', 12)], failures: [failure('123456789012.dkr.ecr.us-east-2.amazonaws.com')] });
    const { code, stdout, stderr } = await run(['ecr-login', 'dev/ecr/primary', 'public', '--identity', 'dev-admin', '--registry', 'a.example', '--registry=b.example', '--verbose'], { session });
    expect(code).toBe(1);
    expect(stdout).toBe('✓ ECR login: public.ecr.aws (expires in 11h59m)\n');
    expect(stderr).toContain('✗ ECR login: 123456789012.dkr.ecr.us-east-2.amazonaws.com: not authorized to call GetAuthorizationToken\n  → ask for ecr:GetAuthorizationToken [E_ECR_DENIED]\n');
    expect(calls[0]!.arg).toEqual({ integrations: ['dev/ecr/primary', 'public'], identity: 'dev-admin', registries: ['a.example', 'b.example'] });
  });

  it('ecr-login --registry with no identity needs no config file', async () => {
    const { session, calls } = fakeSession({ logins: [login('123456789012.dkr.ecr.us-east-1.amazonaws.com', 12)], failures: [] });
    const { code } = await run(['ecr-login', '--registry', '123456789012.dkr.ecr.us-east-1.amazonaws.com'], { cwd: empty, session });
    expect(code).toBe(0);
    expect(calls[0]!.ctx.config).toMatchObject({ identities: {}, integrations: {} });
    expect((await run(['ecr-login', 'public'], { cwd: empty, session })).code).toBe(2);
  });

  it.each([
    [[], `export AWS_ACCESS_KEY_ID='ASIAEXAMPLE'\nexport AWS_SECRET_ACCESS_KEY='secret/key+'\nexport AWS_SESSION_TOKEN='tok'\\''en'\nexport AWS_CREDENTIAL_EXPIRATION='2026-01-01T01:00:00.000Z'\nexport AWS_REGION='us-east-2'\nexport AWS_DEFAULT_REGION='us-east-2'\n`],
    [['--format', 'dotenv'], `AWS_ACCESS_KEY_ID=ASIAEXAMPLE\nAWS_SECRET_ACCESS_KEY=secret/key+\nAWS_SESSION_TOKEN="tok'en"\nAWS_CREDENTIAL_EXPIRATION=2026-01-01T01:00:00.000Z\nAWS_REGION=us-east-2\nAWS_DEFAULT_REGION=us-east-2\n`],
  ])('env %j', async (flags, expected) => {
    const { session } = fakeSession();
    expect(await run(['env', ...flags], { session })).toEqual({ code: 0, stdout: expected, stderr: '' });
  });

  it('env --json and --format json print one object', async () => {
    const { session, calls } = fakeSession();
    for (const flags of [['--json'], ['--format', 'json'], ['--json', '--format', 'json']]) {
      const { stdout } = await run(['env', '--identity', 'deployer', ...flags], { session });
      expect(JSON.parse(stdout)).toMatchObject({ AWS_ACCESS_KEY_ID: 'ASIAEXAMPLE', AWS_REGION: 'us-east-2' });
    }
    expect(calls.filter((c) => c.fn === 'ensureIdentity').map((c) => c.arg)).toEqual(['deployer', 'deployer', 'deployer']);
    expect(calls.filter((c) => c.fn === 'integrationEnvironment').map((c) => c.arg)).toEqual(
      Array(3).fill({ identity: 'deployer', autoProvisionOnly: true }),
    );
  });

  it('env --format github appends to $GITHUB_ENV and masks the secrets on stdout', async () => {
    const { session } = fakeSession();
    const file = join(root, 'github_env');
    await writeFile(file, 'EARLIER=1\n');
    const { code, stdout, stderr } = await run(['env', '--format', 'github'], { session, env: { GITHUB_ENV: file } });
    expect(code).toBe(0);
    expect(stdout).toBe("::add-mask::ASIAEXAMPLE\n::add-mask::secret/key+\n::add-mask::tok'en\n");
    expect(await readFile(file, 'utf8')).toBe("EARLIER=1\nAWS_ACCESS_KEY_ID=ASIAEXAMPLE\nAWS_SECRET_ACCESS_KEY=secret/key+\nAWS_SESSION_TOKEN=tok'en\nAWS_CREDENTIAL_EXPIRATION=2026-01-01T01:00:00.000Z\nAWS_REGION=us-east-2\nAWS_DEFAULT_REGION=us-east-2\n");
    expect(stderr).toMatch(/^wrote AWS_ACCESS_KEY_ID, .* to \$GITHUB_ENV\n$/);
  });

  it('get-login-password prints only the password', async () => {
    const { session, calls } = fakeSession();
    expect(await run(['get-login-password', 'dev/ecr/primary'], { session })).toEqual({ code: 0, stdout: 'PASSWORD\n', stderr: '' });
    await run(['get-login-password', '--registry', 'h.example', '--identity', 'deployer'], { session });
    expect(calls.map((c) => c.arg)).toEqual([{ integration: 'dev/ecr/primary' }, { registry: 'h.example', identity: 'deployer' }]);
    const json = await run(['get-login-password', '--json'], { session });
    expect(JSON.parse(json.stdout)).toEqual({ host: '123456789012.dkr.ecr.us-east-2.amazonaws.com', username: 'AWS', password: 'PASSWORD', expiresAt: '2026-01-01T12:00:00.000Z' });
  });

  it('status renders a table, or JSON', async () => {
    const { session } = fakeSession();
    const { code, stdout } = await run(['status'], { session });
    expect(code).toBe(0);
    expect(stdout.split('\n')).toEqual([
      'KIND      NAME            STATE      EXPIRES  STORED IN',
      'identity  dev-admin       ✓ valid    in 1h0m  /c/dev-admin.json',
      'registry  public.ecr.aws  ✗ expired  5m ago   docker:auths',
      'identity  deployer        ✗ none',
      '',
    ]);
    const json = JSON.parse((await run(['status', '--json'], { session })).stdout);
    expect(json.entries[0]).toEqual({ kind: 'identity', name: 'dev-admin', valid: true, expiresAt: '2026-01-01T01:00:00.000Z', expiresInMs: HOUR, storedIn: '/c/dev-admin.json' });
    expect(json.entries[2]).toEqual({ kind: 'identity', name: 'deployer', valid: false });
  });

  it('status --expiring-within exits 1 with the list of what expires within it, 0 when nothing does', async () => {
    const { session } = fakeSession();
    const soon = await run(['status', '--expiring-within', '2h'], { session });
    expect(soon.code).toBe(1);
    expect(soon.stderr).toContain('✗ 2 expire within 2h:\n  identity dev-admin: in 1h0m\n  registry public.ecr.aws: 5m ago\n');
    expect(soon.stderr).not.toContain('deployer');
    const json = await run(['status', '--expiring-within', '2h', '--json'], { session });
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout).expiring.map((e: { name: string }) => e.name)).toEqual(['dev-admin', 'public.ecr.aws']);
    const later = { ...session, status: async () => [{ kind: 'identity' as const, name: 'dev-admin', valid: true, expiresAt: NOW + 3 * HOUR }] };
    const fine = await run(['status', '--expiring-within', '2h'], { session: later });
    expect(fine.code).toBe(0);
    expect(fine.stderr).toContain('✓ nothing expires within 2h');
    const badFlag = await run(['status', '--expiring-within', 'soon'], { session });
    expect(badFlag.code).toBe(2);
    expect(badFlag.stderr).toMatch(/--expiring-within: "soon" is not a duration/);
  });

  it('doctor with a config that does not load: the config check fails with its fix, exit 2; --explain names the check', async () => {
    const run1 = await run(['doctor', '--explain', 'no basic auth credentials'], { cwd: bad });
    expect(run1.code).toBe(2);
    expect(run1.stdout).toMatch(/^That error maps to the docker check: /);
    expect(run1.stdout).toMatch(/^✗ config +config: [\s\S]*\n {4}.*dev-admn/m);
    expect(run1.stdout).toMatch(/^ {4}→ /m);
    expect(run1.stdout).not.toContain('no basic auth credentials');
    const json = JSON.parse((await run(['doctor', '--json', '--explain', 'something else entirely'], { cwd: bad })).stdout);
    expect(json).toMatchObject({ ok: false, checks: [{ check: 'config', status: 'fail' }], explain: { check: null } });
  });

  it('audit without settings.audit_log says how to turn it on (exit 2)', async () => {
    const { code, stderr } = await run(['audit']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/sets no settings\.audit_log[\s\S]*→ add `settings: \{ audit_log:/);
  });

  it('logout prints what it removed; --all works without a config', async () => {
    const { session, calls } = fakeSession();
    expect((await run(['logout', 'deployer'], { session })).stdout).toBe('removed identity dev-admin\nremoved docker auths 123456789012.dkr.ecr.us-east-2.amazonaws.com\n');
    expect((await run(['logout', '--all', '--json'], { session, cwd: empty })).code).toBe(0);
    expect(calls.map((c) => c.arg)).toEqual([{ identity: 'deployer' }, { all: true }]);
  });
});

describe('exec', () => {
  const node = process.execPath;

  it("runs the command with the identity's environment, without stale AWS variables, and returns its code", async () => {
    const { session, calls } = fakeSession(undefined, { KUBECONFIG: '/from/an/integration' });
    const out = join(root, 'exec-env.json');
    const script = `require('fs').writeFileSync(${JSON.stringify(out)}, JSON.stringify(process.env)); process.exit(7)`;
    const { code, stdout } = await run(['exec', '--identity', 'deployer', '--', node, '-e', script], {
      session, env: { AWS_PROFILE: 'stale', AWS_SESSION_TOKEN: 'stale', KEEP: 'me' },
    });
    expect([code, stdout]).toEqual([7, '']);
    const env = JSON.parse(await readFile(out, 'utf8')) as Record<string, string>;
    expect(env).toMatchObject({ AWS_ACCESS_KEY_ID: 'ASIAEXAMPLE', AWS_SESSION_TOKEN: "tok'en", AWS_REGION: 'us-east-2', KEEP: 'me', KUBECONFIG: '/from/an/integration' });
    expect(env.AWS_PROFILE).toBeUndefined();
    const request = { identity: 'deployer', autoProvisionOnly: true };
    expect(calls.map((c) => [c.fn, c.arg])).toEqual([['ensureIdentity', 'deployer'], ['ensureRegistries', request], ['integrationEnvironment', request]]);
  });

  it('the child command may be given without --, and its own flags are not ours', async () => {
    const { session } = fakeSession();
    const script = "process.exit(process.argv.slice(1).join(' ') === '--json --verbose' ? 3 : 4)";
    expect((await run(['exec', node, '-e', script, '--', '--json', '--verbose'], { session })).code).toBe(3);
  });

  it('a named integration that fails stops before the command runs', async () => {
    const { session } = fakeSession({ logins: [], failures: [failure('public.ecr.aws')] });
    const { code, stderr } = await run(['exec', '--integration', 'public', '--', node, '-e', 'process.exit(0)'], { session });
    expect(code).toBe(1);
    expect(stderr).toContain('✗ ECR login: public.ecr.aws');
  });

  it('a command that does not exist is 127, with a clear error', async () => {
    const { session } = fakeSession();
    const { code, stderr } = await run(['exec', '--', 'ecr-auth-no-such-command-xyz'], { session });
    expect(code).toBe(127);
    expect(stderr).toMatch(/^ecr-auth: command not found: ecr-auth-no-such-command-xyz\n.*\[E_EXEC\]\n$/);
  });

  it('a command killed by a signal is 128+n', async () => {
    const { session } = fakeSession();
    expect((await run(['exec', '--', node, '-e', "process.kill(process.pid, 'SIGTERM')"], { session })).code).toBe(128 + 15);
  });
});
