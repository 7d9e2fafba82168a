import { chmod, lstat, mkdir, mkdtemp, readdir, readFile, readlink, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { execFile } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isEcrAuthError } from '../errors.ts';
import { dockerConfigPath, readDockerConfig, setAuth, setCredHelper, updateDockerConfig } from './config-file.ts';

const H = '123456789012.dkr.ecr.us-east-1.amazonaws.com';
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
let path: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ecr-auth-dockercfg-'));
  env = { HOME: join(dir, 'home'), DOCKER_CONFIG: join(dir, 'docker'), ECR_AUTH_CACHE_DIR: join(dir, 'cache') };
  path = join(dir, 'docker', 'config.json');
});
afterEach(async () => {
  await chmod(join(dir, 'docker'), 0o700).catch(() => {});
  await rm(dir, { recursive: true, force: true });
});

function run(file: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) =>
    execFile(file, args, { env: { PATH: '/usr/bin:/bin', HOME: dir } }, (error, stdout, stderr) => (error ? reject(new Error(`${error.message}: ${stderr}`)) : resolve(stdout))),
  );
}

async function expectDockerConfigError(promise: Promise<unknown>, pattern: RegExp) {
  const error = await promise.then(() => undefined, (e) => e);
  expect(isEcrAuthError(error, 'E_DOCKER_CONFIG')).toBe(true);
  expect(error.message).toMatch(pattern);
  expect(error.hint).toBeTruthy();
}

describe('dockerConfigPath', () => {
  it('is $DOCKER_CONFIG/config.json, else ~/.docker/config.json', () => {
    expect(dockerConfigPath({ DOCKER_CONFIG: '/d', HOME: '/h' })).toBe('/d/config.json');
    expect(dockerConfigPath({ HOME: '/h' })).toBe('/h/.docker/config.json');
  });
});

