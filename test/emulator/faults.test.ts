// Injected faults seen through the real SDK clients: throttling and 5xx retried by the SDK itself,
// access denied per protocol, slow answers against a request timeout, dropped connections.
import { ECRClient, GetAuthorizationTokenCommand } from '@aws-sdk/client-ecr';
import { ListAccountsCommand, GetRoleCredentialsCommand, SSOClient } from '@aws-sdk/client-sso';
import { RegisterClientCommand, SSOOIDCClient } from '@aws-sdk/client-sso-oidc';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { startEmulator } from './index.ts';
import type { Emulator } from './index.ts';
import { rejection, sdkConfig } from './sdk-config.ts';

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(() => emulator.stop());
afterEach(() => {
  emulator.clearFaults();
  emulator.resetCalls();
});

const ecr = (options: { timeoutMs?: number; maxAttempts?: number } = {}) => new ECRClient(sdkConfig(emulator, options));
const getToken = (client = ecr()) => client.send(new GetAuthorizationTokenCommand({}));

describe('retried by the SDK', () => {
  test('throttle twice, then success on the SDK\'s third attempt (3 calls)', async () => {
    emulator.fault('ecr:GetAuthorizationToken', { type: 'throttle', times: 2 });
    const out = await getToken();
    expect(out.authorizationData).toHaveLength(1);
    expect(out.$metadata.attempts).toBe(3);
    expect(emulator.calls('ecr:GetAuthorizationToken')).toBe(3);
  });

  test('STS and the SSO portal throttle in their own shapes and are retried too', async () => {
    emulator.fault('sts:GetCallerIdentity', { type: 'throttle', times: 1 });
    await new STSClient(sdkConfig(emulator)).send(new GetCallerIdentityCommand({}));
    expect(emulator.calls('sts:GetCallerIdentity')).toBe(2);
    emulator.fault('sso:ListAccounts', { type: 'throttle', times: 1 });
    const { accessToken } = emulator.mintSsoSession();
    await new SSOClient({ region: 'us-east-1', endpoint: emulator.url }).send(new ListAccountsCommand({ accessToken }));
    expect(emulator.calls('sso:ListAccounts')).toBe(2);
  });

  test('a 5xx once is retried; a lasting one is ServerException after the SDK gives up', async () => {
    emulator.fault('ecr:GetAuthorizationToken', { type: 'server-error', times: 1 });
    await getToken();
    expect(emulator.calls('ecr:GetAuthorizationToken')).toBe(2);
    emulator.resetCalls();
    emulator.fault('ecr:GetAuthorizationToken', { type: 'server-error' });
    const error = await rejection(getToken());
    expect(error.name).toBe('ServerException');
    expect(error.$metadata?.httpStatusCode).toBe(500);
    expect(emulator.calls('ecr:GetAuthorizationToken')).toBe(3);
  });

  test('a lasting throttle ends in ThrottlingException', async () => {
    emulator.fault('ecr:GetAuthorizationToken', { type: 'throttle', times: 99 });
    expect((await rejection(getToken(ecr({ maxAttempts: 2 })))).name).toBe('ThrottlingException');
    expect(emulator.calls('ecr:GetAuthorizationToken')).toBe(2);
  });
});

