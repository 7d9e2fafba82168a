// The installed bins (dist/cli/ecr-auth.cjs and dist/cli/docker-credential-ecr-auth.cjs, bundled from src/cli/bin.ts
// and src/cli/helper-bin.ts) answer cached runs themselves, and exactly as the full CLI does: the same stdout, stderr,
// exit status and files, for every command they answer. On every miss they load the full CLI, which then decides
// (refresh, warn, fail). Whether the bin answered alone is seen by recording module loads: the full CLI is
// dist/cli/main.js (or dist/cli/credential-helper.js). No timing here: timings are bench/ (npm run bench).
import { chmod, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { CACHED_CREDENTIAL_KINDS, CACHED_INTEGRATION_KINDS } from '../../src/cli/cached-answer.ts';
import { integrationKindNamed } from '../../src/core/integrations/index.ts';
import { credentialKindOf } from '../../src/core/identity/kinds/index.ts';
import { hashKey } from '../../src/core/cache/store.ts';
import { DEFAULT_START_URL, type Emulator, startEmulator } from '../emulator/index.ts';
import { CLI_BIN, HELPER_BIN, runBin } from '../safety/support/bins.ts';
import { makeTestHome, ssoConfig, type TestHome } from '../support/core-context.ts';

const FAST_BIN = resolve('dist/cli/ecr-auth.cjs');
const FAST_HELPER = resolve('dist/cli/docker-credential-ecr-auth.cjs');
const HOST = '123456789012.dkr.ecr.us-east-2.amazonaws.com';
const RECORDER = resolve('test/support/record-imports.mjs');

let emulator: Emulator;
let t: TestHome;

beforeAll(async () => {
  // 6h registry tokens: a --min-validity of 11h (under the 12h limit) is then a miss
  emulator = await startEmulator({ ecrTokenTtlSeconds: 6 * 3600 });
});
afterAll(async () => emulator.stop());
beforeEach(async () => {
  t = await makeTestHome(emulator);
  await t.seedSso(emulator, { startUrl: DEFAULT_START_URL });
  await writeFile(join(t.home, 'ecr-auth.config.yaml'), stringify(ssoConfig(DEFAULT_START_URL)));
  return () => t.cleanup();
});

/** Runs a bin with the module recorder; `full` tells whether the full CLI (main.js / credential-helper.js) was loaded. */
async function run(bin: string, argv: string[], stdin?: string) {
  const record = join(t.home, `imports-${Math.random().toString(36).slice(2)}.txt`);
  const result = await runBin(bin, argv, {
    env: { ...t.env, RECORD_IMPORTS_FILE: record },
    cwd: t.home,
    nodeArgs: ['--import', RECORDER],
    ...(stdin === undefined ? {} : { stdin }),
  });
  const imports = await readFile(record, 'utf8').then((text) => text.split('\n'), () => [] as string[]);
  await rm(record, { force: true });
  return { ...result, full: imports.some((url) => /\/dist\/cli\/(main|credential-helper)\.js$/.test(url)) };
}

/** Every file under the home directory with its content and mode (the recorder's files excluded). */
async function snapshot(): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const entry of await readdir(t.home, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || entry.name.startsWith('imports-')) continue;
    const path = join(entry.parentPath, entry.name);
    files.set(path, `${(await stat(path)).mode.toString(8)} ${await readFile(path, 'utf8')}`);
  }
  return files;
}

/** The first login, through the full CLI: every cache is warm afterwards. */
async function warm(): Promise<void> {
  const first = await runBin(CLI_BIN, ['login'], { env: t.env, cwd: t.home });
  expect(first.code, first.stderr).toBe(0);
  emulator.resetCalls();
}

const registryFile = (namespace: string, key: string) => join(t.home, '.cache', 'ecr-auth', namespace, `${hashKey(key)}.json`);
const tokenFile = () => registryFile('registry-tokens', 'ecr|ps|' + DEFAULT_START_URL + '|name:dev|AdministratorAccess|us-east-2');

