// Nothing lost, nothing leaked, when what is on disk is corrupt or hostile: cache entries, the AWS CLI token file,
// the ledger of Docker entries, the Docker config itself, and directories this user cannot write. Each case checks
// the error code, that the message says what to do, and that files the tool must not touch are byte-for-byte as before.
import { Buffer } from 'node:buffer';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, chown, lstat, mkdir, mkdtemp, readdir, readFile, readlink, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import process from 'node:process';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseEnvelope } from '../../src/core/cache/store.ts';
import { dockerLedgerPath } from '../../src/core/docker/ledger.ts';
import { isEcrAuthError } from '../../src/core/errors.ts';
import { ensureIdentity, ensureRegistries } from '../../src/core/session.ts';
import { ssoTokenPath } from '../../src/core/sso/token-file.ts';
import { DEFAULT_START_URL, startEmulator, type Emulator } from '../emulator/index.ts';
import { makeTestHome, ssoConfig, type TestHome } from '../support/core-context.ts';
import { addedEntries, changedEntries, snapshot, touchedEntries } from './support/snapshot.ts';

const HOST = '123456789012.dkr.ecr.us-east-2.amazonaws.com';
let emulator: Emulator;
let t: TestHome;

beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(() => emulator.stop());
beforeEach(async () => {
  emulator.resetCalls();
  emulator.clearFaults();
  t = await makeTestHome(emulator);
  await t.seedSso(emulator, { startUrl: DEFAULT_START_URL });
});
afterEach(() => t.cleanup());

const config = () => ssoConfig(DEFAULT_START_URL);
const cacheRoot = () => join(t.home, '.cache', 'ecr-auth');
const dockerConfigFile = () => join(t.env.DOCKER_CONFIG!, 'config.json');
const ssoFile = () => ssoTokenPath(t.env, { startUrl: DEFAULT_START_URL });

/** The one file of a cache namespace (after a first successful run). */
async function onlyEntry(namespace: string): Promise<string> {
  const files = (await readdir(join(cacheRoot(), namespace))).filter((n) => n.endsWith('.json'));
  expect(files).toHaveLength(1);
  return join(cacheRoot(), namespace, files[0]!);
}

async function failureOf(promise: Promise<unknown>) {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(isEcrAuthError(error), String(error)).toBe(true);
  return error as { code: string; message: string; hint?: string };
}

