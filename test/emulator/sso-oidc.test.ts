// SSO OIDC through the real @aws-sdk/client-sso-oidc: device flow, PKCE with a real loopback redirect, refresh rotation.
import { createHash, randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import { CreateTokenCommand, RegisterClientCommand, SSOOIDCClient, StartDeviceAuthorizationCommand } from '@aws-sdk/client-sso-oidc';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startEmulator } from './index.ts';
import type { Emulator } from './index.ts';
import { rejection } from './sdk-config.ts';

const DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';
const oidcClient = (emulator: Emulator) => new SSOOIDCClient({ region: 'us-east-1', endpoint: emulator.url });

async function registerDeviceClient(oidc: SSOOIDCClient) {
  return oidc.send(new RegisterClientCommand({ clientName: 'ecr-auth-test', clientType: 'public', scopes: ['sso:account:access'] }));
}

async function startDevice(emulator: Emulator) {
  const oidc = oidcClient(emulator);
  const client = await registerDeviceClient(oidc);
  const device = await oidc.send(
    new StartDeviceAuthorizationCommand({ clientId: client.clientId!, clientSecret: client.clientSecret!, startUrl: 'https://x.awsapps.com/start' }),
  );
  const poll = () =>
    oidc.send(new CreateTokenCommand({ clientId: client.clientId!, clientSecret: client.clientSecret!, grantType: DEVICE_GRANT, deviceCode: device.deviceCode! }));
  return { oidc, client, device, poll };
}

describe('device authorization', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startEmulator({ deviceInterval: 0 });
  });
  afterAll(() => emulator.stop());

  test('pending on the first poll, approved on the second, then the device code is spent', async () => {
    const { device, poll } = await startDevice(emulator);
    expect(device.userCode).toMatch(/^[A-Z]{4}-[A-Z]{4}$/);
    expect(device.verificationUriComplete).toBe(`${emulator.url}/device?user_code=${device.userCode}`);
    expect(device.expiresIn).toBe(600);
    expect((await rejection(poll())).name).toBe('AuthorizationPendingException');
    const token = await poll();
    expect(token.tokenType).toBe('Bearer');
    expect(token.expiresIn).toBe(28_800);
    expect(token.accessToken).toBeTruthy();
    expect(token.refreshToken).toBeTruthy();
    expect((await rejection(poll())).name).toBe('InvalidGrantException');
    expect(emulator.calls('sso-oidc:CreateToken')).toBe(3);
    expect(emulator.secrets()).toEqual(expect.arrayContaining([token.accessToken, token.refreshToken, device.deviceCode]));
  });

  test('the user denying the request gives AccessDeniedException', async () => {
    emulator.setAuthorize('deny');
    try {
      const { poll } = await startDevice(emulator);
      expect((await rejection(poll())).name).toBe('AuthorizationPendingException');
      expect((await rejection(poll())).name).toBe('AccessDeniedException');
    } finally {
      emulator.setAuthorize('approve');
    }
  });

  test('a wrong client secret is InvalidClientException (401)', async () => {
    const oidc = oidcClient(emulator);
    const client = await registerDeviceClient(oidc);
    const error = await rejection(
      oidc.send(new StartDeviceAuthorizationCommand({ clientId: client.clientId!, clientSecret: 'nope', startUrl: 'https://x.awsapps.com/start' })),
    );
    expect(error.name).toBe('InvalidClientException');
    expect(error.$metadata?.httpStatusCode).toBe(401);
  });
});

describe('device authorization with manual approval', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startEmulator({ autoApproveAfterPolls: Number.POSITIVE_INFINITY, deviceInterval: 0 });
  });
  afterAll(() => emulator.stop());

  test('stays pending until approveDevice(userCode)', async () => {
    const { device, poll } = await startDevice(emulator);
    for (let i = 0; i < 3; i++) expect((await rejection(poll())).name).toBe('AuthorizationPendingException');
    emulator.approveDevice(device.userCode!);
    expect((await poll()).accessToken).toBeTruthy();
    expect(() => emulator.approveDevice('NOPE-NOPE')).toThrow(/no device authorization/);
  });

  test('opening verificationUriComplete (what a BROWSER script does) approves it', async () => {
    const { device, poll } = await startDevice(emulator);
    const page = await fetch(device.verificationUriComplete!);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Request approved');
    expect((await poll()).accessToken).toBeTruthy();
    expect(emulator.calls('sso-oidc:VerifyDevice')).toBe(1);
  });
});

test('polling faster than the interval gets SlowDownException', async () => {
  const emulator = await startEmulator({ deviceInterval: 5 });
  try {
    const { device, poll } = await startDevice(emulator);
    expect(device.interval).toBe(5);
    expect((await rejection(poll())).name).toBe('AuthorizationPendingException');
    expect((await rejection(poll())).name).toBe('SlowDownException');
  } finally {
    await emulator.stop();
  }
});

