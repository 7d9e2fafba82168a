// Registry logins in-process against the emulator: one token per (identity chain, region) serving every registry of
// that region, Docker config entries written where Docker looks with foreign keys intact, reuse while valid,
// ECR Public, failures reported per registry, get-login-password and logout.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Buffer } from 'node:buffer';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ensureIdentity, ensureRegistries, getLoginPassword, logout, status } from '../../src/core/session.ts';
import { DEFAULT_START_URL, startEmulator, type Emulator } from '../emulator/index.ts';
import { makeTestHome, ssoConfig, type TestHome } from '../support/core-context.ts';

let emulator: Emulator;
let t: TestHome;

beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(async () => emulator.stop());
beforeEach(async () => {
  emulator.resetCalls();
  emulator.clearFaults();
  t = await makeTestHome(emulator);
  await t.seedSso(emulator, { startUrl: DEFAULT_START_URL });
});
afterEach(async () => t.cleanup());

const threeRegistries = () =>
  ssoConfig(DEFAULT_START_URL, {
    integrations: {
      'prod/ecr': { kind: 'aws/ecr', via: { identity: 'dev-admin' }, spec: { registry: { account_id: '210987654321', region: 'us-east-2' } } },
      'dev/ecr/west': { kind: 'aws/ecr', via: { identity: 'dev-admin' }, spec: { registry: { account_id: '123456789012', region: 'us-west-2' } } },
      public: { kind: 'aws/ecr-public', via: { identity: 'dev-admin' } },
      manual: {
        kind: 'aws/ecr',
        via: { identity: 'dev-admin' },
        spec: { registry: { account_id: '123456789012', region: 'eu-west-1' } },
        auto_provision: false,
      },
    },
  });

const dockerConfig = async () => JSON.parse(await readFile(join(t.env.DOCKER_CONFIG!, 'config.json'), 'utf8'));
const decode = (auth: string) => Buffer.from(auth, 'base64').toString('utf8');