describe('corrupted or hostile cache entries', () => {
  const corruptions: Array<[string, (text: string) => string | Buffer]> = [
    ['truncated JSON', (text) => text.slice(0, Math.floor(text.length / 2))],
    ['nothing (empty file)', () => ''],
    ['binary noise', () => Buffer.from([0xff, 0xfe, 0x00, 0x7b, 0x22, 0x01])],
    ['an envelope of another key', (text) => JSON.stringify({ ...JSON.parse(text), key: 'someone-else' })],
    ['a value that is not an object', (text) => JSON.stringify({ ...JSON.parse(text), value: 'garbage' })],
    ['credentials without keys or expiry', (text) => JSON.stringify({ ...JSON.parse(text), value: { credentials: { accessKeyId: 42 } } })],
    ['an envelope of an unknown version', (text) => JSON.stringify({ ...JSON.parse(text), version: 2 })],
  ];

  it.each(corruptions)('credentials cache holding %s: read as absent, fetched again, rewritten whole and 0600', async (_name, corrupt) => {
    const ctx = t.context(config());
    await ensureIdentity(ctx);
    const path = await onlyEntry('credentials');
    await writeFile(path, corrupt(await readFile(path, 'utf8')));
    const again = await ensureIdentity(ctx);
    expect(again.source).not.toBe('cache');
    expect(typeof again.credentials.accessKeyId).toBe('string');
    expect(emulator.calls('sso:GetRoleCredentials')).toBe(2);
    const envelope = parseEnvelope<{ credentials: { accessKeyId: string } }>(await readFile(path, 'utf8'));
    expect(envelope?.value.credentials.accessKeyId).toBe(again.credentials.accessKeyId);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
  });

  it('a registry token entry without an expiry is not trusted forever: fetched again', async () => {
    const ctx = t.context(config());
    await ensureRegistries(ctx, { integrations: ['dev/ecr/primary'] });
    const path = await onlyEntry('registry-tokens');
    const envelope = JSON.parse(await readFile(path, 'utf8'));
    delete envelope.value.expiresAt;
    await writeFile(path, JSON.stringify(envelope));
    const outcome = await ensureRegistries(ctx, { integrations: ['dev/ecr/primary'] });
    expect(outcome.logins[0]?.source).toBe('fetched');
    expect(emulator.calls('ecr:GetAuthorizationToken')).toBe(2);
  });

  it('a directory in place of a cache file is E_CACHE naming the path and what to do; nothing changes', async () => {
    const ctx = t.context(config());
    await ensureIdentity(ctx);
    const path = await onlyEntry('credentials');
    await rm(path);
    await mkdir(path);
    await writeFile(join(path, 'keep'), 'user data');
    const before = await snapshot(t.home);
    const error = await failureOf(ensureIdentity(ctx));
    expect(error.code).toBe('E_CACHE');
    expect(error.message).toContain(path);
    expect(error.message).toContain('is a directory');
    expect(error.hint).toMatch(/Move .* out of the way/);
    expect(changedEntries(before, await snapshot(t.home))).toEqual([]);
  });

  it('a symlink in place of a cache file is not followed: its target stays byte-for-byte, the link becomes a 0600 file', async () => {
    const ctx = t.context(config());
    const first = await ensureIdentity(ctx);
    const path = await onlyEntry('credentials');
    // elsewhere: a file that happens to hold a valid entry (planted, or the user's own copy): neither read nor written
    const elsewhere = join(t.home, 'elsewhere', 'notes.json');
    await mkdir(dirname(elsewhere));
    await writeFile(elsewhere, await readFile(path));
    await chmod(elsewhere, 0o644);
    const victim = await readFile(elsewhere);
    await rm(path);
    await symlink(elsewhere, path);

    const again = await ensureIdentity(ctx);
    expect(again.source).not.toBe('cache'); // the linked entry was not trusted
    expect(again.credentials.accessKeyId).not.toBe(first.credentials.accessKeyId);
    expect(emulator.calls('sso:GetRoleCredentials')).toBe(2);
    expect((await readFile(elsewhere)).equals(victim)).toBe(true);
    expect((await stat(elsewhere)).mode & 0o777).toBe(0o644);
    const info = await lstat(path);
    expect(info.isFile()).toBe(true);
    expect(info.mode & 0o777).toBe(0o600);
  });

  it('a cache file readable by other users (0644) is tightened to 0600 on the next read, with a warning', async () => {
    const ctx = t.context(config());
    await ensureIdentity(ctx);
    const path = await onlyEntry('credentials');
    await chmod(path, 0o644);
    const again = await ensureIdentity(ctx);
    expect(again.source).toBe('cache');
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    const warning = t.lines.find((l) => l.startsWith('warn:') && l.includes(path));
    expect(warning).toMatch(/readable by other users.*0600/);
  });
});

describe('a corrupted AWS CLI token file', () => {
  /** Nothing that was there changed; the only additions are our own (empty) cache and lock directories. */
  const expectOnlyOwnDirsAdded = async (before: Map<string, string | Buffer>) => {
    const after = await snapshot(t.home);
    expect(touchedEntries(before, after)).toEqual([]);
    for (const name of addedEntries(before, after)) {
      expect(name).toMatch(/^\.cache(\/ecr-auth(\/locks)?)?$/);
      expect(after.get(name)).toMatch(/^dir 700$/);
    }
  };

  it.each([
    ['truncated JSON', (text: string) => text.slice(0, 40)],
    ['a JSON array', () => '[]'],
    ['no expiry', (text: string) => JSON.stringify({ ...JSON.parse(text), expiresAt: undefined })],
    ['nothing (empty file)', () => ''],
  ])('holding %s: in CI, E_SSO_LOGIN_REQUIRED saying how to log in, no network call, the file byte-for-byte unchanged', async (_name, corrupt) => {
    await writeFile(ssoFile(), corrupt(await readFile(ssoFile(), 'utf8')));
    const before = await snapshot(t.home);
    const error = await failureOf(ensureIdentity(t.context(config())));
    expect(error.code).toBe('E_SSO_LOGIN_REQUIRED');
    expect(error.hint).toContain('ecr-auth login dev-admin');
    expect(emulator.calls()).toBe(0);
    await expectOnlyOwnDirsAdded(before);
  });

  it('a directory in place of the token file is E_CACHE naming it; nothing changes', async () => {
    await rm(ssoFile());
    await mkdir(ssoFile());
    const before = await snapshot(t.home);
    const error = await failureOf(ensureIdentity(t.context(config())));
    expect(error.code).toBe('E_CACHE');
    expect(error.message).toContain(ssoFile());
    expect(error.hint).toMatch(/Move .* out of the way/);
    await expectOnlyOwnDirsAdded(before);
  });
});