describe('authorization code with PKCE', () => {
  let emulator: Emulator;
  let loopback: Server;
  let redirectUri: string;
  const received: URLSearchParams[] = [];

  beforeAll(async () => {
    emulator = await startEmulator();
    loopback = createServer((req, res) => {
      received.push(new URL(req.url ?? '/', 'http://127.0.0.1').searchParams);
      res.end('You can close this window.');
    });
    await new Promise<void>((resolve) => loopback.listen(0, '127.0.0.1', resolve));
    const address = loopback.address();
    redirectUri = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/oauth/callback`;
  });
  afterAll(async () => {
    await new Promise((resolve) => loopback.close(resolve));
    await emulator.stop();
  });

  async function register() {
    const oidc = oidcClient(emulator);
    const client = await oidc.send(
      new RegisterClientCommand({
        clientName: 'ecr-auth-test',
        clientType: 'public',
        scopes: ['sso:account:access'],
        grantTypes: ['authorization_code', 'refresh_token'],
        redirectUris: ['http://127.0.0.1/oauth/callback'],
        issuerUrl: 'https://x.awsapps.com/start',
      }),
    );
    return { oidc, clientId: client.clientId!, clientSecret: client.clientSecret! };
  }

  /** Opens /authorize like a browser (following the 302) and returns what the loopback server received. */
  async function browse(clientId: string, verifier: string, state: string): Promise<URLSearchParams> {
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    const query = new URLSearchParams({
      response_type: 'code',
      client_id: clientId,
      redirect_uri: redirectUri,
      state,
      code_challenge_method: 'S256',
      scopes: 'sso:account:access',
      code_challenge: challenge,
    });
    const response = await fetch(`${emulator.url}/authorize?${query}`);
    expect(response.status).toBe(200);
    expect(response.url.startsWith(redirectUri)).toBe(true);
    return received.at(-1)!;
  }

  test('the redirect carries code and state; only the right verifier redeems the code, once', async () => {
    const { oidc, clientId, clientSecret } = await register();
    const verifier = randomBytes(32).toString('base64url');
    const redeem = (code: string, codeVerifier: string) =>
      oidc.send(new CreateTokenCommand({ clientId, clientSecret, grantType: 'authorization_code', code, redirectUri, codeVerifier }));

    const first = await browse(clientId, verifier, 'state-1');
    expect(first.get('state')).toBe('state-1');
    const wrong = await rejection(redeem(first.get('code')!, randomBytes(32).toString('base64url')));
    expect(wrong.name).toBe('InvalidGrantException');

    const second = await browse(clientId, verifier, 'state-2');
    expect(second.get('state')).toBe('state-2');
    const token = await redeem(second.get('code')!, verifier);
    expect(token.accessToken).toBeTruthy();
    expect(token.refreshToken).toBeTruthy();
    expect((await rejection(redeem(second.get('code')!, verifier))).name).toBe('InvalidGrantException');
    expect(emulator.calls('sso-oidc:Authorize')).toBe(2);
  });

  test('refresh tokens rotate: the old one is rejected, the new one works', async () => {
    const { oidc, clientId, clientSecret } = await register();
    const verifier = randomBytes(40).toString('base64url');
    const code = (await browse(clientId, verifier, 's')).get('code')!;
    const first = await oidc.send(new CreateTokenCommand({ clientId, clientSecret, grantType: 'authorization_code', code, redirectUri, codeVerifier: verifier }));
    const refresh = (refreshToken: string) => oidc.send(new CreateTokenCommand({ clientId, clientSecret, grantType: 'refresh_token', refreshToken }));
    const second = await refresh(first.refreshToken!);
    expect(second.refreshToken).not.toBe(first.refreshToken);
    expect(second.accessToken).not.toBe(first.accessToken);
    expect((await rejection(refresh(first.refreshToken!))).name).toBe('InvalidGrantException');
    expect((await refresh(second.refreshToken!)).accessToken).toBeTruthy();
  });

  test('when the user denies, the loopback receives error=access_denied with the state', async () => {
    const { clientId } = await register();
    emulator.setAuthorize('deny');
    try {
      const params = await browse(clientId, randomBytes(32).toString('base64url'), 'state-deny');
      expect(params.get('error')).toBe('access_denied');
      expect(params.get('state')).toBe('state-deny');
      expect(params.has('code')).toBe(false);
    } finally {
      emulator.setAuthorize('approve');
    }
  });

  test('an unregistered redirect_uri is refused without redirecting', async () => {
    const { clientId } = await register();
    const query = new URLSearchParams({ response_type: 'code', client_id: clientId, redirect_uri: 'https://evil.example.com/cb', state: 's' });
    const response = await fetch(`${emulator.url}/authorize?${query}`, { redirect: 'manual' });
    expect(response.status).toBe(400);
  });
});
