// AWS failing in every way it can, seen through the session API (what every entry point calls): throttling and 5xx
// beyond the SDK's retries, hung and dropped connections, denials that must name who was denied what, a revoked SSO
// session in CI, clocks that disagree, and AWS unreachable while the cache is still good. test/session covers the
// single faults that recover (throttle twice, drop once, ECR 5xx with a cached token, ECR Public denied, a hung ECR);
// this file covers the rest. No error text may carry a secret the emulator issued.
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CoreContext } from '../../src/core/context.ts';
import { dockerLedgerPath } from '../../src/core/docker/ledger.ts';
import type { EcrAuthError } from '../../src/core/errors.ts';
import { ensureIdentity, ensureRegistries } from '../../src/core/session.ts';
import { formatExpiry, readSsoTokenFile, ssoTokenPath } from '../../src/core/sso/token-file.ts';
import { DEFAULT_START_URL, startEmulator, type Emulator, type EmulatorOptions } from '../emulator/index.ts';
import { makeTestHome, ssoConfig, type TestHome } from '../support/core-context.ts';

const ROLE = 'arn:aws:iam::123456789012:role/Deploy';
const EAST2 = '123456789012.dkr.ecr.us-east-2.amazonaws.com';
const WEST2 = '123456789012.dkr.ecr.us-west-2.amazonaws.com';

let emulator: Emulator;
let t: TestHome;
/** Every error text the tests saw, checked against the emulator's secrets after each test. */
let seen: string[];

beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(() => emulator.stop());
beforeEach(async () => {
  emulator.resetCalls();
  emulator.clearFaults();
  seen = [];
  t = await makeTestHome(emulator);
  await t.seedSso(emulator, { startUrl: DEFAULT_START_URL });
});
afterEach(async () => {
  const text = [...seen, ...t.lines].join('\n');
  for (const secret of emulator.secrets()) expect(text.includes(secret), 'an issued secret appears in an error or log line').toBe(false);
  await t.cleanup();
});

const twoRegions = () =>
  ssoConfig(DEFAULT_START_URL, {
    integrations: {
      'dev/ecr/west': { kind: 'aws/ecr', via: { identity: 'dev-admin' }, spec: { registry: { account_id: '123456789012', region: 'us-west-2' } } },
    },
  });
const withRole = () =>
  ssoConfig(DEFAULT_START_URL, {
    identities: { deployer: { kind: 'aws/assume-role', via: { identity: 'dev-admin' }, principal: { assume_role: ROLE } } },
    integrations: {
      'deploy/east': { kind: 'aws/ecr', via: { identity: 'deployer' }, spec: { registry: { account_id: '123456789012', region: 'us-east-1' } } },
      'deploy/west': { kind: 'aws/ecr', via: { identity: 'deployer' }, spec: { registry: { account_id: '123456789012', region: 'us-west-2' } } },
    },
  });
const quick = (ctx: CoreContext, ms = 300): CoreContext => ({ ...ctx, env: { ...ctx.env, ECR_AUTH_HTTP_TIMEOUT_MS: String(ms) } });

function record(error: EcrAuthError | undefined): EcrAuthError {
  expect(error, 'expected a failure').toBeDefined();
  seen.push(`${error!.message}\n${error!.hint ?? ''}`);
  return error!;
}
async function thrown(promise: Promise<unknown>): Promise<EcrAuthError> {
  return record(await promise.then(() => undefined, (e: EcrAuthError) => e));
}
const failureFor = (outcome: { failures: Array<{ host: string; error: EcrAuthError }> }, host: string) =>
  record(outcome.failures.find((f) => f.host === host)?.error);
const dockerHosts = async () =>
  Object.keys(JSON.parse(await readFile(join(t.env.DOCKER_CONFIG!, 'config.json'), 'utf8').catch(() => '{}')).auths ?? {});
const cachedTokens = async () => (await readdir(join(t.home, '.cache', 'ecr-auth', 'registry-tokens')).catch(() => [])).length;

