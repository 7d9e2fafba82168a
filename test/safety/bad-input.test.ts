// Bad input through the real CLI (the built bin, spawned as users run it, against the AWS emulator): broken configs,
// bad arguments, look-alike registry hosts, odd Docker configs, corrupted caches and directories this user cannot
// write. Every failing case: the right exit code (2 usage/config, 1 job failure) and error code, stderr one
// paragraph that says what to do and holds no stack, stdout empty (or one JSON document with --json), and the
// files it must not touch byte-for-byte as they were. Tolerated input (an empty or BOM'd Docker config, a symlinked
// one, a corrupt cache) must just work. Each case runs twice, plain and with --json, each in a world of its own.
import { chmod, chown, mkdir, readFile, readdir, readlink, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../emulator/index.ts';
import { CAN_RUN_UNPRIVILEGED, inPool, NOBODY_ID, runCli, runHelper, RUNNING_AS_ROOT, type BinResult } from './support/bins.ts';
import { makeCliHome, standardConfig, type CliHome } from './support/cli-home.ts';
import { differences, takePicture } from './support/file-pictures.ts';
import { hasStackTrace, jsonErrorCode, paragraphProblems } from './support/stderr-shape.ts';

const HOST = '123456789012.dkr.ecr.us-east-2.amazonaws.com';
const AD_HOC = '123456789012.dkr.ecr.us-east-1.amazonaws.com';
const POOL = 3;

interface Arranged {
  /** Extra environment for the run. */
  env?: Record<string, string>;
  /** Paths that must stay byte-for-byte as they were, besides the defaults. */
  watch?: string[];
  /** Working directory of the run (default HOME). */
  cwd?: string;
}

interface Case {
  name: string;
  argv: string[];
  /** Prepares the world after the standard config is written and an SSO session seeded. */
  arrange?: (w: CliHome, cli: (argv: string[]) => Promise<BinResult>) => Promise<Arranged | void>;
  exit: 0 | 1 | 2;
  /** The error code in stderr's "[E_...]" / the ✗ line, and in --json's error. */
  code?: string;
  /** What stderr must say (beyond the general shape). */
  says?: RegExp;
  /** Runs without the test runner's rights (as nobody when the tests run as root); skipped when impossible. */
  unprivileged?: boolean;
  /** Tolerated input (exit 0): paths that must still be byte-for-byte as they were, besides ~/.aws and the config. */
  untouched?: (w: CliHome) => string[];
  /** Extra checks on the world after the run. */
  after?: (w: CliHome, result: BinResult) => Promise<void>;
  /** The --json variant is not run (e.g. the --json flag is itself the case). */
  noJson?: boolean;
}

const config = (extra: Parameters<typeof standardConfig>[0]) => standardConfig(extra);
const identity = (name: string, body: object) => ({ identities: { [name]: body } });

/** The flag --json inserted right after the command name (before `--` for exec). */
const withJson = (argv: string[]) => (argv.length === 0 ? ['--json'] : [argv[0]!, '--json', ...argv.slice(1)]);

/** Chowns a path to nobody when running as root (so an unprivileged run owns it). */
const giveToNobody = async (...paths: string[]) => {
  for (const path of paths) if (RUNNING_AS_ROOT) await chown(path, NOBODY_ID, NOBODY_ID);
};

/** A world where nobody owns HOME, ~/.aws (with the seeded session) and the ecr-auth cache. */
async function nobodyHome(w: CliHome) {
  await mkdir(w.cacheDir, { recursive: true });
  for (const path of [w.home, join(w.home, '.aws'), join(w.home, '.aws', 'sso'), join(w.home, '.aws', 'sso', 'cache'), w.ssoTokenPath, join(w.home, '.cache'), w.cacheDir]) {
    await giveToNobody(path);
  }
}

const CONFIG_CASES: Case[] = [
  {
    name: 'YAML syntax error: names the file, line and column',
    argv: ['login'],
    arrange: async (w) => void (await w.writeConfig('auth:\n  providers:\n    sso: { kind: aws/iam-identity-center, region: us-east-1\n  identities: {}\n')),
    exit: 2, code: 'E_CONFIG', says: /ecr-auth\.config\.yaml:\d+:\d+: invalid YAML/,
  },
  {
    name: 'JSON syntax error (trailing comma) in --config x.json',
    argv: ['validate', '--config', 'broken.json'],
    arrange: async (w) => void (await w.writeConfig('{ "auth": { "providers": {}, } }', join(w.home, 'broken.json'))),
    exit: 2, code: 'E_CONFIG', says: /broken\.json:1:\d+: invalid JSON/,
  },
  {
    name: 'a provider of an unknown kind: the path and the kinds there are',
    argv: ['login'],
    arrange: async (w) => {
      const doc = config({}) as { auth: { providers: Record<string, unknown> } };
      doc.auth.providers['company-sso'] = { kind: 'aws/sso', region: 'us-east-1', start_url: 'https://x.awsapps.com/start/' };
      await w.writeConfig(doc);
    },
    exit: 2, code: 'E_CONFIG', says: /auth\.providers\.company-sso\.kind/,
  },
  {
    name: 'a value of the wrong type (region: 5)',
    argv: ['ecr-login'],
    arrange: async (w) => {
      const doc = config({}) as { auth: { providers: Record<string, Record<string, unknown>> } };
      doc.auth.providers['company-sso']!.region = 5;
      await w.writeConfig(doc);
    },
    exit: 2, code: 'E_CONFIG', says: /auth\.providers\.company-sso\.region/,
  },
  {
    name: 'a reference to a provider that does not exist names the closest one',
    argv: ['login'],
    arrange: async (w) => {
      const doc = config({}) as { auth: { identities: Record<string, { via: object }> } };
      doc.auth.identities['dev-admin']!.via = { provider: 'company-ssso' };
      await w.writeConfig(doc);
    },
    exit: 2, code: 'E_CONFIG', says: /company-ssso[\s\S]*did you mean[^\n]*company-sso/,
  },
  {
    name: 'an identity cycle is named along its path',
    argv: ['validate'],
    arrange: async (w) =>
      void (await w.writeConfig(
        config({
          identities: {
            a: { kind: 'aws/assume-role', via: { identity: 'b' }, principal: { assume_role: 'arn:aws:iam::123456789012:role/A' } },
            b: { kind: 'aws/assume-role', via: { identity: 'a' }, principal: { assume_role: 'arn:aws:iam::123456789012:role/B' } },
          },
        }),
      )),
    exit: 2, code: 'E_CONFIG', says: /cycle/,
  },
  {
    name: 'two identities marked default: true, and no terminal to ask which (Atmos asks on one)',
    argv: ['login'],
    arrange: async (w) =>
      void (await w.writeConfig(
        config(identity('other', { kind: 'aws/permission-set', via: { provider: 'company-sso' }, principal: { name: 'ReadOnlyAccess', account: 'prod' }, default: true })),
      )),
    exit: 2, code: 'E_USAGE', says: /2 identities are marked default: true \(dev-admin, other\) and there is no terminal to ask which/,
  },
  {
    name: 'an 11-digit account id in an integration',
    argv: ['ecr-login'],
    arrange: async (w) =>
      void (await w.writeConfig(
        config({ integrations: { 'dev/ecr/primary': { kind: 'aws/ecr', via: { identity: 'dev-admin' }, spec: { registry: { account_id: '12345678901', region: 'us-east-2' } } } } }),
      )),
    exit: 2, code: 'E_CONFIG', says: /account_id/,
  },
  {
    name: 'settings.min_validity that is not a duration',
    argv: ['login'],
    arrange: async (w) => void (await w.writeConfig(config({ settings: { min_validity: 'soon' } }))),
    exit: 2, code: 'E_CONFIG', says: /min_validity/,
  },
  {
    name: 'settings.docker.mode that does not exist',
    argv: ['ecr-login'],
    arrange: async (w) => void (await w.writeConfig(config({ settings: { docker: { mode: 'magic' } } }))),
    exit: 2, code: 'E_CONFIG', says: /docker\.mode/,
  },
  {
    name: 'an empty config file',
    argv: ['login'],
    arrange: async (w) => void (await w.writeConfig('')),
    exit: 2, code: 'E_CONFIG', says: /empty/,
  },
  {
    name: 'a config that is a YAML list',
    argv: ['validate'],
    arrange: async (w) => void (await w.writeConfig('- providers\n- identities\n')),
    exit: 2, code: 'E_CONFIG',
  },
  {
    name: 'no config anywhere from the working directory up',
    argv: ['login'],
    arrange: async (w) => void (await rm(w.configPath)),
    exit: 2, code: 'E_CONFIG_NOT_FOUND',
  },
  {
    name: '--config naming a file that does not exist',
    argv: ['login', '--config', 'nope.yaml'],
    exit: 2, code: 'E_CONFIG_NOT_FOUND', says: /nope\.yaml/,
  },
  {
    name: '--config naming a directory',
    argv: ['validate', '--config', '.'],
    exit: 2, code: 'E_CONFIG_NOT_FOUND', says: /is not a file/,
  },
  {
    name: 'ECR_AUTH_CONFIG naming a file that does not exist',
    argv: ['status'],
    arrange: async (w) => ({ env: { ECR_AUTH_CONFIG: join(w.root, 'missing.yaml') } }),
    exit: 2, code: 'E_CONFIG_NOT_FOUND', says: /ECR_AUTH_CONFIG/,
  },
  {
    name: 'a config file this user cannot read',
    argv: ['login'],
    unprivileged: true,
    arrange: async (w) => {
      await chmod(w.configPath, 0o000);
    },
    exit: 2, code: 'E_CONFIG', says: /ecr-auth\.config\.yaml cannot be read[\s\S]*→ make it readable/,
  },
  {
    name: 'a config file this user cannot read, found above another directory',
    argv: ['login'],
    unprivileged: true,
    arrange: async (w) => {
      await chmod(w.configPath, 0o000);
      await mkdir(join(w.home, 'project', 'app'), { recursive: true });
      return { cwd: join(w.home, 'project', 'app') };
    },
    exit: 2, code: 'E_CONFIG', says: /ecr-auth\.config\.yaml cannot be read/,
  },
  {
    name: '--config naming a file this user cannot read',
    argv: ['validate', '--config', 'ecr-auth.config.yaml'],
    unprivileged: true,
    arrange: async (w) => {
      await chmod(w.configPath, 0o000);
    },
    exit: 2, code: 'E_CONFIG', says: /ecr-auth\.config\.yaml .*(not readable|cannot be read)/,
  },
  {
    name: 'login of an identity the config does not have names the closest one',
    argv: ['login', 'dev-admn'],
    exit: 2, code: 'E_USAGE', says: /dev-admn[\s\S]*did you mean[^\n]*dev-admin/,
  },
  {
    name: 'ecr-login of an integration the config does not have',
    argv: ['ecr-login', 'dev/ecr/primray'],
    exit: 2, code: 'E_USAGE', says: /dev\/ecr\/primray[\s\S]*did you mean[^\n]*dev\/ecr\/primary/,
  },
];

const ARGUMENT_CASES: Case[] = [
  { name: 'an unknown command suggests the closest', argv: ['lgoin'], exit: 2, code: 'E_USAGE', says: /did you mean "login"/ },
  { name: 'an unknown flag suggests the closest', argv: ['ecr-login', '--identiy', 'dev-admin'], exit: 2, code: 'E_USAGE', says: /--identity/ },
  { name: 'a string flag without its value', argv: ['ecr-login', '--identity'], exit: 2, code: 'E_USAGE', says: /--identity needs a value/ },
  { name: '--config without its value', argv: ['validate', '--config'], exit: 2, code: 'E_USAGE', says: /--config needs a value/ },
  { name: 'a bad duration', argv: ['login', '--min-validity', '3x'], exit: 2, code: 'E_USAGE', says: /"3x" is not a duration/ },
  { name: 'a negative duration', argv: ['login', '--min-validity=-5m'], exit: 2, code: 'E_USAGE', says: /duration/ },
  { name: '--format nonsense', argv: ['env', '--format', 'xml'], exit: 2, code: 'E_USAGE', says: /unknown --format "xml"/ },
  { name: '--json and --format bash disagree', argv: ['env', '--json', '--format', 'bash'], exit: 2, code: 'E_USAGE', noJson: true },
  { name: '--format github outside GitHub Actions', argv: ['env', '--format', 'github'], exit: 2, code: 'E_USAGE', says: /GITHUB_ENV/ },
  { name: 'exec with no command', argv: ['exec', '--identity', 'dev-admin'], exit: 2, code: 'E_USAGE', says: /exec needs a command/ },
  { name: 'exec with nothing after --', argv: ['exec', '--'], exit: 2, code: 'E_USAGE', says: /exec needs a command/ },
  { name: 'get-login-password with both an integration and --registry', argv: ['get-login-password', 'dev/ecr/primary', '--registry', HOST], exit: 2, code: 'E_USAGE' },
  { name: 'logout with both an identity and --all', argv: ['logout', 'dev-admin', '--all'], exit: 2, code: 'E_USAGE' },
  { name: 'too many arguments', argv: ['login', 'dev-admin', 'extra'], exit: 2, code: 'E_USAGE', says: /unexpected argument "extra"/ },
  { name: 'a boolean flag given a value', argv: ['status', '--verbose=yes'], exit: 2, code: 'E_USAGE', says: /--verbose takes no value/ },
];

// (userinfo is never echoed back, since it may be a password: every run is checked for "hunter2")
const hostCase = (name: string, host: string, says: RegExp, argv = ['ecr-login', '--registry', host]): Case => ({
  name, argv, exit: 2, code: 'E_REGISTRY_HOST', says,
});

const HOST_CASES: Case[] = [
  hostCase('a look-alike with a foreign suffix', `${AD_HOC}.fake.example.com`, /unrecognised form/),
  hostCase('ECR Public look-alike', 'public.ecr.aws.fake.example.com', /unrecognised form/),
  hostCase('an 11-digit account', '12345678901.dkr.ecr.us-east-1.amazonaws.com', /12 digits/),
  hostCase('a 13-digit account', '1234567890123.dkr.ecr.us-east-1.amazonaws.com', /12 digits/),
  hostCase('userinfo before the host', `https://AWS:hunter2@${AD_HOC}`, /user information/),
  hostCase('the real host as userinfo of another', `${AD_HOC}@evil.example.com`, /user information/),
  hostCase('a port', `${AD_HOC}:443`, /port/),
  hostCase('a Cyrillic "а" in amazonaws', '123456789012.dkr.ecr.us-east-1.\u0430mazonaws.com', /unrecognised form/),
  hostCase('the host inside a path of another', `evil.example.com/${AD_HOC}`, /unrecognised form/),
  hostCase('a region in the wrong partition', '123456789012.dkr.ecr.cn-north-1.amazonaws.com', /not served under/),
  hostCase('get-login-password for a look-alike', `${AD_HOC}.evil.example.com`, /unrecognised form/, ['get-login-password', '--registry', `${AD_HOC}.evil.example.com`]),
  hostCase('ecr-login --identity with an empty host', '', /empty/, ['ecr-login', '--identity', 'dev-admin', '--registry', '']),
];

/** Writes ~/.docker/config.json (raw text) before the run. */
const dockerFile = (text: string, mode = 0o644) => async (w: CliHome) => {
  await mkdir(w.dockerDir, { recursive: true });
  await writeFile(w.dockerConfigPath, text, { mode });
  await chmod(w.dockerConfigPath, mode);
};

const DOCKER_CASES: Case[] = [
  {
    name: 'Docker config with trailing garbage: untouched, says where',
    argv: ['ecr-login'],
    arrange: dockerFile('{"auths": {"ghcr.io": {"auth": "Z2g6dG9rZW4="}}} }garbage'),
    exit: 1, code: 'E_DOCKER_CONFIG', says: /not valid JSON \(line 1, column \d+\)/,
  },
  {
    name: 'Docker config holding an array',
    argv: ['ecr-login'],
    arrange: dockerFile('[{"auths": {}}]'),
    exit: 1, code: 'E_DOCKER_CONFIG', says: /an array/,
  },
  {
    name: 'Docker config whose auths is a string',
    argv: ['ecr-login'],
    arrange: dockerFile('{"auths": "ghcr.io"}'),
    exit: 1, code: 'E_DOCKER_CONFIG', says: /"auths" that is not an object/,
  },
  {
    name: 'Docker config holding null',
    argv: ['login'],
    arrange: dockerFile('null'),
    untouched: (w) => [w.dockerDir],
    exit: 0, // login reports registry failures as warnings; the Docker config is still untouched
    after: async (w, result) => {
      expect(result.stderr).toMatch(/✗ ECR login: .*holds null/);
      expect(result.stderr).toMatch(/→ /);
    },
  },
  {
    name: 'credsStore naming a helper that is not on PATH',
    argv: ['ecr-login'],
    arrange: dockerFile('{"credsStore": "ecr-auth-test-missing"}'),
    exit: 1, code: 'E_DOCKER_HELPER', says: /docker-credential-ecr-auth-test-missing is not on PATH/,
  },
  {
    name: 'a read-only Docker config',
    argv: ['ecr-login'],
    arrange: dockerFile('{"auths": {}}', 0o444),
    exit: 1, code: 'E_DOCKER_CONFIG', says: /read-only/,
  },
  {
    name: 'a directory where config.json should be',
    argv: ['ecr-login'],
    arrange: async (w) => void (await mkdir(w.dockerConfigPath, { recursive: true })),
    exit: 1, code: 'E_DOCKER_CONFIG', says: /is a directory/,
  },
  {
    name: 'DOCKER_CONFIG naming a file, not a directory',
    argv: ['ecr-login'],
    arrange: async (w) => {
      await writeFile(join(w.root, 'not-a-dir'), 'x');
      return { env: { DOCKER_CONFIG: join(w.root, 'not-a-dir') }, watch: [join(w.root, 'not-a-dir')] };
    },
    exit: 1, code: 'E_DOCKER_CONFIG',
  },
  {
    name: 'a config.json symlink that loops',
    argv: ['ecr-login'],
    arrange: async (w) => {
      await mkdir(w.dockerDir, { recursive: true });
      await symlink('loop.json', w.dockerConfigPath);
      await symlink('config.json', join(w.dockerDir, 'loop.json'));
    },
    exit: 1, code: 'E_DOCKER_CONFIG',
  },
  {
    name: 'an empty Docker config is tolerated (as docker does) and filled in',
    argv: ['ecr-login'],
    arrange: dockerFile(''),
    exit: 0,
    after: async (w) => expect(JSON.parse(await readFile(w.dockerConfigPath, 'utf8')).auths[HOST].auth).toBeTruthy(),
  },
  {
    name: 'a Docker config with a UTF-8 BOM is tolerated, its entries kept',
    argv: ['ecr-login'],
    arrange: dockerFile('\uFEFF{"auths": {"ghcr.io": {"auth": "Z2g6dG9rZW4="}}, "currentContext": "colima"}'),
    exit: 0,
    after: async (w) => {
      const doc = JSON.parse((await readFile(w.dockerConfigPath, 'utf8')).replace(/^\uFEFF/, ''));
      expect(doc).toMatchObject({ currentContext: 'colima', auths: { 'ghcr.io': { auth: 'Z2g6dG9rZW4=' }, [HOST]: {} } });
    },
  },
  {
    name: 'a symlinked Docker config (dotfiles) is written through; the link stays',
    argv: ['ecr-login'],
    arrange: async (w) => {
      await mkdir(join(w.root, 'dotfiles'));
      await writeFile(join(w.root, 'dotfiles', 'docker.json'), '{"currentContext": "colima"}');
      await mkdir(w.dockerDir, { recursive: true });
      await symlink(join(w.root, 'dotfiles', 'docker.json'), w.dockerConfigPath);
    },
    exit: 0,
    after: async (w) => {
      expect(await readlink(w.dockerConfigPath)).toBe(join(w.root, 'dotfiles', 'docker.json'));
      expect(JSON.parse(await readFile(join(w.root, 'dotfiles', 'docker.json'), 'utf8'))).toMatchObject({ currentContext: 'colima', auths: { [HOST]: {} } });
    },
  },
];

/** Every JSON file under the ecr-auth cache, cut in half (what a full disk or a crash could leave). */
async function truncateCacheFiles(w: CliHome): Promise<number> {
  let count = 0;
  const visit = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await visit(path);
      else if (entry.name.endsWith('.json')) {
        const text = await readFile(path, 'utf8');
        await writeFile(path, text.slice(0, Math.floor(text.length / 2)));
        count++;
      }
    }
  };
  await visit(w.cacheDir);
  return count;
}

