import { spawn } from 'node:child_process';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import process from 'node:process';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator, type SsoCacheEntry } from '../../../test/emulator/index.ts';
import { RecordingLogger, tempHome, testContext, testProvider } from '../../../test/sso/fixture.ts';
import { isEcrAuthError } from '../errors.ts';
import { ensureSsoToken, invalidateSsoToken, readSsoTokenStatus, removeSsoToken, type SsoTokenResult } from './ensure-token.ts';
import { createToken } from './oidc-client.ts';
import { formatExpiry, readSsoTokenFile, ssoTokenPath } from './token-file.ts';

let emulator: Emulator;
let home: { home: string; cleanup(): Promise<void> };
beforeAll(async () => {
  emulator = await startEmulator({});
});
afterAll(() => emulator.stop());
beforeEach(async () => {
  emulator.resetCalls();
  emulator.clearFaults();
  home = await tempHome();
});
afterEach(() => home.cleanup());

const provider = testProvider();

/** Runs test/sso/ensure-child.ts in its own Node process; resolves with its stdout. */
function runChild(input: string): Promise<string> {
  const child = spawn(process.execPath, ['--import', 'tsx', resolve(process.cwd(), 'test/sso/ensure-child.ts'), input], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += String(chunk)));
  child.stderr.on('data', (chunk) => (stderr += String(chunk)));
  return new Promise((done, fail) => {
    child.on('error', fail);
    child.on('close', (code) => (code === 0 ? done(stdout) : fail(new Error(`child exited ${code}: ${stderr}`))));
  });
}
const minutes = (n: number) => n * 60_000;

function ciContext(log = new RecordingLogger()) {
  return testContext({ home: home.home, emulatorEnv: emulator.env, human: false, browser: false, log });
}

/** Writes an emulator-minted AWS CLI cache entry, optionally with another expiry or without some fields. */
async function seed(options: { expiresInMs?: number; drop?: string[] } = {}) {
  const entry: SsoCacheEntry = { ...emulator.mintSsoSession({ startUrl: provider.startUrl }) };
  if (options.expiresInMs !== undefined) entry.expiresAt = formatExpiry(Date.now() + options.expiresInMs);
  const written: Record<string, string> = { ...entry };
  for (const key of options.drop ?? []) delete written[key];
  const path = ssoTokenPath({ HOME: home.home }, provider);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, JSON.stringify(written));
  emulator.resetCalls();
  return { entry, path };
}

