// ECR and ECR Public through the real SDK clients: region-scoped passwords, the caller's proxy endpoint,
// 12 h expiry, the default password's shape, and ECR Public's us-east-1 rule.
import { ECRClient, GetAuthorizationTokenCommand } from '@aws-sdk/client-ecr';
import { ECRPUBLICClient, GetAuthorizationTokenCommand as GetPublicAuthorizationTokenCommand } from '@aws-sdk/client-ecr-public';
import { GetRoleCredentialsCommand, SSOClient } from '@aws-sdk/client-sso';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startEmulator } from './index.ts';
import type { EcrPasswordContext, Emulator } from './index.ts';
import { rejection, sdkConfig } from './sdk-config.ts';
import type { KeyPair } from './sdk-config.ts';

const decode = (authorizationToken: string) => Buffer.from(authorizationToken, 'base64').toString('utf8');

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(() => emulator.stop());

async function prodReader(): Promise<KeyPair> {
  const { accessToken } = emulator.mintSsoSession();
  const sso = new SSOClient({ region: 'us-east-1', endpoint: emulator.url });
  const { roleCredentials: c } = await sso.send(new GetRoleCredentialsCommand({ accessToken, accountId: '210987654321', roleName: 'ReadOnlyAccess' }));
  return { accessKeyId: c!.accessKeyId!, secretAccessKey: c!.secretAccessKey!, sessionToken: c!.sessionToken! };
}

describe('ECR GetAuthorizationToken', () => {
  test('two regions give two passwords; proxyEndpoint is the caller account in the signing region; 12 h expiry', async () => {
    const credentials = await prodReader();
    const before = Date.now();
    const tokens = [];
    for (const region of ['us-east-1', 'eu-west-1']) {
      const out = await new ECRClient(sdkConfig(emulator, { region, credentials })).send(new GetAuthorizationTokenCommand({}));
      expect(out.authorizationData).toHaveLength(1);
      tokens.push({ region, data: out.authorizationData![0]! });
    }
    for (const { region, data } of tokens) {
      expect(data.proxyEndpoint).toBe(`https://210987654321.dkr.ecr.${region}.amazonaws.com`);
      expect(decode(data.authorizationToken!)).toMatch(/^AWS:[A-Za-z0-9+/=]+$/);
      const lifetime = data.expiresAt!.getTime() - before;
      expect(lifetime).toBeGreaterThan(43_200_000 - 5000);
      expect(lifetime).toBeLessThan(43_200_000 + 60_000);
    }
    const [east, west] = tokens.map((t) => decode(t.data.authorizationToken!).slice(4));
    expect(east).not.toBe(west);
    const records = emulator.ecrPasswords().slice(-2);
    expect(records.map((r) => [r.region, r.password, r.public])).toEqual([['us-east-1', east, false], ['eu-west-1', west, false]]);
    expect(records[0]!.principalArn).toMatch(/^arn:aws:sts::210987654321:assumed-role\/AWSReservedSSO_ReadOnlyAccess_/);
    expect(emulator.callLog.filter((e) => e.op === 'ecr:GetAuthorizationToken').map((e) => e.region).slice(-2)).toEqual(['us-east-1', 'eu-west-1']);
    expect(emulator.secrets()).toEqual(expect.arrayContaining([east, west, credentials.secretAccessKey, credentials.sessionToken]));
  });

  test('the ambient user gets its own account; registryIds name other accounts', async () => {
    const ecr = new ECRClient(sdkConfig(emulator, { region: 'us-east-2' }));
    const own = await ecr.send(new GetAuthorizationTokenCommand({}));
    expect(own.authorizationData![0]!.proxyEndpoint).toBe('https://123456789012.dkr.ecr.us-east-2.amazonaws.com');
    const other = await ecr.send(new GetAuthorizationTokenCommand({ registryIds: ['111111111111'] }));
    expect(other.authorizationData![0]!.proxyEndpoint).toBe('https://111111111111.dkr.ecr.us-east-2.amazonaws.com');
    expect((await rejection(ecr.send(new GetAuthorizationTokenCommand({ registryIds: ['12'] })))).name).toBe('InvalidParameterException');
  });

  test('the default password looks like ECR\'s (~1.5 KB base64 envelope) and differs within its first 72 bytes', async () => {
    const ecr = new ECRClient(sdkConfig(emulator));
    const passwords: string[] = [];
    for (let i = 0; i < 3; i++) {
      const out = await ecr.send(new GetAuthorizationTokenCommand({}));
      passwords.push(decode(out.authorizationData![0]!.authorizationToken!).slice(4));
    }
    for (const password of passwords) {
      expect(password.length).toBeGreaterThan(1200);
      expect(password.length).toBeLessThan(2200);
      const envelope = JSON.parse(Buffer.from(password, 'base64').toString('utf8')) as Record<string, unknown>;
      expect(envelope).toMatchObject({ version: '2', type: 'DATA_KEY' });
    }
    expect(new Set(passwords.map((p) => p.slice(0, 72))).size).toBe(3);
  });

  test('an unknown access key is UnrecognizedClientException', async () => {
    const ecr = new ECRClient(sdkConfig(emulator, { credentials: { accessKeyId: 'AKIAUNKNOWN000000000', secretAccessKey: 'x' } }));
    expect((await rejection(ecr.send(new GetAuthorizationTokenCommand({})))).name).toBe('UnrecognizedClientException');
  });
});

describe('ECR Public GetAuthorizationToken', () => {
  test('us-east-1 answers one authorizationData object', async () => {
    const out = await new ECRPUBLICClient(sdkConfig(emulator, { region: 'us-east-1' })).send(new GetPublicAuthorizationTokenCommand({}));
    const data = out.authorizationData!;
    expect(decode(data.authorizationToken!)).toMatch(/^AWS:/);
    expect(data.expiresAt!.getTime() - Date.now()).toBeGreaterThan(43_000_000);
    expect(emulator.ecrPasswords().at(-1)).toMatchObject({ region: 'us-east-1', public: true, principalArn: emulator.ambient.arn });
  });

  test('any other region is UnsupportedCommandException', async () => {
    const client = new ECRPUBLICClient(sdkConfig(emulator, { region: 'us-west-2' }));
    expect((await rejection(client.send(new GetPublicAuthorizationTokenCommand({})))).name).toBe('UnsupportedCommandException');
  });
});

test('ecrPassword option decides the password and sees the request context', async () => {
  const seen: EcrPasswordContext[] = [];
  const custom = await startEmulator({
    ecrPassword: (ctx) => {
      seen.push(ctx);
      return `pw-${ctx.region}-${ctx.public ? 'public' : 'private'}`;
    },
    ecrTokenTtlSeconds: 600,
  });
  try {
    const out = await new ECRClient(sdkConfig(custom, { region: 'ap-south-1' })).send(new GetAuthorizationTokenCommand({}));
    expect(decode(out.authorizationData![0]!.authorizationToken!)).toBe('AWS:pw-ap-south-1-private');
    expect(out.authorizationData![0]!.expiresAt!.getTime() - Date.now()).toBeLessThan(601_000);
    expect(seen).toEqual([{ region: 'ap-south-1', principalArn: custom.ambient.arn, accessKeyId: custom.ambient.accessKeyId, public: false }]);
  } finally {
    await custom.stop();
  }
});
