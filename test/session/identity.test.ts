// Identity sessions end to end against the emulator, in-process: cached SSO sessions, permission sets by account
// name and id, role chains, GitHub OIDC, CI fail-fast, revoked sessions, and the cache files' format and modes.
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { STSClient, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { ensureIdentity, identityEnvironment, status } from '../../src/core/session.ts';
import { isEcrAuthError } from '../../src/core/errors.ts';
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
});
afterEach(async () => t.cleanup());

async function callerArn(credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }) {
  const sts = new STSClient({ region: 'us-east-1', endpoint: emulator.url, credentials });
  try {
    return (await sts.send(new GetCallerIdentityCommand({}))).Arn;
  } finally {
    sts.destroy();
  }
}

describe('permission sets through IAM Identity Center', () => {
  it('reuses an `aws sso login` session, resolves the account by name once, and caches the role credentials', async () => {
    await t.seedSso(emulator, { startUrl: DEFAULT_START_URL });
    const ctx = t.context(ssoConfig(DEFAULT_START_URL));
    const first = await ensureIdentity(ctx);
    expect(first.identity).toBe('dev-admin');
    expect(first.region).toBe('us-east-1');
    expect(emulator.calls('sso:ListAccounts')).toBe(1);
    expect(emulator.calls('sso:GetRoleCredentials')).toBe(1);
    expect(emulator.calls('sso-oidc:CreateToken')).toBe(0);
    expect(await callerArn(first.credentials)).toMatch(/:123456789012:assumed-role\/AWSReservedSSO_AdministratorAccess/);

    const second = await ensureIdentity(ctx);
    expect(second.source).toBe('cache');
    expect(second.credentials.accessKeyId).toBe(first.credentials.accessKeyId);
    expect(emulator.calls('sso:GetRoleCredentials')).toBe(1);
  });

  it('writes the credential cache with 0700 directories and 0600 files, holding no access-key-named file', async () => {
    await t.seedSso(emulator, { startUrl: DEFAULT_START_URL });
    const session = await ensureIdentity(t.context(ssoConfig(DEFAULT_START_URL)));
    const dir = join(t.home, '.cache', 'ecr-auth', 'credentials');
    expect((await stat(join(t.home, '.cache', 'ecr-auth'))).mode & 0o777).toBe(0o700);
    expect((await stat(dir)).mode & 0o777).toBe(0o700);
    const files = await readdir(dir);
    expect(files).toHaveLength(1);
    expect((await stat(join(dir, files[0]!))).mode & 0o777).toBe(0o600);
    expect(files[0]).not.toContain(session.credentials.accessKeyId);
    const body = JSON.parse(await readFile(join(dir, files[0]!), 'utf8'));
    expect(body.key).toContain('AdministratorAccess');
  });

  it('fetches again when the cached credentials are valid for less than min_validity', async () => {
    await t.seedSso(emulator, { startUrl: DEFAULT_START_URL });
    const ctx = t.context(ssoConfig(DEFAULT_START_URL, { settings: { min_validity: '50m' } }));
    await ensureIdentity(ctx);
    // role credentials last 1 h: 50 min later only 10 min are left, under the 50 min asked for
    await ensureIdentity({ ...ctx, now: () => Date.now() + 50 * 60_000 });
    expect(emulator.calls('sso:GetRoleCredentials')).toBe(2);
  });

  it('in CI, with no SSO session, fails fast with E_SSO_LOGIN_REQUIRED and makes no network call', async () => {
    const ctx = t.context(ssoConfig(DEFAULT_START_URL), { env: { ...t.env, CI: 'true' } });
    const error = await ensureIdentity(ctx).catch((e) => e);
    expect(isEcrAuthError(error, 'E_SSO_LOGIN_REQUIRED')).toBe(true);
    expect(error.hint).toContain('ecr-auth login dev-admin');
    expect(emulator.calls()).toBe(0);
  });

  it('a revoked SSO session is refreshed or, without a human, reported as needing a login', async () => {
    await t.seedSso(emulator, { startUrl: DEFAULT_START_URL });
    emulator.revokeSsoSessions();
    const error = await ensureIdentity(t.context(ssoConfig(DEFAULT_START_URL))).catch((e) => e);
    expect(isEcrAuthError(error)).toBe(true);
    expect(error.code).toBe('E_SSO_LOGIN_REQUIRED');
    expect(error.hint).toContain('ecr-auth login dev-admin');
    // the portal rejected the token, one refresh was tried (and refused: the refresh token was revoked too)
    expect(emulator.calls('sso:ListAccounts')).toBe(1);
    expect(emulator.calls('sso-oidc:CreateToken')).toBe(1);
  });

  it('an account given by id needs no ListAccounts', async () => {
    await t.seedSso(emulator, { startUrl: DEFAULT_START_URL });
    const config = ssoConfig(DEFAULT_START_URL, {
      identities: {
        'prod-ro': { kind: 'aws/permission-set', via: { provider: 'company-sso' }, principal: { name: 'ReadOnlyAccess', account: { id: '210987654321' } } },
      },
    });
    const session = await ensureIdentity(t.context(config), 'prod-ro');
    expect(emulator.calls('sso:ListAccounts')).toBe(0);
    expect(await callerArn(session.credentials)).toContain(':210987654321:');
  });

  it('an unknown account name says which accounts exist', async () => {
    await t.seedSso(emulator, { startUrl: DEFAULT_START_URL });
    const config = ssoConfig(DEFAULT_START_URL, {
      identities: { typo: { kind: 'aws/permission-set', via: { provider: 'company-sso' }, principal: { name: 'ReadOnlyAccess', account: 'prdo' } } },
    });
    const error = await ensureIdentity(t.context(config), 'typo').catch((e) => e);
    expect(error.message).toContain('no account named "prdo"');
    expect(error.hint).toContain('prod (210987654321)');
  });
});