describe('beyond the SDK retries', () => {
  it('ECR throttling every attempt: E_AWS_UNAVAILABLE after 3 calls, with a hint; nothing cached or written for it; the other region logs in', async () => {
    const ctx = t.context(twoRegions());
    await ensureIdentity(ctx);
    // us-west-2's token first (the registries run concurrently: the throttles, counted per operation, must all meet us-east-2)
    await ensureRegistries(ctx, { integrations: ['dev/ecr/west'] });
    emulator.resetCalls();
    emulator.fault('ecr:GetAuthorizationToken', { type: 'throttle', times: 3 });
    const outcome = await ensureRegistries(ctx, { identity: 'dev-admin' });
    const error = failureFor(outcome, EAST2);
    expect(error.code).toBe('E_AWS_UNAVAILABLE');
    expect(error.message).toContain('ThrottlingException');
    expect(error.hint).toMatch(/try again/);
    expect(outcome.logins.map((l) => l.host)).toEqual([WEST2]);
    expect(emulator.calls('ecr:GetAuthorizationToken')).toBe(3); // 3 attempts for us-east-2; us-west-2's is cached
    expect(await dockerHosts()).toEqual([WEST2]);
    expect(await cachedTokens()).toBe(1);
    expect(await readFile(dockerLedgerPath(t.env), 'utf8')).not.toContain(EAST2);
  });

  it.each([
    ['ECR answering 500', 'ecr:GetAuthorizationToken', { type: 'server-error' }, 3],
    ['ECR dropping every connection', 'ecr:GetAuthorizationToken', { type: 'drop' }, 3],
  ] as const)('%s with nothing cached: E_AWS_UNAVAILABLE after the SDK gave up', async (_name, op, fault, calls) => {
    const ctx = t.context(ssoConfig(DEFAULT_START_URL));
    emulator.fault(op, fault);
    const outcome = await ensureRegistries(ctx, { integrations: ['dev/ecr/primary'] });
    const error = failureFor(outcome, EAST2);
    expect(error.code).toBe('E_AWS_UNAVAILABLE');
    expect(error.message).toContain('ecr:GetAuthorizationToken');
    expect(error.hint).toMatch(/try again.*network, proxy and AWS_ENDPOINT_URL/);
    expect(emulator.calls(op)).toBe(calls);
    expect(await dockerHosts()).toEqual([]);
  });

  it('the SSO portal failing (500) or throttling: E_AWS_UNAVAILABLE naming identity and account; no credentials cached', async () => {
    const ctx = t.context(ssoConfig(DEFAULT_START_URL, { identities: {} }));
    for (const fault of [{ type: 'server-error' as const }, { type: 'throttle' as const, times: 3 }]) {
      emulator.clearFaults();
      emulator.fault('sso:GetRoleCredentials', fault);
      const error = await thrown(ensureIdentity(ctx));
      expect(error.code).toBe('E_AWS_UNAVAILABLE');
      expect(error.message).toContain('sso:GetRoleCredentials');
      expect(error.message).toContain('identity "dev-admin"');
      expect(error.message).toContain('account 123456789012');
    }
    expect(await readdir(join(t.home, '.cache', 'ecr-auth', 'credentials')).catch(() => [])).toEqual([]);
  });
});

describe('hung and dropped connections', () => {
  it('a hung SSO portal: E_AWS_UNAVAILABLE within the time-out instead of hanging', async () => {
    emulator.fault('sso:GetRoleCredentials', { type: 'slow', ms: 5_000 });
    const error = await thrown(ensureIdentity(quick(t.context(ssoConfig(DEFAULT_START_URL)))));
    expect(error.code).toBe('E_AWS_UNAVAILABLE');
    expect(error.message).toContain('sso:GetRoleCredentials');
  });

  it('a hung STS in a role chain: E_AWS_UNAVAILABLE naming the role; the parent link stays cached', async () => {
    emulator.fault('sts:AssumeRole', { type: 'slow', ms: 5_000 });
    const ctx = quick(t.context(withRole()));
    const error = await thrown(ensureIdentity(ctx, 'deployer'));
    expect(error.code).toBe('E_AWS_UNAVAILABLE');
    expect(error.message).toContain(ROLE);
    emulator.clearFaults();
    emulator.resetCalls();
    expect((await ensureIdentity(ctx, 'deployer')).identity).toBe('deployer');
    expect(emulator.calls('sso:GetRoleCredentials')).toBe(0);
    expect(emulator.calls('sts:AssumeRole')).toBe(1);
  });

  it('STS dropping every connection: E_AWS_UNAVAILABLE after 3 attempts', async () => {
    emulator.fault('sts:AssumeRole', { type: 'drop' });
    const error = await thrown(ensureIdentity(t.context(withRole()), 'deployer'));
    expect(error.code).toBe('E_AWS_UNAVAILABLE');
    expect(emulator.calls('sts:AssumeRole')).toBe(3);
  });
});

