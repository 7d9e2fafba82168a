// A full disk and read-only directories for real: a 64 KB tmpfs filled to its last byte under ~/.aws/sso/cache, and
// read-only tmpfs mounts (root can write through chmod, not through a read-only mount). The rule under test: a write
// that fails after a token rotated keeps the newest secret somewhere durable or fails loudly, never exit 0 with the
// rotated refresh token lost. Needs root (mount); under CI=true a machine that cannot mount fails, never skips.
import { execFileSync } from 'node:child_process';
import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import process from 'node:process';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../emulator/index.ts';
import { expireSsoAccessToken } from './hostile-cases.ts';
import { makeCliHome, type CliHome } from './support/cli-home.ts';
import { cliInProcess } from './support/in-process.ts';

function canMount(): boolean {
  if (process.getuid?.() !== 0) return false;
  const probe = `/tmp/ea-mount-probe-${process.pid}`;
  try {
    execFileSync('mkdir', ['-p', probe]);
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=16k', 'tmpfs', probe], { stdio: 'ignore' });
    execFileSync('umount', [probe]);
    return true;
  } catch {
    return false;
  } finally {
    execFileSync('rm', ['-rf', probe]);
  }
}

const MOUNTABLE = canMount();
if (!MOUNTABLE && process.env.CI === 'true') {
  throw new Error('test/safety/full-disk.test.ts needs root and mount(8) for a real tmpfs; under CI=true this is a failure, not a skip');
}

let emulator: Emulator;
let w: CliHome;
const mounts: string[] = [];

function mountTmpfs(dir: string, options: string): void {
  execFileSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', dir]);
  mounts.push(dir);
}

/** Fills the file system holding `dir` to its last byte. */
async function fill(dir: string): Promise<void> {
  try {
    execFileSync('sh', ['-c', `head -c 10000000 /dev/zero > "${join(dir, 'filler')}"`], { stdio: 'ignore' });
  } catch {
    // "No space left on device": full, as wanted
  }
  await expect(writeFile(join(dir, 'probe'), 'x')).rejects.toThrow(/ENOSPC/);
}

beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(async () => {
  await emulator?.stop();
});
afterEach(async () => {
  while (mounts.length > 0) execFileSync('umount', ['-l', mounts.pop()!]);
  await w?.cleanup();
});

/** A world whose SSO access token has expired (the refresh token is good) and whose ~/.aws/sso/cache is a tmpfs. */
async function worldWithSsoOnTmpfs(options = 'size=64k'): Promise<{ ssoDir: string; token: string }> {
  w = await makeCliHome(emulator);
  const ssoDir = join(w.home, '.aws', 'sso', 'cache');
  await mkdir(ssoDir, { recursive: true });
  mountTmpfs(ssoDir, options);
  await w.seedSso();
  await expireSsoAccessToken(w);
  return { ssoDir, token: await readFile(w.ssoTokenPath, 'utf8') };
}

const refreshTokenOf = (text: string) => (JSON.parse(text) as { refreshToken?: string }).refreshToken;

describe.skipIf(!MOUNTABLE)('a write that fails after the refresh token rotated', () => {
  it('full ~/.aws: the rotated token is kept in the cache dir with a warning, and the next run uses it', async () => {
    const { ssoDir, token } = await worldWithSsoOnTmpfs();
    await fill(ssoDir);
    const first = await cliInProcess(['login'], w.env, w.cwd);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toMatch(/warning: could not save the SSO token[\s\S]*no space left on the device \(ENOSPC\)[\s\S]*sso-tokens/);
    expect(await readFile(w.ssoTokenPath, 'utf8')).toBe(token); // the AWS CLI file: unchanged, not torn
    const fallback = join(w.cacheDir, 'sso-tokens', basename(w.ssoTokenPath)); // ssoFallbackPath
    const kept = await readFile(fallback, 'utf8');
    expect(refreshTokenOf(kept)).toBeDefined();
    expect(refreshTokenOf(kept)).not.toBe(refreshTokenOf(token)); // the new one: the old one is spent
    expect((await stat(fallback)).mode & 0o777).toBe(0o600);

    // space again; the access token of the kept copy runs out: the next run refreshes with the kept refresh token
    await rm(join(ssoDir, 'filler'));
    const entry = JSON.parse(kept) as Record<string, unknown>;
    entry.expiresAt = new Date(Date.now() - 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    await writeFile(fallback, JSON.stringify(entry));
    // and the role credentials are gone, so the run needs the SSO session again
    await rm(join(w.cacheDir, 'credentials'), { recursive: true, force: true });
    const calls = emulator.calls('sso-oidc:CreateToken');
    const second = await cliInProcess(['login'], w.env, w.cwd);
    expect(second.code, second.stderr).toBe(0);
    expect(emulator.calls('sso-oidc:CreateToken')).toBe(calls + 1);
    // saved where the AWS CLI reads it again, and the fallback is gone
    expect(refreshTokenOf(await readFile(w.ssoTokenPath, 'utf8'))).not.toBe(refreshTokenOf(kept));
    await expect(stat(fallback)).rejects.toThrow(/ENOENT/);
  });

  it('full ~/.aws and nowhere else to keep it: E_CACHE, exit 1, saying the session was lost', async () => {
    const { ssoDir, token } = await worldWithSsoOnTmpfs();
    await fill(ssoDir);
    const fallbackDir = join(w.cacheDir, 'sso-tokens');
    await mkdir(fallbackDir, { recursive: true });
    mountTmpfs(fallbackDir, 'size=16k,ro');
    const run = await cliInProcess(['login'], w.env, w.cwd);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/new SSO session of "company-sso" could not be saved[\s\S]*ENOSPC[\s\S]*EROFS[\s\S]*ecr-auth login[\s\S]*\[E_CACHE\]/);
    expect(run.stderr).not.toMatch(/E_INTERNAL/);
    expect(await readFile(w.ssoTokenPath, 'utf8')).toBe(token);
  });

  it('read-only ~/.aws/sso/cache when the portal rejects the token: a clear code, not E_INTERNAL', async () => {
    const { ssoDir, token } = await worldWithSsoOnTmpfs();
    // a valid-looking access token the portal has revoked
    const entry = JSON.parse(token) as Record<string, unknown>;
    entry.expiresAt = new Date(Date.now() + 3_600_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    await writeFile(w.ssoTokenPath, JSON.stringify(entry));
    const before = await readFile(w.ssoTokenPath, 'utf8');
    execFileSync('mount', ['-o', 'remount,ro', ssoDir]);
    emulator.revokeSsoSessions();
    const run = await cliInProcess(['login'], w.env, w.cwd);
    expect(run.stderr).not.toMatch(/E_INTERNAL/);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/E_SSO_LOGIN_REQUIRED|E_SSO_EXPIRED/);
    expect(await readFile(w.ssoTokenPath, 'utf8')).toBe(before);
  });
});