describe('cached runs: the bin answers alone, exactly as the full CLI', () => {
  const cases: Array<[string, string[]]> = [
    ['ecr-login of an integration', ['ecr-login', 'dev/ecr/primary']],
    ['ecr-login of the default identity', ['ecr-login']],
    ['login', ['login']],
    ['login of a named identity', ['login', 'dev-admin']],
    ['get-login-password of an integration', ['get-login-password', 'dev/ecr/primary']],
    ['get-login-password of the only registry', ['get-login-password']],
    ['get-login-password --identity', ['get-login-password', '--identity', 'dev-admin']],
    ['ecr-login --identity', ['ecr-login', '--identity=dev-admin']],
    ['ecr-login --config (as the Nx target runs it)', ['ecr-login', '--config', 'ecr-auth.config.yaml', 'dev/ecr/primary']],
    ['--version', ['--version']],
    ['--help', ['--help']],
    ['-h', ['-h']],
    ['help', ['help']],
    ['no arguments (help on stderr, exit 2)', []],
    ['ECR_AUTH_CONFIG', ['ecr-login', 'dev/ecr/primary']],
  ];
  it.each(cases)('%s', async (_name, argv) => {
    await warm();
    if (_name === 'ECR_AUTH_CONFIG') t.env.ECR_AUTH_CONFIG = join(t.home, 'ecr-auth.config.yaml');
    const before = await snapshot();
    const fast = await run(FAST_BIN, argv);
    const afterFast = await snapshot();
    const full = await run(CLI_BIN, argv);
    expect(fast.full, `the bin answered ${argv.join(' ')} itself`).toBe(false);
    expect({ code: fast.code, stdout: fast.stdout, stderr: fast.stderr }).toEqual({ code: full.code, stdout: full.stdout, stderr: full.stderr });
    expect(afterFast).toEqual(before);
    expect(await snapshot()).toEqual(before);
    expect(emulator.calls()).toBe(0);
  });

  it('the credential helper answers a cached get alone, with the full helper\'s answer', async () => {
    await warm();
    const fast = await run(FAST_HELPER, ['get'], `${HOST}\n`);
    const full = await run(HELPER_BIN, ['get'], `${HOST}\n`);
    expect(fast.full).toBe(false);
    expect({ code: fast.code, stdout: fast.stdout, stderr: fast.stderr }).toEqual({ code: full.code, stdout: full.stdout, stderr: full.stderr });
    expect(JSON.parse(fast.stdout).ServerURL).toBe(HOST);
    expect(emulator.calls()).toBe(0);
  });
});

