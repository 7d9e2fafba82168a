import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../../test/emulator/index.ts';
import { fakeBrowser, readBrowserReport, RecordingLogger, tempHome, testContext, testProvider } from '../../../test/sso/fixture.ts';
import { isEcrAuthError } from '../errors.ts';
import { startCallbackServer } from './callback-server.ts';
import { ensureSsoToken } from './ensure-token.ts';
import { readSsoTokenFile, ssoTokenPath } from './token-file.ts';

let emulator: Emulator;
let home: { home: string; cleanup(): Promise<void> };
beforeAll(async () => {
  emulator = await startEmulator({});
});
afterAll(() => emulator.stop());
beforeEach(async () => {
  emulator.resetCalls();
  emulator.clearFaults();
  emulator.setAuthorize('approve');
  home = await tempHome();
});
afterEach(() => home.cleanup());

async function pkceContext(mode: 'follow' | 'bad-state' | 'bad-then-good') {
  const browser = await fakeBrowser(home.home, mode);
  const log = new RecordingLogger();
  const ctx = testContext({ home: home.home, emulatorEnv: emulator.env, env: browser.env, human: true, browser: true, log });
  return { ctx, log, report: browser.report };
}

function expectNoSecret(text: string): void {
  for (const secret of emulator.secrets()) expect(text).not.toContain(secret);
}

describe('PKCE login through the BROWSER command', () => {
  it('signs in, shows a success page, caches the token with its registration, and reuses it', async () => {
    const { ctx, log, report } = await pkceContext('follow');
    const provider = testProvider();
    const result = await ensureSsoToken(ctx, provider);
    expect(result.source).toBe('login');
    expect(emulator.calls('sso-oidc:RegisterClient')).toBe(1);
    expect(emulator.calls('sso-oidc:Authorize')).toBe(1);
    expect(emulator.calls('sso-oidc:CreateToken')).toBe(1);

    const visits = (await readBrowserReport(report)).visits;
    expect(visits.at(-1)).toMatchObject({ url: 'callback', status: 200 });
    expect(visits.at(-1)?.body).toContain('You can close this tab');

    const cached = await readSsoTokenFile(ssoTokenPath(ctx.env, provider));
    expect(cached).toMatchObject({
      startUrl: provider.startUrl,
      region: 'us-east-1',
      accessToken: result.accessToken,
      grantTypes: ['authorization_code', 'refresh_token'],
    });
    expect(cached?.refreshToken).toBeTruthy();
    expect(cached?.clientSecret).toBeTruthy();
    expect(log.text()).toContain(`${emulator.url}/authorize?response_type=code`);
    expectNoSecret(log.text());

    const again = await ensureSsoToken(ctx, provider);
    expect(again).toEqual({ ...result, source: 'cache' });
    expect(emulator.calls()).toBe(3);
  });

  it('signs in again with the cached registration when the session was revoked', async () => {
    const { ctx } = await pkceContext('follow');
    const provider = testProvider();
    const first = await ensureSsoToken(ctx, provider);
    emulator.revokeSsoSessions();
    const second = await ensureSsoToken(ctx, provider, { forceRefresh: true });
    expect(second.source).toBe('login');
    expect(second.accessToken).not.toBe(first.accessToken);
    expect(emulator.calls('sso-oidc:RegisterClient')).toBe(1);
    expect(emulator.calls('sso-oidc:Authorize')).toBe(2);
  });

  it('answers a callback with the wrong state with a 400 page and keeps waiting, then times out', async () => {
    const { ctx, log, report } = await pkceContext('bad-state');
    const error = await ensureSsoToken(ctx, testProvider(), { login: { timeoutMs: 1500 } }).catch((e: unknown) => e);
    expect(isEcrAuthError(error, 'E_SSO_TIMEOUT')).toBe(true);
    expect((error as Error).message).toContain('did not finish within');
    const visits = (await readBrowserReport(report)).visits;
    expect(visits.at(-1)).toMatchObject({ url: 'forged', status: 400 });
    expect(emulator.calls('sso-oidc:CreateToken')).toBe(0);
    expect(log.text()).toContain('state mismatch');
  });

  it('still completes when the real callback follows a forged one', async () => {
    const { ctx, report } = await pkceContext('bad-then-good');
    const result = await ensureSsoToken(ctx, testProvider(), { login: { timeoutMs: 20_000 } });
    expect(result.source).toBe('login');
    const visits = (await readBrowserReport(report)).visits;
    expect(visits.map((v) => [v.url, v.status])).toEqual([
      [expect.stringContaining('/authorize'), 302],
      ['forged', 400],
      ['callback', 200],
    ]);
  });

  it('fails with E_SSO_DENIED when the user refuses, and caches nothing', async () => {
    emulator.setAuthorize('deny');
    const { ctx, report } = await pkceContext('follow');
    const provider = testProvider();
    const error = await ensureSsoToken(ctx, provider).catch((e: unknown) => e);
    expect(isEcrAuthError(error, 'E_SSO_DENIED')).toBe(true);
    expect((error as { hint?: string }).hint).toContain('ecr-auth login');
    const visits = (await readBrowserReport(report)).visits;
    expect(visits.at(-1)).toMatchObject({ url: 'callback', status: 200, error: 'access_denied' });
    expect(visits.at(-1)?.body).toContain('Sign-in failed');
    expect(emulator.calls('sso-oidc:CreateToken')).toBe(0);
    expect(await readSsoTokenFile(ssoTokenPath(ctx.env, provider))).toBeUndefined();
  });
});

describe('the loopback callback server', () => {
  // Reads the body too, so no response stream is left open (Deno's resource sanitizer checks that).
  const statusOf = (url: string) => fetch(url).then(async (res) => (await res.arrayBuffer(), res.status));
  it('serves only GET /oauth/callback and listens on 127.0.0.1', async () => {
    const server = await startCallbackServer('s1', new RecordingLogger());
    try {
      expect(server.redirectUri).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/oauth\/callback$/);
      const origin = new URL(server.redirectUri).origin;
      expect(await statusOf(`${origin}/other`)).toBe(404);
      expect(await statusOf(`${server.redirectUri}?state=s1`)).toBe(400);
      expect(await statusOf(`${server.redirectUri}?state=s1&code=abc`)).toBe(200);
      expect(await server.code).toBe('abc');
      expect(await statusOf(`${server.redirectUri}?state=s1&code=again`)).toBe(409);
    } finally {
      server.close();
    }
  });
});