const CACHE_CASES: Case[] = [
  {
    name: 'every cache file truncated: ecr-login fetches again and works',
    argv: ['ecr-login'],
    arrange: async (w, cli) => {
      expect((await cli(['ecr-login'])).code).toBe(0);
      expect(await truncateCacheFiles(w)).toBeGreaterThan(1);
    },
    exit: 0,
    after: async (w) => expect(JSON.parse(await readFile(w.dockerConfigPath, 'utf8')).auths[HOST].auth).toBeTruthy(),
  },
  {
    name: 'every cache file truncated: status still reports, without a network call',
    argv: ['status'],
    arrange: async (w, cli) => {
      expect((await cli(['login'])).code).toBe(0);
      await truncateCacheFiles(w);
    },
    exit: 0,
  },
  {
    name: 'every cache file truncated: logout still works (and, its ledger unreadable, leaves Docker entries alone)',
    argv: ['logout'],
    arrange: async (w, cli) => {
      expect((await cli(['login'])).code).toBe(0);
      await truncateCacheFiles(w);
    },
    exit: 0,
    after: async (w) => expect(JSON.parse(await readFile(w.dockerConfigPath, 'utf8')).auths[HOST].auth).toBeTruthy(),
  },
  {
    name: 'a garbage SSO cache file: login required, the file left as it is',
    argv: ['login'],
    arrange: async (w) => void (await writeFile(w.ssoTokenPath, '\u0000\u0001not json{{{')),
    exit: 1, code: 'E_SSO_LOGIN_REQUIRED', says: /SSO login required/,
  },
  {
    name: 'an SSO cache file holding a JSON array',
    argv: ['ecr-login'],
    arrange: async (w) => void (await writeFile(w.ssoTokenPath, '[1,2,3]')),
    exit: 1, code: 'E_SSO_LOGIN_REQUIRED',
  },
];

