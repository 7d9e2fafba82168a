// The clock option: every expiry the emulator issues and its Date header follow it; with
// maxSignatureSkewSeconds it rejects skewed signatures the way AWS does, and the SDK corrects itself.
import { ECRClient, GetAuthorizationTokenCommand } from '@aws-sdk/client-ecr';
import { GetRoleCredentialsCommand, SSOClient } from '@aws-sdk/client-sso';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { expect, test } from 'vitest';
import { startEmulator } from './index.ts';
import { sdkConfig } from './sdk-config.ts';

const TWO_HOURS = 2 * 3600_000;

test('issued expiries and the Date header follow a skewed clock', async () => {
  const emulator = await startEmulator({ clock: () => Date.now() + TWO_HOURS });
  try {
    const session = emulator.mintSsoSession();
    expect(Date.parse(session.expiresAt) - Date.now()).toBeGreaterThan(TWO_HOURS + 8 * 3600_000 - 60_000);
    const { roleCredentials } = await new SSOClient({ region: 'us-east-1', endpoint: emulator.url }).send(
      new GetRoleCredentialsCommand({ accessToken: session.accessToken, accountId: '111111111111', roleName: 'Deploy' }),
    );
    expect(roleCredentials!.expiration! - Date.now()).toBeGreaterThan(TWO_HOURS + 3600_000 - 60_000);
    const out = await new ECRClient(sdkConfig(emulator)).send(new GetAuthorizationTokenCommand({}));
    expect(out.authorizationData![0]!.expiresAt!.getTime() - Date.now()).toBeGreaterThan(TWO_HOURS + 12 * 3600_000 - 60_000);
    expect(emulator.ecrPasswords()[0]!.expiresAt.getTime()).toBe(out.authorizationData![0]!.expiresAt!.getTime());
    const response = await fetch(`${emulator.url}/nowhere`);
    expect(Date.parse(response.headers.get('date')!) - Date.now()).toBeGreaterThan(TWO_HOURS - 60_000);
    expect(emulator.callLog[0]!.time - Date.now()).toBeGreaterThan(TWO_HOURS - 60_000);
  } finally {
    await emulator.stop();
  }
});

test('maxSignatureSkewSeconds: the first signed call is rejected, the SDK corrects its clock from Date and retries', async () => {
  const emulator = await startEmulator({ clock: () => Date.now() + TWO_HOURS, maxSignatureSkewSeconds: 300 });
  try {
    const ecr = new ECRClient(sdkConfig(emulator));
    await ecr.send(new GetAuthorizationTokenCommand({}));
    expect(emulator.calls('ecr:GetAuthorizationToken')).toBe(2);
    await ecr.send(new GetAuthorizationTokenCommand({}));
    expect(emulator.calls('ecr:GetAuthorizationToken')).toBe(3);
    const identity = await new STSClient(sdkConfig(emulator)).send(new GetCallerIdentityCommand({}));
    expect(identity.Arn).toBe(emulator.ambient.arn);
    expect(emulator.calls('sts:GetCallerIdentity')).toBe(2);
  } finally {
    await emulator.stop();
  }
});
