import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Logger } from '../context.ts';
import { isEcrAuthError } from '../errors.ts';
import { runTsx } from '../fs/test-fixtures/run-tsx.ts';
import { encodeAuth } from './config-file.ts';
import { getCredential } from './creds-store.ts';
import { readDockerLedger, removeDockerLogins, saveDockerLogin } from './login.ts';
import { installFakeHelper } from './test-fixtures/fake-helper.ts';

const H1 = '123456789012.dkr.ecr.us-east-1.amazonaws.com';
const H2 = '210987654321.dkr.ecr.eu-west-1.amazonaws.com';
const FOREIGN = {
  auths: { 'ghcr.io': { auth: 'Z2g6dG9rZW4=', identitytoken: 'idt' }, 'quay.io': {} },
  credHelpers: { 'gcr.io': 'gcloud' },
  proxies: { default: { httpProxy: 'http://proxy:3128' } },
  plugins: { buildx: { hooks: 'build' } },
  currentContext: 'colima',
  'x-unknown': { n: [1, { deep: true }] },
};
let dir: string;
let env: Record<string, string>;
let configPath: string;
let warnings: string[];
let log: Logger;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ecr-auth-login-'));
  const bin = await installFakeHelper(dir, 'testhelper');
  env = { HOME: join(dir, 'home'), DOCKER_CONFIG: join(dir, 'docker'), ECR_AUTH_CACHE_DIR: join(dir, 'cache'), PATH: `${bin}:/usr/bin:/bin` };
  configPath = join(dir, 'docker', 'config.json');
  warnings = [];
  log = { info() {}, verbose() {}, warn: (m) => warnings.push(m) };
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const writeConfig = async (config: unknown) => {
  await mkdir(join(dir, 'docker'), { recursive: true });
  const text = JSON.stringify(config, null, '\t');
  await writeFile(configPath, text);
  return text;
};
const readConfig = async () => JSON.parse(await readFile(configPath, 'utf8'));
const login = (host: string, mode: 'auto' | 'auths' | 'store' | 'helper', identity = 'dev', password = 'pw') =>
  saveDockerLogin({ env, host, username: 'AWS', password, mode, identity, log });

describe('saveDockerLogin', () => {
  it('auto without credsStore writes auths[host].auth like docker login, keeping foreign keys', async () => {
    await writeConfig(FOREIGN);
    expect(await login(H1, 'auto')).toMatchObject({ storedIn: 'auths', configPath, mode: 'auths', changed: true });
    expect(await readConfig()).toEqual({ ...FOREIGN, auths: { ...FOREIGN.auths, [H1]: { auth: encodeAuth('AWS', 'pw') } } });
    expect(await readDockerLedger(env)).toEqual([
      expect.objectContaining({ configPath, host: H1, mode: 'auths', identity: 'dev', authDigest: expect.any(String) }),
    ]);
    expect((await stat(join(dir, 'cache', 'docker-entries.json'))).mode & 0o777).toBe(0o600);
  });

  it('auto with credsStore stores through the helper (secret via stdin only) and leaves no secret in config.json', async () => {
    await writeConfig({ ...FOREIGN, credsStore: 'testhelper', auths: { ...FOREIGN.auths, [H1]: { auth: 'b2xkOnNlY3JldA==' } } });
    expect(await login(H1, 'auto', 'dev', 'the-secret')).toMatchObject({ storedIn: 'store:testhelper', configPath, mode: 'store', changed: true });
    const config = await readConfig();
    expect(config.auths[H1]).toEqual({});
    expect(config).toEqual({ ...FOREIGN, credsStore: 'testhelper', auths: { ...FOREIGN.auths, [H1]: {} } });
    expect(await getCredential('testhelper', H1, env)).toEqual({ ServerURL: H1, Username: 'AWS', Secret: 'the-secret' });
    const calls = await readFile(join(dir, 'helper-state', 'calls.log'), 'utf8');
    expect(calls).toContain('argv:store\n');
    expect(calls.split('\n').filter((l) => l.startsWith('argv:')).join()).not.toContain('the-secret');
    expect(await readFile(configPath, 'utf8')).not.toContain('the-secret');
  });

  it('store mode without a credsStore is E_DOCKER_HELPER; with a missing helper binary too', async () => {
    await writeConfig({});
    expect(isEcrAuthError(await login(H1, 'store').catch((e) => e), 'E_DOCKER_HELPER')).toBe(true);
    await writeConfig({ credsStore: 'missing' });
    const error = await login(H1, 'auto').catch((e) => e);
    expect(error.message).toContain('docker-credential-missing is not on PATH');
    expect(await readConfig()).toEqual({ credsStore: 'missing' });
  });

  it('helper mode registers credHelpers[host] = ecr-auth, writes no secret, and drops the auths entry we wrote before', async () => {
    await writeConfig(FOREIGN);
    await login(H1, 'auths', 'dev', 'first-secret');
    expect(await login(H1, 'helper')).toMatchObject({ storedIn: 'helper', configPath, mode: 'helper', changed: true });
    const config = await readConfig();
    expect(config).toEqual({ ...FOREIGN, credHelpers: { ...FOREIGN.credHelpers, [H1]: 'ecr-auth' } });
    expect(JSON.stringify(config)).not.toContain(encodeAuth('AWS', 'first-secret'));
    expect(await readDockerLedger(env)).toEqual([expect.objectContaining({ host: H1, mode: 'helper' })]);
  });

  it('auths mode removes our own credHelpers registration that would shadow it, but not a foreign one', async () => {
    await writeConfig({ credHelpers: { [H1]: 'ecr-auth', [H2]: 'ecr-login' } });
    await login(H1, 'auths');
    await login(H2, 'auths');
    const config = await readConfig();
    expect(config.credHelpers).toEqual({ [H2]: 'ecr-login' });
    expect(Object.keys(config.auths)).toEqual([H1, H2]);
    expect(warnings.some((w) => w.includes('ecr-login') && w.includes(H2))).toBe(true);
  });

  it('switching from store to auths erases the old store entry', async () => {
    await writeConfig({ credsStore: 'testhelper' });
    await login(H1, 'store');
    await login(H1, 'auths');
    expect(await getCredential('testhelper', H1, env)).toBeUndefined();
    expect(await readDockerLedger(env)).toEqual([expect.objectContaining({ host: H1, mode: 'auths' })]);
  });
});