describe('role chains', () => {
  const chain = (extra = {}) =>
    ssoConfig(DEFAULT_START_URL, {
      identities: {
        hop1: { kind: 'aws/assume-role', via: { identity: 'dev-admin' }, principal: { assume_role: 'arn:aws:iam::123456789012:role/Hop1' } },
        hop2: { kind: 'aws/assume-role', via: { identity: 'hop1' }, principal: { assume_role: 'arn:aws:iam::210987654321:role/Hop2', external_id: 'x-1' } },
        hop3: {
          kind: 'aws/assume-role',
          via: { identity: 'hop2' },
          principal: { assume_role: 'arn:aws:iam::111111111111:role/Deploy', session_name: 'deployer', duration: '30m' },
          region: 'eu-west-1',
          ...extra,
        },
      },
    });

  it('a three-link chain makes one call per link, caches each link, and ends as the last role', async () => {
    await t.seedSso(emulator, { startUrl: DEFAULT_START_URL });
    const ctx = t.context(chain());
    const session = await ensureIdentity(ctx, 'hop3');
    expect(emulator.calls('sso:GetRoleCredentials')).toBe(1);
    expect(emulator.calls('sts:AssumeRole')).toBe(3);
    expect(session.region).toBe('eu-west-1');
    expect(await callerArn(session.credentials)).toBe('arn:aws:sts::111111111111:assumed-role/Deploy/deployer');
    expect(identityEnvironment(session)).toMatchObject({ AWS_REGION: 'eu-west-1', AWS_ACCESS_KEY_ID: session.credentials.accessKeyId });

    // hop2 is now cached: asking for it makes no call; asking for hop3 again makes none either
    emulator.resetCalls();
    expect((await ensureIdentity(ctx, 'hop2')).source).toBe('cache');
    expect((await ensureIdentity(ctx, 'hop3')).source).toBe('cache');
    expect(emulator.calls()).toBe(0);
  });

  it('when only the last link expired, only the last link is called again', async () => {
    await t.seedSso(emulator, { startUrl: DEFAULT_START_URL });
    const ctx = t.context(chain());
    await ensureIdentity(ctx, 'hop3');
    emulator.resetCalls();
    // 20 minutes on, hop3 (30 min) has 10 min left (< 15 min), its parents (1 h) are still good
    await ensureIdentity({ ...ctx, now: () => Date.now() + 20 * 60_000 }, 'hop3');
    expect(emulator.calls('sts:AssumeRole')).toBe(1);
    expect(emulator.calls('sso:GetRoleCredentials')).toBe(0);
  });
});

