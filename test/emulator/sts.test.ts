// STS through the real @aws-sdk/client-sts: ambient identity, role chains, session tokens, expiry, web identity.
import { AssumeRoleCommand, AssumeRoleWithWebIdentityCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { GITHUB_SUBJECT, startEmulator, STS_AUDIENCE } from './index.ts';
import type { Emulator } from './index.ts';
import { rejection, sdkConfig } from './sdk-config.ts';
import type { KeyPair } from './sdk-config.ts';

let offsetMs = 0;
let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator({ clock: () => Date.now() + offsetMs });
});
afterAll(() => emulator.stop());

const sts = (credentials?: KeyPair) => new STSClient(sdkConfig(emulator, { credentials }));

async function assume(credentials: KeyPair | undefined, roleArn: string, sessionName: string, durationSeconds?: number): Promise<KeyPair> {
  const out = await sts(credentials).send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: sessionName, DurationSeconds: durationSeconds }));
  const c = out.Credentials!;
  return { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! };
}

describe('signed STS calls', () => {
  test('the ambient key pair is the configured IAM user', async () => {
    const identity = await sts().send(new GetCallerIdentityCommand({}));
    expect(identity.Arn).toBe(emulator.ambient.arn);
    expect(identity.Account).toBe('123456789012');
    expect(identity.UserId).toMatch(/^AIDA/);
    expect(emulator.callLog.at(-1)).toMatchObject({ op: 'sts:GetCallerIdentity', region: 'us-east-1', principal: emulator.ambient.arn });
  });

  test('an unknown access key is InvalidClientTokenId (403)', async () => {
    const error = await rejection(sts({ accessKeyId: 'AKIAUNKNOWN000000000', secretAccessKey: 'x' }).send(new GetCallerIdentityCommand({})));
    expect(error.name).toBe('InvalidClientTokenId');
    expect(error.$metadata?.httpStatusCode).toBe(403);
  });

  test('GetCallerIdentity after a chain of 3 AssumeRole links is the last role', async () => {
    const one = await assume(undefined, 'arn:aws:iam::111111111111:role/Deploy', 'link-1', 7200);
    const two = await assume(one, 'arn:aws:iam::210987654321:role/path/to/Reader', 'link-2');
    const three = await assume(two, 'arn:aws:iam::123456789012:role/Builder', 'link-3', 900);
    const identity = await sts(three).send(new GetCallerIdentityCommand({}));
    expect(identity.Arn).toBe('arn:aws:sts::123456789012:assumed-role/Builder/link-3');
    expect(identity.Account).toBe('123456789012');
    expect(identity.UserId).toMatch(/^AROA[A-Z2-7]{16}:link-3$/);
    const principals = emulator.callLog.filter((e) => e.op === 'sts:AssumeRole').slice(-3).map((e) => e.principal);
    expect(principals).toEqual([
      emulator.ambient.arn,
      'arn:aws:sts::111111111111:assumed-role/Deploy/link-1',
      'arn:aws:sts::210987654321:assumed-role/Reader/link-2',
    ]);
  });

  test('role chaining caps DurationSeconds at one hour (ValidationError)', async () => {
    const first = await assume(undefined, 'arn:aws:iam::111111111111:role/Deploy', 'first');
    const error = await rejection(assume(first, 'arn:aws:iam::123456789012:role/Builder', 'second', 7200));
    expect(error.name).toBe('ValidationError');
    expect(error.message).toMatch(/role chaining/);
    expect((await rejection(assume(undefined, 'not-an-arn', 'x'))).name).toBe('ValidationError');
  });

  test('temporary keys without their session token are InvalidClientTokenId', async () => {
    const { sessionToken: _dropped, ...withoutToken } = await assume(undefined, 'arn:aws:iam::111111111111:role/Deploy', 'no-token');
    const error = await rejection(sts(withoutToken).send(new GetCallerIdentityCommand({})));
    expect(error.name).toBe('InvalidClientTokenId');
  });

  test('credentials past their expiration (emulator clock) are ExpiredToken', async () => {
    const short = await assume(undefined, 'arn:aws:iam::111111111111:role/Deploy', 'short', 900);
    await sts(short).send(new GetCallerIdentityCommand({}));
    offsetMs = 901_000;
    try {
      const error = await rejection(sts(short).send(new GetCallerIdentityCommand({})));
      expect(error.name).toBe('ExpiredToken');
    } finally {
      offsetMs = 0;
    }
  });
});

describe('GitHub OIDC and AssumeRoleWithWebIdentity', () => {
  const idToken = async (audience?: string, requestToken = emulator.githubEnv.ACTIONS_ID_TOKEN_REQUEST_TOKEN) => {
    const url = emulator.githubEnv.ACTIONS_ID_TOKEN_REQUEST_URL + (audience ? `&audience=${encodeURIComponent(audience)}` : '');
    return fetch(url, { headers: { authorization: `bearer ${requestToken}` } });
  };
  const withWebIdentity = (token: string) =>
    sts().send(new AssumeRoleWithWebIdentityCommand({ RoleArn: 'arn:aws:iam::111111111111:role/gha-deploy', RoleSessionName: 'gha', WebIdentityToken: token }));

  test('a token for audience sts.amazonaws.com is exchanged for the role', async () => {
    const response = await idToken(STS_AUDIENCE);
    expect(response.status).toBe(200);
    const { value } = (await response.json()) as { value: string };
    expect(value.split('.')).toHaveLength(3);
    const out = await withWebIdentity(value);
    expect(out.AssumedRoleUser?.Arn).toBe('arn:aws:sts::111111111111:assumed-role/gha-deploy/gha');
    expect(out.SubjectFromWebIdentityToken).toBe(GITHUB_SUBJECT);
    expect(out.Audience).toBe(STS_AUDIENCE);
    const c = out.Credentials!;
    const identity = await sts({ accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! }).send(
      new GetCallerIdentityCommand({}),
    );
    expect(identity.Arn).toBe(out.AssumedRoleUser?.Arn);
    expect(emulator.calls('github:IdToken')).toBeGreaterThanOrEqual(1);
    expect(emulator.secrets()).toContain(value);
  });

  test('anything else is InvalidIdentityToken (InvalidIdentityTokenException in the SDK): a foreign token, or a GitHub token of the wrong audience', async () => {
    const foreign = await rejection(withWebIdentity('eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln'));
    expect(foreign.name).toBe('InvalidIdentityTokenException');
    const { value } = (await (await idToken()).json()) as { value: string };
    const wrongAudience = await rejection(withWebIdentity(value));
    expect(wrongAudience.name).toBe('InvalidIdentityTokenException');
    expect(wrongAudience.message).toMatch(/audience/);
  });

  test('the token endpoint wants the request token as bearer', async () => {
    expect((await idToken(STS_AUDIENCE, 'wrong')).status).toBe(401);
  });
});