describe('removeDockerLogins', () => {
  it('removes exactly our entries and leaves the rest of config.json byte-for-byte', async () => {
    const original = await writeConfig(FOREIGN);
    await login(H1, 'auths', 'dev');
    await login(H2, 'helper', 'prod');
    const removed = await removeDockerLogins(env, () => true, log);
    expect(removed.map((e) => e.host).sort()).toEqual([H1, H2].sort());
    const after = await readConfig();
    expect(after).toEqual({ ...FOREIGN, auths: FOREIGN.auths, credHelpers: FOREIGN.credHelpers });
    expect(JSON.stringify(after, null, '\t')).toBe(original);
    expect(await readDockerLedger(env)).toEqual([]);
  });

  it('filters by identity and keeps the other identity entries', async () => {
    await writeConfig({});
    await login(H1, 'auths', 'dev');
    await login(H2, 'auths', 'prod');
    expect((await removeDockerLogins(env, (e) => e.identity === 'dev')).map((e) => e.host)).toEqual([H1]);
    expect(Object.keys((await readConfig()).auths)).toEqual([H2]);
    expect((await readDockerLedger(env)).map((e) => e.host)).toEqual([H2]);
  });

  it('leaves an auths entry someone else rewrote since, and a credHelpers value that is no longer ecr-auth', async () => {
    await writeConfig({});
    await login(H1, 'auths');
    await login(H2, 'helper');
    const config = await readConfig();
    config.auths[H1] = { auth: encodeAuth('someone', 'else') };
    config.credHelpers[H2] = 'ecr-login';
    await writeFile(configPath, JSON.stringify(config, null, '\t'));
    await removeDockerLogins(env, () => true);
    expect(await readConfig()).toEqual(config);
    expect(await readDockerLedger(env)).toEqual([]);
  });

  it('erases store entries through the helper and removes the empty auths marker', async () => {
    await writeConfig({ ...FOREIGN, credsStore: 'testhelper' });
    await login(H1, 'auto');
    await removeDockerLogins(env, () => true);
    expect(await getCredential('testhelper', H1, env)).toBeUndefined();
    expect(await readConfig()).toEqual({ ...FOREIGN, credsStore: 'testhelper' });
  });

  it('does not create a Docker config when there is none', async () => {
    await login(H1, 'auths');
    await rm(join(dir, 'docker'), { recursive: true });
    await removeDockerLogins(env, () => true);
    expect(await readdir(dir)).not.toContain('docker');
  });
});

describe('concurrency', () => {
  it('32 processes adding distinct registries to one config: all present, valid JSON, foreign keys intact', async () => {
    await writeConfig(FOREIGN);
    const script = fileURLToPath(new URL('./test-fixtures/add-registry.ts', (import.meta as { url: string }).url));
    const hosts = Array.from({ length: 32 }, (_, i) => `${String(100000000000 + i)}.dkr.ecr.us-east-1.amazonaws.com`);
    await Promise.all(hosts.map((host) => runTsx(script, [env.DOCKER_CONFIG ?? '', env.ECR_AUTH_CACHE_DIR ?? '', host])));
    const config = await readConfig();
    for (const host of hosts) expect(config.auths[host]).toEqual({ auth: encodeAuth('AWS', `token-for-${host}`) });
    const { auths, ...rest } = config;
    const { auths: foreignAuths, ...foreignRest } = FOREIGN;
    expect(rest).toEqual(foreignRest);
    expect(Object.keys(auths)).toHaveLength(32 + Object.keys(foreignAuths).length);
    expect((await readDockerLedger(env)).map((e) => e.host).sort()).toEqual([...hosts].sort());
    expect((await readdir(join(dir, 'docker'))).sort()).toEqual(['config.json']);
  });
});