const PERMISSION_CASES: Case[] = [
  {
    name: 'a HOME this user cannot write (no cache can be created)',
    argv: ['login'],
    unprivileged: true,
    arrange: async (w) => void (await chmod(w.home, 0o555)),
    exit: 1, code: 'E_CACHE', says: /ECR_AUTH_CACHE_DIR/,
  },
  {
    name: 'a HOME this user cannot write: status (which writes nothing) still reports',
    argv: ['status'],
    unprivileged: true,
    arrange: async (w) => void (await chmod(w.home, 0o555)),
    exit: 0,
  },
  {
    name: 'a HOME this user cannot write: validate still checks the config',
    argv: ['validate'],
    unprivileged: true,
    arrange: async (w) => void (await chmod(w.home, 0o555)),
    exit: 0,
  },
  {
    name: 'an ECR_AUTH_CACHE_DIR this user cannot write',
    argv: ['ecr-login'],
    unprivileged: true,
    arrange: async (w) => {
      await nobodyHome(w);
      const cache = join(w.root, 'shared-cache');
      await mkdir(cache, { mode: 0o555 });
      return { env: { ECR_AUTH_CACHE_DIR: cache }, watch: [cache] };
    },
    exit: 1, code: 'E_CACHE', says: /shared-cache/,
  },
  {
    name: 'a ~/.docker this user cannot write',
    argv: ['ecr-login'],
    unprivileged: true,
    arrange: async (w) => {
      await nobodyHome(w);
      await mkdir(w.dockerDir);
      await writeFile(w.dockerConfigPath, '{"auths": {}}', { mode: 0o644 });
      await giveToNobody(w.dockerConfigPath); // the file is theirs, the directory is not: no temp file can be made
      await chmod(w.dockerDir, 0o555);
    },
    exit: 1, code: 'E_DOCKER_CONFIG', says: /writable|cannot be written/,
  },
  {
    name: 'a Docker config this user cannot read',
    argv: ['ecr-login'],
    unprivileged: true,
    arrange: async (w) => {
      await nobodyHome(w);
      await mkdir(w.dockerDir);
      await giveToNobody(w.dockerDir);
      await writeFile(w.dockerConfigPath, '{"auths": {}}', { mode: 0o000 });
      await chmod(w.dockerConfigPath, 0o000);
    },
    exit: 1, code: 'E_DOCKER_CONFIG', says: /not readable/,
  },
  {
    name: 'an SSO cache file this user cannot read',
    argv: ['login'],
    unprivileged: true,
    arrange: async (w) => {
      await nobodyHome(w);
      await chmod(w.ssoTokenPath, 0o000);
    },
    exit: 1, says: /not readable|permission/i,
  },
];