describe('denials name who was denied what', () => {
  it('ECR AccessDenied: E_ECR_DENIED naming identity, account, region and ecr:GetAuthorizationToken', async () => {
    emulator.fault('ecr:GetAuthorizationToken', { type: 'access-denied' });
    const outcome = await ensureRegistries(t.context(ssoConfig(DEFAULT_START_URL)), { integrations: ['dev/ecr/primary'] });
    const error = failureFor(outcome, EAST2);
    expect(error.code).toBe('E_ECR_DENIED');
    expect(error.message).toContain('identity "dev-admin"');
    expect(error.message).toContain('account 123456789012');
    expect(error.message).toContain('region us-east-2');
    expect(error.hint).toContain('`ecr:GetAuthorizationToken`');
    expect(emulator.calls('ecr:GetAuthorizationToken')).toBe(1); // a denial is not retried
  });

  it('STS AssumeRole denied: E_STS_DENIED naming the role and sts:AssumeRole; the identity is not retried for its second registry', async () => {
    emulator.fault('sts:AssumeRole', { type: 'access-denied' });
    const outcome = await ensureRegistries(t.context(withRole()), { identity: 'deployer' });
    expect(outcome.logins).toEqual([]);
    expect(outcome.failures).toHaveLength(2);
    const error = record(outcome.failures[0]!.error);
    expect(error.code).toBe('E_STS_DENIED');
    expect(error.message).toContain(ROLE);
    expect(error.message).toContain('identity "deployer"');
    expect(error.hint).toContain('`sts:AssumeRole`');
    expect(outcome.failures[1]!.error).toBe(outcome.failures[0]!.error);
    expect(emulator.calls('sts:AssumeRole')).toBe(1);
  });
});

describe('a revoked SSO session in CI', () => {
  it('one refresh attempt, then E_SSO_LOGIN_REQUIRED for every registry; the dead refresh token is forgotten, so the next run calls nothing', async () => {
    const path = ssoTokenPath(t.env, { startUrl: DEFAULT_START_URL });
    const seeded = JSON.parse(await readFile(path, 'utf8'));
    await writeFile(path, JSON.stringify({ ...seeded, expiresAt: formatExpiry(Date.now() + 5 * 60_000) }));
    emulator.revokeSsoSessions();
    const ctx = t.context(twoRegions());
    const outcome = await ensureRegistries(ctx, { identity: 'dev-admin' });
    expect(outcome.logins).toEqual([]);
    expect(outcome.failures.map((f) => f.error.code)).toEqual(['E_SSO_LOGIN_REQUIRED', 'E_SSO_LOGIN_REQUIRED']);
    expect(record(outcome.failures[0]!.error).hint).toContain('ecr-auth login dev-admin');
    expect(emulator.calls('sso-oidc:CreateToken')).toBe(1);
    expect((await readSsoTokenFile(path))?.refreshToken).toBeUndefined();

    emulator.resetCalls();
    const again = await ensureRegistries(ctx, { identity: 'dev-admin' });
    expect(again.failures.map((f) => f.error.code)).toEqual(['E_SSO_LOGIN_REQUIRED', 'E_SSO_LOGIN_REQUIRED']);
    expect(emulator.calls()).toBe(0);
  });
});