describe('every miss goes to the full CLI, which decides', () => {
  const misses: Array<[string, string[], () => Promise<void>, (r: Awaited<ReturnType<typeof run>>) => void]> = [
    ['an expired token (refreshed)', ['ecr-login', 'dev/ecr/primary'], async () => {
      const entry = JSON.parse(await readFile(tokenFile(), 'utf8'));
      entry.value.expiresAt = Date.now() + 60_000; // inside the 15m minimum validity
      await writeFile(tokenFile(), JSON.stringify(entry), { mode: 0o600 });
    }, (r) => {
      expect(emulator.calls('ecr:GetAuthorizationToken')).toBe(1);
      expect(r.stdout).toMatch(/expires in 5h/);
    }],
    ['a changed config file', ['ecr-login', 'dev/ecr/primary'], async () => {
      await writeFile(join(t.home, 'ecr-auth.config.yaml'), `# changed\n${stringify(ssoConfig(DEFAULT_START_URL))}`);
    }, (r) => expect(r.stdout).toMatch(HOST)],
    ['a Docker entry removed', ['ecr-login', 'dev/ecr/primary'], async () => {
      await writeFile(join(t.home, '.docker', 'config.json'), '{}\n');
    }, (r) => expect(r.stdout).toMatch(HOST)],
    ['a Docker entry changed by someone else', ['ecr-login'], async () => {
      const path = join(t.home, '.docker', 'config.json');
      const config = JSON.parse(await readFile(path, 'utf8'));
      config.auths[HOST].auth = Buffer.from('AWS:other').toString('base64');
      await writeFile(path, JSON.stringify(config));
    }, (r) => expect(r.stdout).toMatch(HOST)],
    ['a token file readable by others (the full CLI tightens it and warns)', ['get-login-password'], async () => {
      await chmod(tokenFile(), 0o644);
    }, (r) => expect(r.stderr).toMatch(/readable by other users/)],
    ['--json', ['ecr-login', '--json'], async () => {}, (r) => expect(JSON.parse(r.stdout).registries).toHaveLength(1)],
    ['--min-validity', ['get-login-password', '--min-validity', '11h'], async () => {}, () => expect(emulator.calls('ecr:GetAuthorizationToken')).toBe(1)],
    ['an unknown flag (usage error, exit 2)', ['ecr-login', '--nope'], async () => {}, (r) => expect(r.code).toBe(2)],
    ['an unknown integration (error, exit 2)', ['ecr-login', 'dev/ecr/nope'], async () => {}, (r) => expect(r.stderr).toMatch(/dev\/ecr\/nope/)],
    ['another command', ['status'], async () => {}, (r) => expect(r.stdout).toMatch(/dev-admin/)],
    ['ECR_AUTH_CONFIG naming a changed file', ['ecr-login'], async () => {
      t.env.ECR_AUTH_CONFIG = join(t.home, 'other.yaml');
      await writeFile(t.env.ECR_AUTH_CONFIG, `# another file\n${stringify(ssoConfig(DEFAULT_START_URL))}`);
    }, (r) => expect(r.stdout).toMatch(HOST)],
    ['--registry', ['get-login-password', '--registry', HOST], async () => {}, (r) => expect(r.stdout.length).toBeGreaterThan(10)],
    ['a flag given twice', ['ecr-login', '--identity', 'dev-admin', '--identity', 'dev-admin'], async () => {}, () => {}],
  ];
  it.each(misses)('%s', async (_name, argv, setup, check) => {
    await warm();
    await setup();
    const result = await run(FAST_BIN, argv);
    expect(result.full, 'the full CLI was loaded').toBe(true);
    if (result.code !== 2) expect(result.code, result.stderr).toBe(0);
    check(result);
  });

  it('the credential helper hands an unknown host and a stale token to the full helper', async () => {
    await warm();
    const unknown = await run(FAST_HELPER, ['get'], '999999999999.dkr.ecr.eu-west-1.amazonaws.com\n');
    expect(unknown.full).toBe(true);
    const entry = JSON.parse(await readFile(tokenFile(), 'utf8'));
    entry.value.expiresAt = Date.now() + 60_000;
    await writeFile(tokenFile(), JSON.stringify(entry), { mode: 0o600 });
    const stale = await run(FAST_HELPER, ['get'], `${HOST}\n`);
    expect(stale.full).toBe(true);
    expect(stale.code, stale.stderr).toBe(0);
    expect(emulator.calls('ecr:GetAuthorizationToken')).toBe(1);
    const list = await run(FAST_HELPER, ['list']);
    expect(list.full).toBe(true);
    expect(JSON.parse(list.stdout)).toHaveProperty(HOST);
  });
});

it('an identity that also has an EKS kubeconfig integration: ecr-login and login go to the full CLI, which ensures it too', async () => {
  const eks = { 'dev/eks': { kind: 'aws/eks', via: { identity: 'dev-admin' }, spec: { cluster: { name: 'dev-cluster', region: 'us-east-2', alias: 'dev' } } } };
  emulator.addEksCluster({ name: 'dev-cluster', region: 'us-east-2', endpoint: 'https://127.0.0.1:1', certificateAuthorityData: 'TFMwdExTMUNSVWRKVGc9PQ==' });
  await writeFile(join(t.home, 'ecr-auth.config.yaml'), stringify(ssoConfig(DEFAULT_START_URL, { integrations: eks })));
  await warm();
  for (const argv of [['ecr-login'], ['login']]) {
    const fast = await run(FAST_BIN, argv);
    const full = await run(CLI_BIN, argv);
    expect(fast.full, `${argv.join(' ')}: the full CLI was loaded`).toBe(true);
    expect({ code: fast.code, stdout: fast.stdout, stderr: fast.stderr }).toEqual({ code: 0, stdout: full.stdout, stderr: full.stderr });
    expect(fast.stdout).toMatch(/EKS kubeconfig: dev /);
  }
});

it('the integration kinds answered from the cache are the kind table\'s own registries (one Docker login per registry)', () => {
  for (const [kind, registries] of CACHED_INTEGRATION_KINDS) {
    const implementation = integrationKindNamed(kind)!;
    expect(implementation.registries, kind).toBe(registries);
  }
});

it('the kinds `login` answers from the cache are exactly cacheable kinds of the credential kinds table', () => {
  for (const kind of CACHED_CREDENTIAL_KINDS) {
    expect(credentialKindOf({ kind } as Parameters<typeof credentialKindOf>[0]).cacheable, kind).toBe(true);
  }
});