describe('ensureSsoToken from the cache', () => {
  it('reuses a token `aws sso login` left in the cache, with zero OIDC calls', async () => {
    const { entry } = await seed();
    const result = await ensureSsoToken(ciContext(), provider);
    expect(result).toEqual({ accessToken: entry.accessToken, expiresAt: Date.parse(entry.expiresAt), source: 'cache' });
    expect(emulator.calls()).toBe(0);
  });

  it('fails fast in CI when there is no token: E_SSO_LOGIN_REQUIRED, no network call, no lock', async () => {
    const ctx = ciContext();
    const error = await ensureSsoToken(ctx, provider).catch((e: unknown) => e);
    expect(isEcrAuthError(error, 'E_SSO_LOGIN_REQUIRED')).toBe(true);
    const hint = (error as { hint: string }).hint;
    expect(hint).toContain('ecr-auth login');
    expect(hint).toContain('aws sso login --sso-session emulator');
    expect(hint).toMatch(/aws\/ambient|github\/oidc/);
    expect(emulator.calls()).toBe(0);
    await expect(readdir(join(home.home, 'cache'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('ignores a token of another start URL under the same session name', async () => {
    await seed();
    const error = await ensureSsoToken(ciContext(), testProvider({ startUrl: 'https://other.awsapps.com/start' })).catch((e: unknown) => e);
    expect(isEcrAuthError(error, 'E_SSO_LOGIN_REQUIRED')).toBe(true);
  });

  it('hands out a token under min validity that cannot be refreshed while more than a minute is left', async () => {
    await seed({ expiresInMs: minutes(5), drop: ['refreshToken'] });
    const log = new RecordingLogger();
    const result = await ensureSsoToken(ciContext(log), provider);
    expect(result.source).toBe('cache');
    expect(log.text()).toContain('cannot be refreshed');
    expect(emulator.calls()).toBe(0);
    // ...but not when the caller knows it was rejected
    const error = await ensureSsoToken(ciContext(), provider, { forceRefresh: true }).catch((e: unknown) => e);
    expect(isEcrAuthError(error, 'E_SSO_LOGIN_REQUIRED')).toBe(true);
  });

  it('never hands out a token with a minute or less left', async () => {
    await seed({ expiresInMs: 50_000, drop: ['refreshToken'] });
    const error = await ensureSsoToken(ciContext(), provider).catch((e: unknown) => e);
    expect(isEcrAuthError(error, 'E_SSO_LOGIN_REQUIRED')).toBe(true);
  });
});

describe('ensureSsoToken refresh', () => {
  it('refreshes a near-expiry token, saves the rotated refresh token, and the old one is dead', async () => {
    const { entry, path } = await seed({ expiresInMs: minutes(5) });
    const result = await ensureSsoToken(ciContext(), provider);
    expect(result.source).toBe('refreshed');
    expect(result.accessToken).not.toBe(entry.accessToken);
    expect(result.expiresAt - Date.now()).toBeGreaterThan(minutes(60));
    expect(emulator.calls('sso-oidc:CreateToken')).toBe(1);
    expect(emulator.calls('sso-oidc:RegisterClient')).toBe(0);

    const saved = JSON.parse(await readFile(path, 'utf8')) as Record<string, string>;
    expect(saved).toMatchObject({
      startUrl: entry.startUrl,
      region: entry.region,
      accessToken: result.accessToken,
      expiresAt: formatExpiry(result.expiresAt),
      clientId: entry.clientId,
      clientSecret: entry.clientSecret,
      registrationExpiresAt: entry.registrationExpiresAt,
    });
    expect(saved.refreshToken).toBeTruthy();
    expect(saved.refreshToken).not.toBe(entry.refreshToken);

    const reuse = createToken(ciContext().env, 'us-east-1', { clientId: entry.clientId, clientSecret: entry.clientSecret }, {
      grantType: 'refresh_token',
      refreshToken: entry.refreshToken,
    });
    await expect(reuse).rejects.toMatchObject({ code: 'E_SSO_EXPIRED' });
    const next = await ensureSsoToken(ciContext(), provider, { forceRefresh: true });
    expect(next.source).toBe('refreshed');
  });

  it('requires a login in CI when the session was revoked, and forgets the dead refresh token', async () => {
    const { path } = await seed({ expiresInMs: -minutes(1) });
    emulator.revokeSsoSessions();
    const error = await ensureSsoToken(ciContext(), provider).catch((e: unknown) => e);
    expect(isEcrAuthError(error, 'E_SSO_LOGIN_REQUIRED')).toBe(true);
    expect(emulator.calls('sso-oidc:CreateToken')).toBe(1);
    expect((await readSsoTokenFile(path))?.refreshToken).toBeUndefined();
    await expect(ensureSsoToken(ciContext(), provider)).rejects.toMatchObject({ code: 'E_SSO_LOGIN_REQUIRED' });
    expect(emulator.calls('sso-oidc:CreateToken')).toBe(1);
  });

  it('forgets a client registration the service no longer knows, together with the refresh token', async () => {
    const { path } = await seed({ expiresInMs: -minutes(1) });
    const saved = JSON.parse(await readFile(path, 'utf8')) as Record<string, string>;
    await writeFile(path, JSON.stringify({ ...saved, clientSecret: 'not-the-secret' }));
    await expect(ensureSsoToken(ciContext(), provider)).rejects.toMatchObject({ code: 'E_SSO_LOGIN_REQUIRED' });
    const after = await readSsoTokenFile(path);
    expect(after).toMatchObject({ accessToken: saved.accessToken });
    expect([after?.refreshToken, after?.clientId, after?.clientSecret]).toEqual([undefined, undefined, undefined]);
  });

  it('keeps using a still-valid token when IAM Identity Center is down, and fails when none is left', async () => {
    await seed({ expiresInMs: minutes(5) });
    emulator.fault('sso-oidc:CreateToken', { type: 'server-error' });
    expect((await ensureSsoToken(ciContext(), provider)).source).toBe('cache');
    await seed({ expiresInMs: -minutes(1) });
    await expect(ensureSsoToken(ciContext(), provider)).rejects.toMatchObject({ code: 'E_AWS_UNAVAILABLE' });
  });

  it('8 processes on one near-expiry token make exactly one refresh call and all get the same token', async () => {
    await seed({ expiresInMs: minutes(5) });
    const input = JSON.stringify({ env: { ...ciContext().env }, provider });
    const outputs = await Promise.all(Array.from({ length: 8 }, () => runChild(input)));
    const results = outputs.map((o) => JSON.parse(o) as SsoTokenResult);
    expect(emulator.calls('sso-oidc:CreateToken')).toBe(1);
    expect(new Set(results.map((r) => r.accessToken)).size).toBe(1);
    expect(results.filter((r) => r.source === 'refreshed')).toHaveLength(1);
    expect((await readSsoTokenFile(ssoTokenPath({ HOME: home.home }, provider)))?.accessToken).toBe(results[0]!.accessToken);
  });
});

describe('invalidate, remove, status', () => {
  it('marks a rejected token expired but keeps the refresh token, so the next call refreshes', async () => {
    const { entry, path } = await seed();
    const ctx = ciContext();
    expect(await invalidateSsoToken(ctx, provider, 'some-other-token')).toBe(false);
    expect(await invalidateSsoToken(ctx, provider, entry.accessToken)).toBe(true);
    const saved = await readSsoTokenFile(path);
    expect(saved?.expiresAt).toBeLessThan(Date.now());
    expect(saved?.refreshToken).toBe(entry.refreshToken);
    expect((await ensureSsoToken(ctx, provider)).source).toBe('refreshed');
  });

  it('reports the token with no network call, and removes it', async () => {
    const { entry, path } = await seed();
    const ctx = ciContext();
    expect(await readSsoTokenStatus(ctx.env, provider)).toEqual({
      path,
      expiresAt: Date.parse(entry.expiresAt),
      refreshableUntil: Date.parse(entry.registrationExpiresAt),
    });
    expect(await removeSsoToken(ctx, provider)).toBe(path);
    expect(await removeSsoToken(ctx, provider)).toBeUndefined();
    expect(await readSsoTokenStatus(ctx.env, provider)).toBeUndefined();
    expect(emulator.calls()).toBe(0);
  });
});

describe('the cache-hit path', () => {
  it('imports no AWS SDK module statically (only lazily, inside the OIDC calls)', async () => {
    const dir = resolve(process.cwd(), 'src/core/sso');
    for (const file of (await readdir(dir)).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))) {
      const source = await readFile(join(dir, file), 'utf8');
      expect(source, file).not.toMatch(/^import (?!type )[^;]*from '@aws-sdk\//m);
    }
  });
});
