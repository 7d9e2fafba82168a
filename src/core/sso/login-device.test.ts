import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../../test/emulator/index.ts';
import { RecordingLogger, tempHome, testContext, testProvider } from '../../../test/sso/fixture.ts';
import { isEcrAuthError } from '../errors.ts';
import { ensureSsoToken } from './ensure-token.ts';
import { readSsoTokenFile, ssoTokenPath } from './token-file.ts';

// Two emulators: one without poll pacing (interval 0) so the injected sleep need not wait, one with the real
// 1 s pacing for the slow-down case. The clock offset lets a test age the device code on the service side.
let fast: Emulator;
let paced: Emulator;
let clockOffset = 0;
let home: { home: string; cleanup(): Promise<void> };
beforeAll(async () => {
  fast = await startEmulator({ autoApproveAfterPolls: 2, deviceInterval: 0, clock: () => Date.now() + clockOffset });
  paced = await startEmulator({ autoApproveAfterPolls: 1, deviceInterval: 1 });
});
afterAll(async () => {
  await fast.stop();
  await paced.stop();
});
beforeEach(async () => {
  clockOffset = 0;
  for (const e of [fast, paced]) {
    e.resetCalls();
    e.setAuthorize('approve');
  }
  home = await tempHome();
});
afterEach(() => home.cleanup());

function deviceContext(emulator: Emulator) {
  const log = new RecordingLogger();
  return { log, ctx: testContext({ home: home.home, emulatorEnv: emulator.env, human: true, browser: false, log }) };
}

describe('device-code login', () => {
  it('shows the URL and code, polls until approved after 2 pending polls, and caches the token', async () => {
    const { ctx, log } = deviceContext(fast);
    const sleeps: number[] = [];
    const provider = testProvider();
    const result = await ensureSsoToken(ctx, provider, { login: { sleep: async (ms) => void sleeps.push(ms) } });
    expect(result.source).toBe('login');
    expect(fast.calls('sso-oidc:RegisterClient')).toBe(1);
    expect(fast.calls('sso-oidc:StartDeviceAuthorization')).toBe(1);
    expect(fast.calls('sso-oidc:CreateToken')).toBe(3);
    // the emulator answers interval 0; we never poll faster than once a second
    expect(sleeps).toEqual([1000, 1000, 1000]);
    expect(log.text()).toMatch(new RegExp(`open ${fast.url}/device\\?user_code=[A-Z]{4}-[A-Z]{4}`));
    expect(log.text()).toMatch(/shows the code [A-Z]{4}-[A-Z]{4}/);
    for (const secret of fast.secrets()) expect(log.text()).not.toContain(secret);
    const cached = await readSsoTokenFile(ssoTokenPath(ctx.env, provider));
    expect(cached).toMatchObject({ accessToken: result.accessToken, grantTypes: ['urn:ietf:params:oauth:grant-type:device_code', 'refresh_token'] });
    expect(cached?.refreshToken).toBeTruthy();
  });

  it('adds 5 s to the interval when told to slow down', async () => {
    const { ctx, log } = deviceContext(paced);
    const sleeps: number[] = [];
    // The first two waits are skipped, so the second poll comes too fast; the next one waits a real second.
    const sleep = async (ms: number) => {
      sleeps.push(ms);
      if (sleeps.length > 2) await new Promise((r) => setTimeout(r, 1000));
    };
    const result = await ensureSsoToken(ctx, testProvider(), { login: { sleep } });
    expect(result.source).toBe('login');
    expect(sleeps).toEqual([1000, 1000, 6000]);
    expect(paced.calls('sso-oidc:CreateToken')).toBe(3);
    expect(log.text()).toContain('polling every 6s');
  });

  it('stops with E_SSO_TIMEOUT when the code is not approved within expiresIn', async () => {
    const emulator = await startEmulator({ autoApproveAfterPolls: Infinity, deviceInterval: 0, deviceExpiresIn: 3 });
    try {
      const { ctx } = deviceContext(emulator);
      const sleeps: number[] = [];
      const error = await ensureSsoToken(ctx, testProvider(), { login: { sleep: async (ms) => void sleeps.push(ms) } }).catch((e: unknown) => e);
      expect(isEcrAuthError(error, 'E_SSO_TIMEOUT')).toBe(true);
      expect((error as Error).message).toContain('was not approved within 3s');
      expect(sleeps).toEqual([1000, 1000, 1000]);
      expect(emulator.calls('sso-oidc:CreateToken')).toBe(2);
    } finally {
      await emulator.stop();
    }
  });

  it('stops with E_SSO_TIMEOUT when the service says the device code expired', async () => {
    const { ctx } = deviceContext(fast);
    const sleep = async () => {
      clockOffset += 11 * 60_000; // past the emulator's 10 minute device code lifetime
    };
    const error = await ensureSsoToken(ctx, testProvider(), { login: { sleep } }).catch((e: unknown) => e);
    expect(isEcrAuthError(error, 'E_SSO_TIMEOUT')).toBe(true);
    expect(fast.calls('sso-oidc:CreateToken')).toBe(1);
  });

  it('fails with E_SSO_DENIED when the user refuses', async () => {
    fast.setAuthorize('deny');
    const { ctx } = deviceContext(fast);
    const error = await ensureSsoToken(ctx, testProvider(), { login: { sleep: async () => {} } }).catch((e: unknown) => e);
    expect(isEcrAuthError(error, 'E_SSO_DENIED')).toBe(true);
    expect((error as { hint?: string }).hint).toBeTruthy();
  });
});
