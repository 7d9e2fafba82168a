// The SSO portal through the real @aws-sdk/client-sso: role credentials, paginated listings, logout, revocation.
import {
  GetRoleCredentialsCommand,
  ListAccountRolesCommand,
  ListAccountsCommand,
  LogoutCommand,
  paginateListAccounts,
  SSOClient,
} from '@aws-sdk/client-sso';
import { CreateTokenCommand, SSOOIDCClient } from '@aws-sdk/client-sso-oidc';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { reservedRoleName, SSO_USER, startEmulator } from './index.ts';
import type { Emulator } from './index.ts';
import { rejection, sdkConfig } from './sdk-config.ts';

const ssoClient = (emulator: Emulator) => new SSOClient({ region: 'us-east-1', endpoint: emulator.url });

describe('SSO portal', () => {
  let emulator: Emulator;
  let sso: SSOClient;
  beforeAll(async () => {
    emulator = await startEmulator();
    sso = ssoClient(emulator);
  });
  afterAll(() => emulator.stop());

  test('GetRoleCredentials issues keys that STS reports as the SSO assumed role', async () => {
    const { accessToken } = emulator.mintSsoSession();
    const before = Date.now();
    const { roleCredentials } = await sso.send(new GetRoleCredentialsCommand({ accessToken, accountId: '123456789012', roleName: 'AdministratorAccess' }));
    const arn = `arn:aws:sts::123456789012:assumed-role/${reservedRoleName('123456789012', 'AdministratorAccess')}/${SSO_USER}`;
    expect(arn).toMatch(/AWSReservedSSO_AdministratorAccess_[0-9a-f]{16}\//);
    expect(emulator.principalOf(roleCredentials!.accessKeyId!)).toBe(arn);
    expect(roleCredentials!.accessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/);
    expect(roleCredentials!.expiration! - before).toBeGreaterThanOrEqual(3600_000 - 1000);
    expect(roleCredentials!.expiration! - before).toBeLessThan(3600_000 + 60_000);
    const sts = new STSClient(sdkConfig(emulator, { credentials: {
      accessKeyId: roleCredentials!.accessKeyId!,
      secretAccessKey: roleCredentials!.secretAccessKey!,
      sessionToken: roleCredentials!.sessionToken!,
    } }));
    const identity = await sts.send(new GetCallerIdentityCommand({}));
    expect(identity.Arn).toBe(arn);
    expect(identity.Account).toBe('123456789012');
  });

  test('an unassigned role or account is ForbiddenException (403), as the real portal answers', async () => {
    const { accessToken } = emulator.mintSsoSession();
    for (const [accountId, roleName] of [['210987654321', 'AdministratorAccess'], ['999999999999', 'ReadOnlyAccess']] as const) {
      const error = await rejection(sso.send(new GetRoleCredentialsCommand({ accessToken, accountId, roleName })));
      expect(error.name).toBe('ForbiddenException');
      expect(error.$metadata?.httpStatusCode).toBe(403);
    }
  });

  test('ListAccounts honours maxResults and ListAccountRoles lists the permission sets', async () => {
    const { accessToken } = emulator.mintSsoSession();
    const first = await sso.send(new ListAccountsCommand({ accessToken, maxResults: 2 }));
    expect(first.accountList?.map((a) => a.accountName)).toEqual(['dev', 'prod']);
    expect(first.nextToken).toBeTruthy();
    const second = await sso.send(new ListAccountsCommand({ accessToken, maxResults: 2, nextToken: first.nextToken }));
    expect(second.accountList?.map((a) => a.accountId)).toEqual(['111111111111']);
    expect(second.nextToken).toBeUndefined();
    const roles = await sso.send(new ListAccountRolesCommand({ accessToken, accountId: '123456789012' }));
    expect(roles.roleList).toEqual([
      { roleName: 'AdministratorAccess', accountId: '123456789012' },
      { roleName: 'ReadOnlyAccess', accountId: '123456789012' },
    ]);
    const bad = await rejection(sso.send(new ListAccountsCommand({ accessToken, nextToken: 'garbage' })));
    expect(bad.name).toBe('InvalidRequestException');
  });

  test('Logout ends that session only', async () => {
    const ended = emulator.mintSsoSession();
    const other = emulator.mintSsoSession();
    await sso.send(new LogoutCommand({ accessToken: ended.accessToken }));
    const error = await rejection(sso.send(new ListAccountsCommand({ accessToken: ended.accessToken })));
    expect(error.name).toBe('UnauthorizedException');
    expect(error.$metadata?.httpStatusCode).toBe(401);
    await sso.send(new ListAccountsCommand({ accessToken: other.accessToken }));
  });

  test('an unknown bearer token is UnauthorizedException', async () => {
    const error = await rejection(sso.send(new ListAccountsCommand({ accessToken: 'aoa-made-up' })));
    expect(error.name).toBe('UnauthorizedException');
  });
});

test('ListAccounts paginates over 3 pages with the SDK paginator', async () => {
  const emulator = await startEmulator({ accountsPageSize: 1 });
  try {
    const { accessToken } = emulator.mintSsoSession();
    const pages: string[][] = [];
    for await (const page of paginateListAccounts({ client: ssoClient(emulator) }, { accessToken })) {
      pages.push((page.accountList ?? []).map((a) => a.accountName!));
    }
    expect(pages).toEqual([['dev'], ['prod'], ['ci']]);
    expect(emulator.calls('sso:ListAccounts')).toBe(3);
  } finally {
    await emulator.stop();
  }
});

describe('session revocation and expiry', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startEmulator();
  });
  afterAll(() => emulator.stop());

  const refresh = (session: ReturnType<Emulator['mintSsoSession']>) =>
    new SSOOIDCClient({ region: 'us-east-1', endpoint: emulator.url }).send(
      new CreateTokenCommand({ clientId: session.clientId, clientSecret: session.clientSecret, grantType: 'refresh_token', refreshToken: session.refreshToken }),
    );

  test('revokeSsoSessions: the portal answers 401 and the refresh token is InvalidGrantException', async () => {
    const session = emulator.mintSsoSession();
    emulator.revokeSsoSessions();
    const denied = await rejection(ssoClient(emulator).send(new ListAccountsCommand({ accessToken: session.accessToken })));
    expect(denied.name).toBe('UnauthorizedException');
    expect((await rejection(refresh(session))).name).toBe('InvalidGrantException');
    const fresh = emulator.mintSsoSession();
    await ssoClient(emulator).send(new ListAccountsCommand({ accessToken: fresh.accessToken }));
  });

  test('expireSsoAccessTokens: the portal answers 401 but the refresh token still works', async () => {
    const session = emulator.mintSsoSession();
    emulator.expireSsoAccessTokens();
    const denied = await rejection(ssoClient(emulator).send(new ListAccountsCommand({ accessToken: session.accessToken })));
    expect(denied.name).toBe('UnauthorizedException');
    const renewed = await refresh(session);
    await ssoClient(emulator).send(new ListAccountsCommand({ accessToken: renewed.accessToken! }));
  });

  test('mintSsoSession has the AWS CLI cache shape', () => {
    const session = emulator.mintSsoSession({ startUrl: 'https://my.awsapps.com/start', region: 'eu-west-1' });
    expect(Object.keys(session).sort()).toEqual(
      ['accessToken', 'clientId', 'clientSecret', 'expiresAt', 'refreshToken', 'region', 'registrationExpiresAt', 'startUrl'],
    );
    expect(session.startUrl).toBe('https://my.awsapps.com/start');
    expect(session.region).toBe('eu-west-1');
    expect(session.expiresAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(Date.parse(session.expiresAt) - Date.now()).toBeGreaterThan(7.9 * 3600_000);
    expect(Date.parse(session.registrationExpiresAt) - Date.now()).toBeGreaterThan(80 * 24 * 3600_000);
    expect(emulator.secrets()).toEqual(expect.arrayContaining([session.accessToken, session.refreshToken, session.clientSecret]));
  });
});