const CASES: Array<Case & { group: string }> = [
  ...CONFIG_CASES.map((c) => ({ ...c, group: 'config' })),
  ...ARGUMENT_CASES.map((c) => ({ ...c, group: 'arguments' })),
  ...HOST_CASES.map((c) => ({ ...c, group: 'registry host' })),
  ...DOCKER_CASES.map((c) => ({ ...c, group: 'docker config' })),
  ...CACHE_CASES.map((c) => ({ ...c, group: 'cache' })),
  ...PERMISSION_CASES.map((c) => ({ ...c, group: 'permissions' })),
];

interface Outcome {
  result: BinResult;
  changed: string[];
  world: CliHome;
}

let emulator: Emulator;
const outcomes = new Map<string, Outcome>();

/** One variant of one case in a world of its own; the world is kept until `after` has looked at it. */
async function runCase(c: Case, json: boolean): Promise<Outcome> {
  const w = await makeCliHome(emulator);
  await w.seedSso();
  const base = { env: w.env, cwd: w.cwd };
  const arranged = (await c.arrange?.(w, (argv) => runCli(argv, base))) ?? {};
  const env = { ...w.env, ...arranged.env };
  // Usage and config errors touch nothing at all; a job failure may cache what it fetched, nothing else.
  // Tolerated input: the SSO cache and the config (and what the case names) stay as they were.
  const watched =
    c.exit === 2 ? [w.root]
    : c.exit === 1 ? [w.dockerDir, join(w.home, '.aws'), w.configPath, ...(arranged.watch ?? [])]
    : [join(w.home, '.aws'), w.configPath, ...(c.untouched?.(w) ?? [])];
  const before = await takePicture(watched);
  const result = await runCli(json ? withJson(c.argv) : c.argv, { env, cwd: arranged.cwd ?? w.cwd, ...(c.unprivileged ? { unprivileged: true } : {}) });
  // what the tool may keep in its own cache (a config memo, lock files) is not "touching" the user's files
  const ours = (path: string) => path === join(w.home, '.cache') || path === w.cacheDir || path.startsWith(`${w.cacheDir}/`);
  const changed = differences(before, await takePicture(watched)).filter((path) => !ours(path));
  return { result, changed, world: w };
}