describe('access denied, in each protocol', () => {
  test('ECR: AccessDeniedException naming the principal, not retried', async () => {
    emulator.fault('ecr:GetAuthorizationToken', { type: 'access-denied' });
    const error = await rejection(getToken());
    expect(error.name).toBe('AccessDeniedException');
    expect(error.message).toContain(emulator.ambient.arn);
    expect(emulator.calls()).toBe(1);
  });

  test('STS: AccessDenied (403)', async () => {
    emulator.fault('sts:AssumeRole', { type: 'access-denied', times: 1 });
    const sts = new STSClient(sdkConfig(emulator));
    const assume = () => sts.send(new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::111111111111:role/Deploy', RoleSessionName: 'denied-session' }));
    const error = await rejection(assume());
    expect(error.name).toBe('AccessDenied');
    expect(error.$metadata?.httpStatusCode).toBe(403);
    await assume();
  });

  test('SSO portal: ForbiddenException; SSO OIDC: AccessDeniedException', async () => {
    emulator.fault('sso:GetRoleCredentials', { type: 'access-denied' });
    const { accessToken } = emulator.mintSsoSession();
    const sso = new SSOClient({ region: 'us-east-1', endpoint: emulator.url });
    const error = await rejection(sso.send(new GetRoleCredentialsCommand({ accessToken, accountId: '123456789012', roleName: 'ReadOnlyAccess' })));
    expect(error.name).toBe('ForbiddenException');
    emulator.fault('sso-oidc:RegisterClient', { type: 'access-denied' });
    const oidc = new SSOOIDCClient({ region: 'us-east-1', endpoint: emulator.url });
    expect((await rejection(oidc.send(new RegisterClientCommand({ clientName: 'x', clientType: 'public' })))).name).toBe('AccessDeniedException');
  });

  test('GET /authorize: redirects to the loopback with error=access_denied', async () => {
    const oidc = new SSOOIDCClient({ region: 'us-east-1', endpoint: emulator.url });
    const client = await oidc.send(
      new RegisterClientCommand({ clientName: 'x', clientType: 'public', grantTypes: ['authorization_code'], redirectUris: ['http://127.0.0.1/oauth/callback'] }),
    );
    emulator.fault('sso-oidc:Authorize', { type: 'access-denied', times: 1 });
    const query = new URLSearchParams({
      response_type: 'code',
      client_id: client.clientId!,
      redirect_uri: 'http://127.0.0.1:9/oauth/callback',
      state: 'st',
      code_challenge_method: 'S256',
      code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    });
    const location = (await fetch(`${emulator.url}/authorize?${query}`, { redirect: 'manual' })).headers.get('location')!;
    expect(new URL(location).searchParams.get('error')).toBe('access_denied');
    const approved = (await fetch(`${emulator.url}/authorize?${query}`, { redirect: 'manual' })).headers.get('location')!;
    expect(new URL(approved).searchParams.get('code')).toBeTruthy();
    expect(new URL(approved).searchParams.get('state')).toBe('st');
  });

  test('GitHub token endpoint: 403; throttled: 429', async () => {
    const { ACTIONS_ID_TOKEN_REQUEST_URL: url, ACTIONS_ID_TOKEN_REQUEST_TOKEN: token } = emulator.githubEnv;
    const get = () => fetch(`${url}&audience=sts.amazonaws.com`, { headers: { authorization: `Bearer ${token}` } });
    emulator.fault('github:IdToken', { type: 'access-denied', times: 1 });
    expect((await get()).status).toBe(403);
    emulator.fault('github:IdToken', { type: 'throttle', times: 1 });
    expect((await get()).status).toBe(429);
    expect((await get()).status).toBe(200);
  });
});

describe('slow and dropped connections', () => {
  test('slow: answered late, or a TimeoutError when the request timeout is shorter', async () => {
    emulator.fault('ecr:GetAuthorizationToken', { type: 'slow', ms: 100, times: 1 });
    await getToken();
    emulator.fault('ecr:GetAuthorizationToken', { type: 'slow', ms: 3000, times: 1 });
    const error = await rejection(getToken(ecr({ timeoutMs: 200, maxAttempts: 1 })));
    expect(error.name).toBe('TimeoutError');
  });

  test('drop: the socket is destroyed; the SDK fails (no hang) or succeeds on a retry', async () => {
    emulator.fault('ecr:GetAuthorizationToken', { type: 'drop' });
    const error = await rejection(getToken(ecr({ timeoutMs: 2000, maxAttempts: 2 })));
    expect(error.message).toMatch(/socket hang up|ECONNRESET/i);
    expect(emulator.calls('ecr:GetAuthorizationToken')).toBe(2);
    emulator.clearFaults();
    emulator.resetCalls();
    emulator.fault('ecr:GetAuthorizationToken', { type: 'drop', times: 1 });
    await getToken(ecr({ timeoutMs: 2000 }));
    expect(emulator.calls('ecr:GetAuthorizationToken')).toBe(2);
  });

  test('clearFaults restores normal answers; faults of one operation leave others alone', async () => {
    emulator.fault('ecr:GetAuthorizationToken', { type: 'server-error' });
    await new STSClient(sdkConfig(emulator)).send(new GetCallerIdentityCommand({}));
    emulator.clearFaults();
    await getToken();
    expect(emulator.calls()).toBe(2);
  });
});