describe('a corrupted ledger of Docker entries', () => {
  const foreign = { auths: { 'ghcr.io': { auth: 'Z2g6dG9rZW4=' } }, credsStore: '', currentContext: 'colima' };

  it('a truncated ledger is rewritten whole with the new entry; config.json keeps every foreign key', async () => {
    await mkdir(t.env.DOCKER_CONFIG!, { recursive: true });
    await writeFile(dockerConfigFile(), JSON.stringify(foreign));
    const ledger = dockerLedgerPath(t.env);
    await mkdir(dirname(ledger), { recursive: true });
    await writeFile(ledger, '[{"configPath":"/x","host":"a.example","mo');
    const outcome = await ensureRegistries(t.context(config()), { integrations: ['dev/ecr/primary'] });
    expect(outcome.failures).toEqual([]);
    const entries = JSON.parse(await readFile(ledger, 'utf8'));
    expect(entries).toMatchObject([{ host: HOST, mode: 'auths' }]);
    const docker = JSON.parse(await readFile(dockerConfigFile(), 'utf8'));
    expect(docker).toMatchObject({ ...foreign, auths: { ...foreign.auths, [HOST]: { auth: expect.any(String) } } });
  });

  it('a directory in place of the ledger fails the registry with E_CACHE, before config.json is touched', async () => {
    await mkdir(t.env.DOCKER_CONFIG!, { recursive: true });
    await writeFile(dockerConfigFile(), JSON.stringify(foreign));
    await mkdir(dockerLedgerPath(t.env), { recursive: true });
    const before = await snapshot(t.env.DOCKER_CONFIG!);
    const outcome = await ensureRegistries(t.context(config()), { integrations: ['dev/ecr/primary'] });
    expect(outcome.failures[0]?.error.code).toBe('E_CACHE');
    expect(outcome.failures[0]?.error.hint).toMatch(/Move .* out of the way/);
    expect(changedEntries(before, await snapshot(t.env.DOCKER_CONFIG!))).toEqual([]);
  });
});