beforeAll(async () => {
  emulator = await startEmulator();
  const runnable = CASES.filter((c) => !c.unprivileged || CAN_RUN_UNPRIVILEGED);
  const variants = runnable.flatMap((c) => [{ c, json: false }, ...(c.noJson ? [] : [{ c, json: true }])]);
  await inPool(variants, POOL, async ({ c, json }) => outcomes.set(`${c.name}|${json}`, await runCase(c, json)));
}, 240_000);

afterAll(async () => {
  if (process.env.BAD_INPUT_DUMP) {
    const { writeFileSync } = await import('node:fs');
    writeFileSync(process.env.BAD_INPUT_DUMP, [...outcomes].map(([k, o]) => `=== ${k} exit ${o.result.code}\n${o.result.stdout}${o.result.stderr}`).join('\n'));
  }
  for (const { world } of outcomes.values()) await world.cleanup();
  await emulator?.stop();
});

it('has at least 40 failing cases and covers every group', () => {
  expect(CASES.filter((c) => c.exit !== 0).length).toBeGreaterThanOrEqual(40);
  expect(new Set(CASES.map((c) => c.group)).size).toBe(6);
});

for (const group of [...new Set(CASES.map((c) => c.group))]) {
  describe(group, () => {
    for (const c of CASES.filter((x) => x.group === group)) {
      const skip = c.unprivileged === true && !CAN_RUN_UNPRIVILEGED;
      it.skipIf(skip)(`${c.name}: exit ${c.exit}${c.code ? ` ${c.code}` : ''}`, async () => {
        const plain = outcomes.get(`${c.name}|false`)!;
        const { result } = plain;
        const shown = `stdout:\n${result.stdout}\nstderr:\n${result.stderr}`;
        expect(result.code, shown).toBe(c.exit);
        expect(hasStackTrace(result.stderr), shown).toBe(false);
        expect(result.stdout + result.stderr, shown).not.toContain('hunter2');
        if (c.exit === 0) {
          expect(result.stderr, shown).not.toMatch(/^ecr-auth: /m);
          expect(plain.changed, shown).toEqual([]);
        } else {
          expect(paragraphProblems(result.stderr), shown).toEqual([]);
          if (c.code) expect(result.stderr, shown).toMatch(new RegExp(`\\[${c.code}\\]|^✗ `, 'm'));
          if (c.argv.includes('--json')) expect(jsonErrorCode(result.stdout), shown).toBe(c.code);
          else expect(result.stdout, shown).toBe('');
          expect(plain.changed, shown).toEqual([]);
        }
        if (c.says) expect(result.stderr, shown).toMatch(c.says);
        await c.after?.(plain.world, result);

        const json = outcomes.get(`${c.name}|true`);
        if (!json) return;
        const jshown = `stdout:\n${json.result.stdout}\nstderr:\n${json.result.stderr}`;
        expect(json.result.code, jshown).toBe(c.exit);
        expect(() => JSON.parse(json.result.stdout), jshown).not.toThrow();
        expect(hasStackTrace(json.result.stderr), jshown).toBe(false);
        expect(json.result.stdout + json.result.stderr, jshown).not.toContain('hunter2');
        expect(json.changed, jshown).toEqual([]);
        if (c.exit !== 0) {
          expect(paragraphProblems(json.result.stderr), jshown).toEqual([]);
          if (c.code) expect(jsonErrorCode(json.result.stdout), jshown).toBe(c.code);
        }
      });
    }
  });
}