describe('GitHub Actions OIDC', () => {
  it('exchanges the Actions ID token with AssumeRoleWithWebIdentity and caches the result for the run', async () => {
    const home = await makeTestHome(emulator, { ...emulator.githubEnv, GITHUB_RUN_ID: '42', GITHUB_REPOSITORY: 'acme/app' });
    try {
      const ctx = home.context({
        auth: { providers: { gha: { kind: 'github/oidc', region: 'us-east-1', role_arn: 'arn:aws:iam::111111111111:role/gha-deploy' } } },
      });
      const session = await ensureIdentity(ctx, 'gha');
      expect(emulator.calls('github:IdToken')).toBe(1);
      expect(emulator.calls('sts:AssumeRoleWithWebIdentity')).toBe(1);
      expect(await callerArn(session.credentials)).toContain(':111111111111:assumed-role/gha-deploy/');
      expect((await ensureIdentity(ctx, 'gha')).source).toBe('cache');
      expect(emulator.calls('sts:AssumeRoleWithWebIdentity')).toBe(1);
    } finally {
      await home.cleanup();
    }
  });

  it('outside Actions it says what the workflow needs', async () => {
    const ctx = t.context({
      auth: { providers: { gha: { kind: 'github/oidc', region: 'us-east-1', role_arn: 'arn:aws:iam::111111111111:role/gha-deploy' } } },
    });
    const error = await ensureIdentity(ctx, 'gha').catch((e) => e);
    expect(error.code).toBe('E_OIDC_TOKEN');
    expect(error.hint).toContain('id-token: write');
  });
});

describe('status', () => {
  it('reports sessions and identities from the files alone, with no AWS call', async () => {
    await t.seedSso(emulator, { startUrl: DEFAULT_START_URL });
    const ctx = t.context(ssoConfig(DEFAULT_START_URL));
    await ensureIdentity(ctx);
    emulator.resetCalls();
    const entries = await status(ctx);
    expect(emulator.calls()).toBe(0);
    expect(entries.find((e) => e.kind === 'sso-session')).toMatchObject({ name: 'company-sso', valid: true });
    expect(entries.find((e) => e.kind === 'identity')).toMatchObject({ name: 'dev-admin', valid: true });
    expect(entries.find((e) => e.kind === 'registry')).toMatchObject({ valid: false });
  });
});

describe('GitHub OIDC as Atmos writes it', () => {
  it('an aws/assume-role identity via a github/oidc provider without role_arn exchanges the token for its own role', async () => {
    const home = await makeTestHome(emulator, { ...emulator.githubEnv, GITHUB_RUN_ID: '7', GITHUB_REPOSITORY: 'acme/app' });
    try {
      const ctx = home.context({
        auth: {
          providers: { 'github-oidc': { kind: 'github/oidc', region: 'us-east-1', spec: { audience: 'sts.amazonaws.com' } } },
          identities: { ci: { kind: 'aws/assume-role', via: { provider: 'github-oidc' }, principal: { assume_role: 'arn:aws:iam::111111111111:role/GitHubActions' } } },
          integrations: { ecr: { kind: 'aws/ecr', via: { identity: 'ci' }, spec: { registry: { account_id: '111111111111', region: 'us-east-1' } } } },
        },
      });
      const session = await ensureIdentity(ctx);
      expect(session.region).toBe('us-east-1');
      expect(await callerArn(session.credentials)).toContain(':111111111111:assumed-role/GitHubActions/');
      expect(emulator.calls('sts:AssumeRoleWithWebIdentity')).toBe(1);
      expect(emulator.calls('sts:AssumeRole')).toBe(0);
      expect((await ensureIdentity(ctx)).source).toBe('cache');
    } finally {
      await home.cleanup();
    }
  });
});