describe('clocks that disagree', () => {
  const HOUR = 3_600_000;
  async function withClock(options: EmulatorOptions, body: (em: Emulator, home: TestHome) => Promise<void>) {
    const skewed = await startEmulator(options);
    const home = await makeTestHome(skewed);
    try {
      await home.seedSso(skewed, { startUrl: DEFAULT_START_URL });
      await body(skewed, home);
    } finally {
      await home.cleanup();
      await skewed.stop();
    }
  }

  it('AWS 2 h ahead and strict about signatures: the SDK corrects its clock and succeeds; reuse is decided by ctx.now', async () => {
    await withClock({ clock: () => Date.now() + 2 * HOUR, maxSignatureSkewSeconds: 300 }, async (skewed, home) => {
      const ctx = home.context(ssoConfig(DEFAULT_START_URL));
      const first = await ensureRegistries(ctx, { integrations: ['dev/ecr/primary'] });
      expect(first.failures).toEqual([]);
      expect(skewed.calls('ecr:GetAuthorizationToken')).toBe(2); // rejected as skewed once, then corrected
      const expiresAt = first.logins[0]!.expiresAt;
      expect(expiresAt - Date.now()).toBeGreaterThan(13.9 * HOUR); // the server's absolute expiry, kept as issued

      skewed.resetCalls();
      const at = (ms: number) => ({ ...ctx, now: () => ms });
      expect((await ensureRegistries(at(expiresAt - 20 * 60_000), { integrations: ['dev/ecr/primary'] })).logins[0]!.source).toBe('cache');
      expect(skewed.calls()).toBe(0);
      const late = await ensureRegistries(at(expiresAt - 10 * 60_000), { integrations: ['dev/ecr/primary'] });
      expect(late.failures).toEqual([]);
      expect(late.logins[0]!.source).toBe('fetched');
    });
  });

  it('AWS 11 h 50 min behind: a token the server calls valid for 12 h has 10 min left by ctx.now, so it is fetched again', async () => {
    await withClock({ clock: () => Date.now() - (11 * HOUR + 50 * 60_000), maxSignatureSkewSeconds: 300 }, async (skewed, home) => {
      const ctx = home.context(ssoConfig(DEFAULT_START_URL));
      const first = await ensureRegistries(ctx, { integrations: ['dev/ecr/primary'] });
      expect(first.failures).toEqual([]);
      expect(first.logins[0]!.expiresAt - Date.now()).toBeLessThan(11 * 60_000);
      const second = await ensureRegistries(ctx, { integrations: ['dev/ecr/primary'] });
      expect(second.failures).toEqual([]);
      expect(second.logins[0]!.source).toBe('fetched');
      expect(skewed.calls('ecr:GetAuthorizationToken')).toBeGreaterThanOrEqual(2);
    });
  });
});

describe('AWS unreachable, cache still good', () => {
  it('every endpoint down: identity and registries come from the cache with no network at all', async () => {
    const ctx = t.context(twoRegions());
    await ensureRegistries(ctx, { identity: 'dev-admin' });
    const closed = Object.fromEntries(Object.keys(emulator.env).map((k) => [k, 'http://127.0.0.1:9']));
    const offline = { ...ctx, env: { ...ctx.env, ...closed } };
    emulator.resetCalls();
    expect((await ensureIdentity(offline)).source).toBe('cache');
    const outcome = await ensureRegistries(offline, { identity: 'dev-admin' });
    expect(outcome.failures).toEqual([]);
    expect(outcome.logins.map((l) => l.source)).toEqual(['cache', 'cache']);
    expect(emulator.calls()).toBe(0);
  });

  it('the Docker config was deleted meanwhile: rewritten from the cached token with no AWS call', async () => {
    const ctx = t.context(ssoConfig(DEFAULT_START_URL));
    await ensureRegistries(ctx, { integrations: ['dev/ecr/primary'] });
    await mkdir(t.env.DOCKER_CONFIG!, { recursive: true });
    await writeFile(join(t.env.DOCKER_CONFIG!, 'config.json'), '{}');
    emulator.resetCalls();
    const outcome = await ensureRegistries(ctx, { integrations: ['dev/ecr/primary'] });
    expect(outcome.logins[0]!.source).toBe('cache');
    expect(await dockerHosts()).toEqual([EAST2]);
    expect(emulator.calls()).toBe(0);
  });
});