describe('credential helper protocol', () => {
  // Docker reads errors from the helper's stdout: exactly one line, exit 1, and never a stack on stderr.
  const HELPER_CASES: Array<{ name: string; verb: string; stdin: string; stdout: RegExp }> = [
    { name: 'an unknown verb', verb: 'frobnicate', stdin: '', stdout: /^unknown credential helper action[^\n]*\n$/ },
    { name: 'get with an empty request', verb: 'get', stdin: '', stdout: /^[^\n]+\n$/ },
    { name: 'get for a look-alike host', verb: 'get', stdin: `${HOST}.evil.example.com\n`, stdout: /^credentials not found in native keychain\n$/ },
    { name: 'get with userinfo in the URL', verb: 'get', stdin: `https://AWS:hunter2@${HOST}\n`, stdout: /^credentials not found in native keychain\n$/ },
    { name: 'store with a body that is not JSON', verb: 'store', stdin: '{not json', stdout: /^[^\n]+\n$/ },
  ];
  for (const c of HELPER_CASES) {
    it(`${c.name}: exit 1, one line on stdout, nothing touched`, async () => {
      const w = await makeCliHome(emulator);
      try {
        await w.seedSso();
        const before = await takePicture([w.root]);
        const result = await runHelper(c.verb, c.stdin, { env: w.env, cwd: w.cwd });
        expect(result.code, result.stdout + result.stderr).toBe(1);
        expect(result.stdout).toMatch(c.stdout);
        expect(result.stdout + result.stderr).not.toMatch(/hunter2/);
        expect(hasStackTrace(result.stderr)).toBe(false);
        expect(differences(before, await takePicture([w.root]))).toEqual([]);
      } finally {
        await w.cleanup();
      }
    });
  }
});