describe('ensureRegistries', () => {
  it("logs in to an identity's auto-provisioned registries with one token per region, and keeps foreign Docker keys", async () => {
    await mkdir(t.env.DOCKER_CONFIG!, { recursive: true });
    const foreign = {
      auths: { 'ghcr.io': { auth: Buffer.from('me:ghp_x').toString('base64'), email: 'me@example.com' } },
      credHelpers: { 'gcr.io': 'gcloud' },
      proxies: { default: { httpProxy: 'http://proxy:3128' } },
      currentContext: 'colima',
      somethingNew: { nested: [1, 2, 3] },
    };
    await writeFile(join(t.env.DOCKER_CONFIG!, 'config.json'), JSON.stringify(foreign));
    const ctx = t.context(threeRegistries());

    const outcome = await ensureRegistries(ctx, { identity: 'dev-admin', autoProvisionOnly: true });
    expect(outcome.failures).toEqual([]);
    expect(outcome.logins.map((l) => l.host).sort()).toEqual([
      '123456789012.dkr.ecr.us-east-2.amazonaws.com',
      '123456789012.dkr.ecr.us-west-2.amazonaws.com',
      '210987654321.dkr.ecr.us-east-2.amazonaws.com',
      'public.ecr.aws',
    ]);
    // two private regions -> two tokens; the two us-east-2 registries (different accounts) share one
    expect(emulator.calls('ecr:GetAuthorizationToken')).toBe(2);
    expect(emulator.calls('ecr-public:GetAuthorizationToken')).toBe(1);
    expect(emulator.calls('sso:GetRoleCredentials')).toBe(1);

    const config = await dockerConfig();
    expect(config.credHelpers).toEqual(foreign.credHelpers);
    expect(config.proxies).toEqual(foreign.proxies);
    expect(config.currentContext).toBe('colima');
    expect(config.somethingNew).toEqual(foreign.somethingNew);
    expect(config.auths['ghcr.io']).toEqual(foreign.auths['ghcr.io']);
    const east = emulator.ecrPasswords().filter((p) => p.region === 'us-east-2' && !p.public).at(-1)!;
    expect(decode(config.auths['123456789012.dkr.ecr.us-east-2.amazonaws.com'].auth)).toBe(`AWS:${east.password}`);
    expect(decode(config.auths['210987654321.dkr.ecr.us-east-2.amazonaws.com'].auth)).toBe(`AWS:${east.password}`);
    expect(config.auths).not.toHaveProperty(['123456789012.dkr.ecr.eu-west-1.amazonaws.com']);
    for (const login of outcome.logins) {
      expect(login.storedIn).toBe('auths');
      expect(login.expiresAt - Date.now()).toBeGreaterThan(11.9 * 3_600_000);
    }
  });

  it('a second run reuses every cached token and makes no AWS call', async () => {
    const ctx = t.context(threeRegistries());
    await ensureRegistries(ctx, { identity: 'dev-admin' });
    emulator.resetCalls();
    const again = await ensureRegistries(ctx, { identity: 'dev-admin' });
    expect(again.logins.every((l) => l.source === 'cache')).toBe(true);
    expect(emulator.calls()).toBe(0);
  });

  it('a token valid for less than min_validity is fetched again', async () => {
    const ctx = t.context(ssoConfig(DEFAULT_START_URL));
    await ensureRegistries(ctx, { integrations: ['dev/ecr/primary'] });
    const later = { ...ctx, now: () => Date.now() + 11.9 * 3_600_000 };
    const outcome = await ensureRegistries(later, { integrations: ['dev/ecr/primary'] });
    expect(outcome.logins[0]!.source).toBe('fetched');
    expect(emulator.calls('ecr:GetAuthorizationToken')).toBe(2);
  });

  it('an ad-hoc host of a configured integration uses that integration; an unknown look-alike is refused', async () => {
    const ctx = t.context(ssoConfig(DEFAULT_START_URL));
    const outcome = await ensureRegistries(ctx, { registries: ['https://123456789012.dkr.ecr.us-east-2.amazonaws.com/v2/app'] });
    expect(outcome.logins[0]).toMatchObject({ host: '123456789012.dkr.ecr.us-east-2.amazonaws.com', integration: 'dev/ecr/primary', identity: 'dev-admin' });
    await expect(ensureRegistries(ctx, { registries: ['123456789012.dkr.ecr.us-east-1.amazonaws.com.fake.example.com'] })).rejects.toMatchObject({
      code: 'E_REGISTRY_HOST',
    });
  });

  it('a denied registry is a failure naming the permission, and the others still log in', async () => {
    const ctx = t.context(threeRegistries());
    emulator.fault('ecr-public:GetAuthorizationToken', { type: 'access-denied' });
    const outcome = await ensureRegistries(ctx, { identity: 'dev-admin' });
    expect(outcome.logins).toHaveLength(4); // every integration of the identity, auto_provision or not
    expect(outcome.failures).toHaveLength(1);
    expect(outcome.failures[0]!.host).toBe('public.ecr.aws');
    expect(outcome.failures[0]!.error.code).toBe('E_ECR_DENIED');
    expect(outcome.failures[0]!.error.hint).toContain('ecr-public:GetAuthorizationToken');
    expect(outcome.failures[0]!.error.message).toContain('identity "dev-admin"');
  });

  it('throttling is retried by the SDK and then succeeds', async () => {
    const ctx = t.context(ssoConfig(DEFAULT_START_URL));
    emulator.fault('ecr:GetAuthorizationToken', { type: 'throttle', times: 2 });
    const outcome = await ensureRegistries(ctx, { integrations: ['dev/ecr/primary'] });
    expect(outcome.failures).toEqual([]);
    expect(emulator.calls('ecr:GetAuthorizationToken')).toBe(3);
  });

  it('when ECR is down but a cached token is still valid, the cached one is used', async () => {
    const ctx = t.context(ssoConfig(DEFAULT_START_URL));
    await ensureRegistries(ctx, { integrations: ['dev/ecr/primary'] });
    emulator.fault('ecr:GetAuthorizationToken', { type: 'server-error' });
    const outcome = await ensureRegistries(ctx, { integrations: ['dev/ecr/primary'] });
    expect(outcome.failures).toEqual([]);
    expect(outcome.logins[0]!.source).toBe('cache');
  });

  it('an unknown integration name suggests the closest one', async () => {
    const ctx = t.context(threeRegistries());
    await expect(ensureRegistries(ctx, { integrations: ['dev/ecr/primery'] })).rejects.toThrow(/did you mean .dev\/ecr\/primary./);
  });
});