describe('a Docker config the tool cannot use', () => {
  const secret = 'c2VjcmV0LXZhbHVlLW5vdC10by1sZWFr'; // base64 of a password that must never be quoted back

  const refuse = async (write: () => Promise<void>, pattern: RegExp) => {
    await mkdir(t.env.DOCKER_CONFIG!, { recursive: true });
    await write();
    const before = await snapshot(t.env.DOCKER_CONFIG!);
    const outcome = await ensureRegistries(t.context(config()), { integrations: ['dev/ecr/primary'] });
    expect(outcome.logins).toEqual([]);
    const error = outcome.failures[0]!.error;
    expect(error.code).toBe('E_DOCKER_CONFIG');
    expect(error.message).toMatch(pattern);
    expect(error.hint).toMatch(/mv "|chmod|DOCKER_CONFIG|Fix/);
    expect(`${error.message} ${error.hint}`).not.toContain(secret);
    expect(changedEntries(before, await snapshot(t.env.DOCKER_CONFIG!))).toEqual([]);
    // nothing recorded as ours: logout will not touch this host
    const ledger = await readFile(dockerLedgerPath(t.env), 'utf8').catch(() => '[]');
    expect(ledger).not.toContain(HOST);
  };

  it.each([
    ['trailing garbage', `{"auths":{"ghcr.io":{"auth":"${secret}"}}}\ntrailing garbage`, /not valid JSON \(line 2/],
    ['a truncated document', `{"auths":{"ghcr.io":{"auth":"${secret}`, /not valid JSON/],
    ['auths that is not an object', `{"auths":["${secret}"]}`, /"auths" that is not an object/],
    ['a credsStore that is not a string', '{"credsStore":1}', /"credsStore" that is not a string/],
  ])('holding %s: E_DOCKER_CONFIG saying how to fix it, no secret quoted, the file byte-for-byte unchanged', async (_name, text, pattern) => {
    await refuse(() => writeFile(dockerConfigFile(), text), pattern);
  });

  it('a directory in place of config.json: E_DOCKER_CONFIG, nothing created inside it', async () => {
    await refuse(() => mkdir(dockerConfigFile()), /is a directory/);
  });

  it('a read-only config.json (0444): E_DOCKER_CONFIG, left as it was', async () => {
    await refuse(async () => {
      await writeFile(dockerConfigFile(), `{"auths":{"ghcr.io":{"auth":"${secret}"}}}`);
      await chmod(dockerConfigFile(), 0o444);
    }, /read-only/);
  });

  it.each([
    ['an empty file', ''],
    ['a UTF-8 BOM', '\uFEFF{"currentContext":"colima","credsStore":""}'],
  ])('%s is accepted: logged in, foreign keys kept', async (_name, text) => {
    await mkdir(t.env.DOCKER_CONFIG!, { recursive: true });
    await writeFile(dockerConfigFile(), text);
    const outcome = await ensureRegistries(t.context(config()), { integrations: ['dev/ecr/primary'] });
    expect(outcome.failures).toEqual([]);
    const docker = JSON.parse(await readFile(dockerConfigFile(), 'utf8'));
    expect(docker.auths[HOST].auth).toEqual(expect.any(String));
    if (text) expect(docker).toMatchObject({ currentContext: 'colima', credsStore: '' });
  });

  it('a symlinked config.json is written through: the link stays, its target gets the entry, its neighbours are untouched', async () => {
    const dotfiles = join(t.home, 'dotfiles');
    await mkdir(dotfiles);
    await writeFile(join(dotfiles, 'docker.json'), JSON.stringify({ currentContext: 'colima' }));
    await writeFile(join(dotfiles, 'other'), 'neighbour');
    await mkdir(t.env.DOCKER_CONFIG!, { recursive: true });
    await symlink(join(dotfiles, 'docker.json'), dockerConfigFile());
    const outcome = await ensureRegistries(t.context(config()), { integrations: ['dev/ecr/primary'] });
    expect(outcome.failures).toEqual([]);
    expect(await readlink(dockerConfigFile())).toBe(join(dotfiles, 'docker.json'));
    expect(JSON.parse(await readFile(join(dotfiles, 'docker.json'), 'utf8'))).toMatchObject({ currentContext: 'colima', auths: { [HOST]: {} } });
    expect((await readdir(dotfiles)).sort()).toEqual(['docker.json', 'other']);
    expect(await readFile(join(dotfiles, 'other'), 'utf8')).toBe('neighbour');
  });
});

// Root can write anywhere: as root the child runs as `nobody` (setpriv); as another user, as that user.
const asRoot = process.getuid?.() === 0;
const setpriv = ['/usr/bin/setpriv', '/bin/setpriv'].find((p) => existsSync(p));
const NOBODY = 65534;

describe.skipIf(asRoot && !setpriv)('directories this user cannot write', () => {
  let base: string;
  beforeEach(async () => {
    base = await mkdtemp(join(tmpdir(), 'ea-safety-perm-'));
    await chmod(base, 0o755);
  });
  afterEach(() => rm(base, { recursive: true, force: true }));

  /** A directory the child's user owns (when root, chowned to nobody). */
  const owned = async (path: string) => {
    await mkdir(path, { recursive: true, mode: 0o700 });
    if (asRoot) await chown(path, NOBODY, NOBODY);
  };
  /** A directory the child's user can read but not write. */
  const readOnly = async (path: string) => {
    await mkdir(path, { recursive: true });
    await chmod(path, 0o555);
  };
  /** Seeds the AWS CLI token file under home, readable by the child. */
  const seedSso = async (home: string, own: boolean) => {
    const path = ssoTokenPath({ HOME: home }, { startUrl: DEFAULT_START_URL });
    for (const dir of [join(home, '.aws'), join(home, '.aws', 'sso'), dirname(path)]) await (own ? owned(dir) : mkdir(dir, { recursive: true }));
    await writeFile(path, JSON.stringify(emulator.mintSsoSession({ startUrl: DEFAULT_START_URL })), { mode: own ? 0o600 : 0o644 });
    if (own && asRoot) await chown(path, NOBODY, NOBODY);
  };

  function runChild(env: Record<string, string>): Promise<{ failures?: Array<{ code: string; message: string; hint?: string }>; thrown?: { code: string; hint?: string } }> {
    const input = join(base, 'input.json');
    return writeFile(input, JSON.stringify({ env, config: config(), source: join(base, 'ecr-auth.config.yaml') }))
      .then(() => chmod(input, 0o644))
      .then(
        () =>
          new Promise((resolve, reject) => {
            const node = [process.execPath, '--import', 'tsx', 'test/safety/fixtures/as-user.ts', input];
            const [file, ...args] = asRoot ? [setpriv!, `--reuid=${NOBODY}`, `--regid=${NOBODY}`, '--clear-groups', ...node] : node;
            execFile(file!, args, { env: { PATH: process.env.PATH, ...env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' } }, (error, stdout, stderr) =>
              error ? reject(new Error(`${error.message}: ${stderr}`)) : resolve(JSON.parse(stdout)),
            );
          }),
      );
  }

  it('an unwritable cache dir: E_CACHE saying to make it writable or set ECR_AUTH_CACHE_DIR; nothing written anywhere', async () => {
    const home = join(base, 'home');
    await owned(home);
    await seedSso(home, true);
    const cache = join(base, 'cache');
    await readOnly(cache);
    const env = { ...emulator.env, HOME: home, DOCKER_CONFIG: join(home, '.docker'), ECR_AUTH_CACHE_DIR: cache };
    const before = await snapshot(base);
    const out = await runChild(env);
    expect(out.failures?.[0]?.code).toBe('E_CACHE');
    expect(out.failures?.[0]?.message).toContain(cache);
    expect(out.failures?.[0]?.hint).toContain('ECR_AUTH_CACHE_DIR');
    expect(changedEntries(before, await snapshot(base)).filter((n) => n !== 'input.json')).toEqual([]);
  });

  it('an unwritable HOME (default cache and Docker config under it): E_CACHE, HOME byte-for-byte unchanged', async () => {
    const home = join(base, 'home');
    await mkdir(home);
    await seedSso(home, false);
    await chmod(home, 0o555);
    const before = await snapshot(home);
    const out = await runChild({ ...emulator.env, HOME: home });
    expect(out.failures?.[0]?.code).toBe('E_CACHE');
    expect(out.failures?.[0]?.hint).toMatch(/writable|ECR_AUTH_CACHE_DIR/);
    expect(changedEntries(before, await snapshot(home))).toEqual([]);
  });

  it('an unwritable HOME with a writable cache elsewhere: the token is fetched, Docker login fails with E_DOCKER_CONFIG naming DOCKER_CONFIG', async () => {
    const home = join(base, 'home');
    await mkdir(home);
    await seedSso(home, false);
    await chmod(home, 0o555);
    const cache = join(base, 'cache');
    await owned(cache);
    const before = await snapshot(home);
    const out = await runChild({ ...emulator.env, HOME: home, ECR_AUTH_CACHE_DIR: cache });
    expect(out.failures?.[0]?.code).toBe('E_DOCKER_CONFIG');
    expect(out.failures?.[0]?.message).toContain(join(home, '.docker', 'config.json'));
    expect(out.failures?.[0]?.hint).toContain('DOCKER_CONFIG');
    expect(changedEntries(before, await snapshot(home))).toEqual([]);
    expect(emulator.calls('ecr:GetAuthorizationToken')).toBe(1);
  });
});