describe('updateDockerConfig', () => {
  it('creates the file 0600 (dir 0700) with tab indentation when there is none', async () => {
    const result = await updateDockerConfig(env, (c) => setAuth(c, H, 'AWS', 'pw'));
    expect(result).toMatchObject({ path, changed: true });
    const text = await readFile(path, 'utf8');
    expect(text).toBe(`{\n\t"auths": {\n\t\t"${H}": {\n\t\t\t"auth": "QVdTOnB3"\n\t\t}\n\t}\n}`);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect((await stat(join(dir, 'docker'))).mode & 0o777).toBe(0o700);
    expect(await readdir(join(dir, 'docker'))).toEqual(['config.json']);
  });

  it('keeps every foreign key and entry, and the file mode', async () => {
    await mkdir(join(dir, 'docker'));
    await writeFile(path, JSON.stringify(FOREIGN, null, '\t'), { mode: 0o644 });
    await updateDockerConfig(env, (c) => setCredHelper(setAuth(c, H, 'AWS', 'pw'), 'x.example', 'ecr-auth'));
    const after = JSON.parse(await readFile(path, 'utf8'));
    expect(after).toEqual({
      ...FOREIGN,
      auths: { ...FOREIGN.auths, [H]: { auth: 'QVdTOnB3' } },
      credHelpers: { ...FOREIGN.credHelpers, 'x.example': 'ecr-auth' },
    });
    expect((await stat(path)).mode & 0o777).toBe(0o644);
  });

  it('does not write when nothing changed (a 2-space file stays byte-for-byte)', async () => {
    await mkdir(join(dir, 'docker'));
    const original = `${JSON.stringify({ ...FOREIGN, auths: { [H]: { auth: 'QVdTOnB3' } } }, null, 2)}\n`;
    await writeFile(path, original);
    const before = (await stat(path)).mtimeMs;
    expect((await updateDockerConfig(env, (c) => setAuth(c, H, 'AWS', 'pw'))).changed).toBe(false);
    expect((await updateDockerConfig(env, () => undefined)).changed).toBe(false);
    expect(await readFile(path, 'utf8')).toBe(original);
    expect((await stat(path)).mtimeMs).toBe(before);
  });

  it.each([
    ['an empty file', ''],
    ['a BOM', '\uFEFF{"currentContext":"x"}'],
  ])('accepts %s', async (_name, text) => {
    await mkdir(join(dir, 'docker'));
    await writeFile(path, text);
    await updateDockerConfig(env, (c) => setAuth(c, H, 'AWS', 'pw'));
    expect(JSON.parse(await readFile(path, 'utf8')).auths[H].auth).toBe('QVdTOnB3');
  });

  it.each([
    ['garbage', 'garbage{', /not valid JSON/],
    ['an array', '[{"auths":{}}]', /an array/],
  ])('never writes a file holding %s', async (_name, text, pattern) => {
    await mkdir(join(dir, 'docker'));
    await writeFile(path, text);
    await expectDockerConfigError(updateDockerConfig(env, (c) => setAuth(c, H, 'AWS', 'pw')), pattern);
    expect(await readFile(path, 'utf8')).toBe(text);
  });

  it('writes through a symlinked config.json and keeps the link', async () => {
    const real = join(dir, 'dotfiles', 'docker-config.json');
    await mkdir(join(dir, 'dotfiles'));
    await mkdir(join(dir, 'docker'));
    await writeFile(real, JSON.stringify(FOREIGN));
    await symlink(real, path);
    await updateDockerConfig(env, (c) => setAuth(c, H, 'AWS', 'pw'));
    expect((await lstat(path)).isSymbolicLink()).toBe(true);
    expect(await readlink(path)).toBe(real);
    expect(JSON.parse(await readFile(real, 'utf8')).auths[H]).toEqual({ auth: 'QVdTOnB3' });
    expect((await readDockerConfig(env)).config.currentContext).toBe('colima');
  });

  it('a directory where config.json should be is E_DOCKER_CONFIG with what to do, nothing changed', async () => {
    await mkdir(path, { recursive: true });
    await expectDockerConfigError(updateDockerConfig(env, (c) => setAuth(c, H, 'AWS', 'pw')), /is a directory/);
    await expectDockerConfigError(readDockerConfig(env), /is a directory/);
    expect(await readdir(path)).toEqual([]);
  });

  it('a config.json without any write permission is E_DOCKER_CONFIG, left as it was', async () => {
    await mkdir(join(dir, 'docker'));
    await writeFile(path, '{"currentContext":"x"}');
    await chmod(path, 0o444);
    await expectDockerConfigError(updateDockerConfig(env, (c) => setAuth(c, H, 'AWS', 'pw')), /read-only/);
    expect(await readFile(path, 'utf8')).toBe('{"currentContext":"x"}');
  });

  // Root ignores directory permissions: as root the write is attempted by an unprivileged user (setpriv) against
  // a root-owned directory; without setpriv the case is skipped.
  const asRoot = process.getuid?.() === 0;
  const setpriv = ['/usr/bin/setpriv', '/bin/setpriv'].find((p) => existsSync(p));
  it.skipIf(asRoot && !setpriv)('a read-only docker directory is E_DOCKER_CONFIG, nothing changed', async () => {
    await mkdir(join(dir, 'docker'));
    await writeFile(path, '{"currentContext":"x"}', { mode: 0o644 });
    let outcome: { code?: string; message?: string };
    if (asRoot && setpriv) {
      await mkdir(join(dir, 'cache'), { mode: 0o777 });
      await chmod(join(dir, 'cache'), 0o777);
      await chmod(dir, 0o755);
      const script = fileURLToPath(new URL('./test-fixtures/update-config.ts', (import.meta as { url: string }).url));
      const out = await run(setpriv, ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, '--import', 'tsx', script, join(dir, 'docker'), join(dir, 'cache')]);
      outcome = JSON.parse(out);
    } else {
      await chmod(join(dir, 'docker'), 0o500);
      outcome = await updateDockerConfig(env, (c) => setAuth(c, H, 'AWS', 'pw')).then(() => ({}), (e) => e);
    }
    expect(outcome.code).toBe('E_DOCKER_CONFIG');
    expect(outcome.message).toMatch(/read-only|cannot be written/);
    expect(await readFile(path, 'utf8')).toBe('{"currentContext":"x"}');
    expect(await readdir(join(dir, 'docker'))).toEqual(['config.json']);
  });

  it('readDockerConfig reports a missing file as {} without creating anything', async () => {
    expect(await readDockerConfig(env)).toEqual({ path, config: {}, exists: false });
    expect(await readdir(dir)).toEqual([]);
  });
});