describe('get-login-password, status and logout', () => {
  it('get-login-password gives the region token without writing the Docker config', async () => {
    const ctx = t.context(ssoConfig(DEFAULT_START_URL));
    const answer = await getLoginPassword(ctx, { integration: 'dev/ecr/primary' });
    const issued = emulator.ecrPasswords().filter((p) => p.region === 'us-east-2').at(-1)!;
    expect(answer).toMatchObject({ host: '123456789012.dkr.ecr.us-east-2.amazonaws.com', username: 'AWS', password: issued.password });
    await expect(readFile(join(t.env.DOCKER_CONFIG!, 'config.json'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('status lists registries as valid after a login; logout removes only our entries', async () => {
    await mkdir(t.env.DOCKER_CONFIG!, { recursive: true });
    await writeFile(join(t.env.DOCKER_CONFIG!, 'config.json'), JSON.stringify({ auths: { 'ghcr.io': { auth: 'eDp5' } }, credsStore: '' }));
    const ctx = t.context(ssoConfig(DEFAULT_START_URL));
    await ensureIdentity(ctx);
    await ensureRegistries(ctx, { identity: 'dev-admin' });
    const registry = (await status(ctx)).find((e) => e.kind === 'registry')!;
    expect(registry.valid).toBe(true);
    expect(registry.storedIn).toContain('auths');

    const { removed } = await logout(ctx, { identity: 'dev-admin' });
    expect(removed.join('\n')).toContain('123456789012.dkr.ecr.us-east-2.amazonaws.com');
    const config = await dockerConfig();
    expect(config.auths).toEqual({ 'ghcr.io': { auth: 'eDp5' } });
    expect(config.credsStore).toBe('');
    expect((await status(ctx)).filter((e) => e.kind !== 'sso-session').every((e) => !e.valid)).toBe(true);
  });
});

describe('slow and dropped connections', () => {
  it('a hung ECR endpoint fails with E_AWS_UNAVAILABLE after the stated time-out instead of hanging', async () => {
    const ctx = t.context(ssoConfig(DEFAULT_START_URL));
    const quick = { ...ctx, env: { ...ctx.env, ECR_AUTH_HTTP_TIMEOUT_MS: '300' } };
    emulator.fault('ecr:GetAuthorizationToken', { type: 'slow', ms: 5_000 });
    const outcome = await ensureRegistries(quick, { integrations: ['dev/ecr/primary'] });
    expect(outcome.failures[0]?.error.code).toBe('E_AWS_UNAVAILABLE');
  });

  it('a dropped connection is retried and then succeeds', async () => {
    const ctx = t.context(ssoConfig(DEFAULT_START_URL));
    emulator.fault('ecr:GetAuthorizationToken', { type: 'drop', times: 1 });
    const outcome = await ensureRegistries(ctx, { integrations: ['dev/ecr/primary'] });
    expect(outcome.failures).toEqual([]);
    expect(emulator.calls('ecr:GetAuthorizationToken')).toBe(2);
  });
});

describe('logout --all and the shared SSO cache', () => {
  it('keeps a session `aws sso login` started and removes one ecr-auth signed in', async () => {
    const ctx = t.context(ssoConfig(DEFAULT_START_URL));
    const { ssoTokenPath } = await import('../../src/core/sso/token-file.ts');
    const path = ssoTokenPath(t.env, { startUrl: DEFAULT_START_URL });
    await ensureRegistries(ctx, { identity: 'dev-admin' });
    expect((await logout(ctx, { all: true })).removed.join('\n')).not.toContain('sso session');
    expect(t.lines.join('\n')).toContain('kept the SSO session of company-sso');
    await expect(readFile(path, 'utf8')).resolves.toContain(DEFAULT_START_URL);

    // a registration of ours in the file (what ecr-auth's own sign-in writes) marks the session as ours
    const token = JSON.parse(await readFile(path, 'utf8'));
    await writeFile(path, JSON.stringify({ ...token, grantTypes: ['authorization_code', 'refresh_token'] }));
    expect((await logout(ctx, { all: true })).removed).toContain('sso session: company-sso');
    await expect(readFile(path)).rejects.toMatchObject({ code: 'ENOENT' });
  });
});

describe('ensureRegistries runs independent registries concurrently', () => {
  const regions = ['us-east-2', 'us-west-2', 'eu-west-1'];
  const spread = () =>
    ssoConfig(DEFAULT_START_URL, {
      integrations: Object.fromEntries(
        regions.map((region, i) => [`r${i}/ecr`, { kind: 'aws/ecr', via: { identity: 'dev-admin' }, spec: { registry: { account_id: `12345678901${i}`, region } } }]),
      ),
    });

  it('asks for the three regions\' tokens at once, after one shared sign-in of the identity, and lists them in order', async () => {
    let release!: () => void;
    const until = new Promise<void>((resolve) => (release = resolve));
    emulator.fault('ecr:GetAuthorizationToken', { type: 'hold', until, times: 3 });
    const ctx = t.context(spread());
    const outcome = ensureRegistries(ctx, { integrations: regions.map((_, i) => `r${i}/ecr`) });
    // all three token calls are in flight while none is answered: they did not wait for one another
    // (a bounded wait for the count, written out: the Deno shim of vitest has no expect.poll)
    for (const end = Date.now() + 60_000; emulator.calls('ecr:GetAuthorizationToken') < 3 && Date.now() < end;) {
      await new Promise((done) => setTimeout(done, 20));
    }
    expect(emulator.calls('ecr:GetAuthorizationToken')).toBe(3);
    release();
    const { logins, failures } = await outcome;
    expect(failures).toEqual([]);
    expect(logins.map((l) => l.integration)).toEqual(['r0/ecr', 'r1/ecr', 'r2/ecr']);
    expect(emulator.calls('sso:GetRoleCredentials')).toBe(1);
    expect(emulator.calls('sso:ListAccounts')).toBe(1);
  });

  it('a failed sign-in fails every registry of the identity, with one attempt', async () => {
    emulator.fault('sso:GetRoleCredentials', { type: 'access-denied' });
    const ctx = t.context(spread());
    const { logins, failures } = await ensureRegistries(ctx, { integrations: regions.map((_, i) => `r${i}/ecr`) });
    expect(logins).toEqual([]);
    expect(failures.map((f) => f.integration)).toEqual(['r0/ecr', 'r1/ecr', 'r2/ecr']);
    expect(new Set(failures.map((f) => f.error.code)).size).toBe(1);
    expect(emulator.calls('sso:GetRoleCredentials')).toBe(1);
    expect(emulator.calls('ecr:GetAuthorizationToken')).toBe(0);
  });
});
