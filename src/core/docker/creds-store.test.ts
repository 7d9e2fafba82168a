import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isEcrAuthError } from '../errors.ts';
import { eraseCredential, findHelperBinary, getCredential, listCredentials, storeCredential } from './creds-store.ts';
import { installFakeHelper } from './test-fixtures/fake-helper.ts';

const H = '123456789012.dkr.ecr.us-east-1.amazonaws.com';
const SECRET = 'eyJwYXlsb2FkIjoi-secret-token';
let dir: string;
let env: Record<string, string | undefined>;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ecr-auth-creds-'));
  const bin = await installFakeHelper(dir, 'testhelper');
  env = { PATH: `${bin}:/usr/bin:/bin`, FAKE_HELPER_MARK: 'passed-through' };
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('creds-store (docker-credential-<name>)', () => {
  it('stores with the secret on stdin only, never in argv, with the given environment', async () => {
    await storeCredential('testhelper', { ServerURL: H, Username: 'AWS', Secret: SECRET }, env);
    const calls = await readFile(join(dir, 'helper-state', 'calls.log'), 'utf8');
    expect(calls).toContain('argv:store\n');
    expect(calls).toContain(`stdin:{"ServerURL":"${H}","Username":"AWS","Secret":"${SECRET}"}`);
    expect(calls.split('\n').filter((l) => l.startsWith('argv:')).join()).not.toContain(SECRET);
    expect(calls).toContain('env:passed-through');
  });

  it('gets what was stored, undefined for an unknown host, and erases', async () => {
    await storeCredential('testhelper', { ServerURL: H, Username: 'AWS', Secret: SECRET }, env);
    expect(await getCredential('testhelper', H, env)).toEqual({ ServerURL: H, Username: 'AWS', Secret: SECRET });
    expect(await getCredential('testhelper', 'other.example.com', env)).toBeUndefined();
    await eraseCredential('testhelper', H, env);
    expect(await getCredential('testhelper', H, env)).toBeUndefined();
    await eraseCredential('testhelper', H, env); // erasing what is not there is fine
    expect(await listCredentials('testhelper', env)).toEqual({});
    expect(await readdir(join(dir, 'helper-state', 'store'))).toEqual([]);
  });

  it('a missing helper binary is E_DOCKER_HELPER naming it and what to do', async () => {
    const error = await storeCredential('nonexistent', { ServerURL: H, Username: 'AWS', Secret: SECRET }, env).catch((e) => e);
    expect(isEcrAuthError(error, 'E_DOCKER_HELPER')).toBe(true);
    expect(error.message).toBe('credsStore is set to nonexistent but docker-credential-nonexistent is not on PATH');
    expect(error.hint).toMatch(/install/i);
    expect(error.hint).toContain('settings.docker.mode');
    expect(await findHelperBinary('testhelper', { PATH: '' })).toBeUndefined();
  });

  it('a failed store never echoes the helper output (it could contain the secret)', async () => {
    await installFakeHelper(dir, 'leaky', 'leaky');
    const error = await storeCredential('leaky', { ServerURL: H, Username: 'AWS', Secret: SECRET }, env).catch((e) => e);
    expect(isEcrAuthError(error, 'E_DOCKER_HELPER')).toBe(true);
    expect(error.message).toContain('store failed (exit 1)');
    expect(`${error.message} ${error.hint}`).not.toContain(SECRET);
  });

  it('rejects a helper name that is a path', async () => {
    const error = await getCredential('../../bin/sh', H, env).catch((e) => e);
    expect(isEcrAuthError(error, 'E_DOCKER_HELPER')).toBe(true);
  });
});
