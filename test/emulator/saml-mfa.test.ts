// AssumeRoleWithSAML, GetSessionToken with MFA and AssumeRole with SerialNumber/TokenCode through the real
// @aws-sdk/client-sts, and the stand-in IdP's pages over plain HTTP.
import { Buffer } from 'node:buffer';
import { AssumeRoleCommand, AssumeRoleWithSAMLCommand, GetCallerIdentityCommand, GetSessionTokenCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { AWS_SAML_ENDPOINT, DEFAULT_MFA_DEVICE, DEFAULT_SAML_ROLES, startEmulator, totp } from './index.ts';
import type { Emulator } from './index.ts';
import { rejection, sdkConfig } from './sdk-config.ts';
import type { KeyPair } from './sdk-config.ts';

let offsetMs = 0;
let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator({ clock: () => Date.now() + offsetMs, mfaRequiredRoles: ['arn:aws:iam::123456789012:role/BreakGlass'] });
});
afterAll(() => emulator.stop());

const sts = (credentials?: KeyPair) => new STSClient(sdkConfig(emulator, { credentials }));
const [DEV, PROD] = DEFAULT_SAML_ROLES as [(typeof DEFAULT_SAML_ROLES)[0], (typeof DEFAULT_SAML_ROLES)[0]];
const samlCall = (assertion: string, role = DEV) =>
  sts().send(new AssumeRoleWithSAMLCommand({ RoleArn: role.roleArn, PrincipalArn: role.principalArn, SAMLAssertion: assertion }));

describe('AssumeRoleWithSAML', () => {
  test('an assertion of the stand-in IdP yields credentials of a role it grants', async () => {
    const out = await samlCall(emulator.issueSamlAssertion(), PROD);
    const c = out.Credentials!;
    const me = await sts({ accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! }).send(new GetCallerIdentityCommand({}));
    expect(me.Arn).toBe(`arn:aws:sts::210987654321:assumed-role/SamlReadOnly/${emulator.saml.user.username}`);
    expect(emulator.calls('sts:AssumeRoleWithSAML')).toBeGreaterThan(0);
  });

  test('an expired assertion is ExpiredTokenException', async () => {
    const error = await rejection(samlCall(emulator.issueSamlAssertion({ ttlSeconds: -1 })));
    expect(error.name).toBe('ExpiredTokenException');
  });

  test('a wrong audience, a foreign assertion, a role not granted or not trusted are refused', async () => {
    expect((await rejection(samlCall(emulator.issueSamlAssertion({ audience: 'https://example.com/app' })))).name).toBe('InvalidIdentityTokenException');
    const foreign = Buffer.from('<samlp:Response ID="_forged"><saml:Audience>https://signin.aws.amazon.com/saml</saml:Audience></samlp:Response>').toString('base64');
    expect((await rejection(samlCall(foreign))).name).toBe('InvalidIdentityTokenException');
    expect((await rejection(samlCall(emulator.issueSamlAssertion({ roles: [PROD] }), DEV))).name).toBe('AccessDenied');
    const untrusted = { roleArn: 'arn:aws:iam::123456789012:role/Other', principalArn: DEV.principalArn };
    expect((await rejection(samlCall(emulator.issueSamlAssertion({ roles: [untrusted] }), untrusted))).name).toBe('AccessDenied');
  });

  test('the IdP page signs its user in and posts the assertion to the AWS sign-in endpoint', async () => {
    const form = await fetch(emulator.saml.url).then((r) => r.text());
    expect(form).toContain('name="password"');
    const wrong = await fetch(emulator.saml.url, { method: 'POST', body: new URLSearchParams({ username: emulator.saml.user.username, password: 'nope' }) });
    expect(wrong.status).toBe(401);
    const ok = await fetch(emulator.saml.url, { method: 'POST', body: new URLSearchParams({ ...emulator.saml.user }) }).then((r) => r.text());
    expect(ok).toContain(`action="${AWS_SAML_ENDPOINT}"`);
    const assertion = /name="SAMLResponse" value="([^"]+)"/.exec(ok)![1]!;
    expect((await samlCall(assertion)).Credentials?.AccessKeyId).toMatch(/^ASIA/);
  });
});

describe('MFA', () => {
  const serial = DEFAULT_MFA_DEVICE.serial;

  test('GetSessionToken with the current code yields a session of the user; the same code again is refused', async () => {
    const code = emulator.mfaCode();
    expect(code).toBe(totp(DEFAULT_MFA_DEVICE.secret, Date.now() + offsetMs));
    const out = await sts().send(new GetSessionTokenCommand({ SerialNumber: serial, TokenCode: code, DurationSeconds: 3600 }));
    const c = out.Credentials!;
    const session = { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! };
    expect((await sts(session).send(new GetCallerIdentityCommand({}))).Arn).toBe(emulator.ambient.arn);
    const reused = await rejection(sts().send(new GetSessionTokenCommand({ SerialNumber: serial, TokenCode: code })));
    expect(reused.name).toBe('AccessDenied');
    expect(reused.message).toContain('MultiFactorAuthentication failed');
    expect((await rejection(sts(session).send(new GetSessionTokenCommand({})))).name).toBe('AccessDenied');
    // the MFA session serves AssumeRole until it expires
    offsetMs = 3601_000;
    try {
      expect((await rejection(sts(session).send(new GetCallerIdentityCommand({})))).name).toBe('ExpiredToken');
    } finally {
      offsetMs = 0;
    }
  });

  test('a wrong code is refused', async () => {
    const wrong = String((Number(emulator.mfaCode()) + 500_000) % 1_000_000).padStart(6, '0');
    const error = await rejection(sts().send(new GetSessionTokenCommand({ SerialNumber: serial, TokenCode: wrong })));
    expect(error.message).toContain('MultiFactorAuthentication failed');
  });

  test('AssumeRole takes SerialNumber and TokenCode; a role requiring MFA refuses a call without', async () => {
    const role = 'arn:aws:iam::123456789012:role/BreakGlass';
    expect((await rejection(sts().send(new AssumeRoleCommand({ RoleArn: role, RoleSessionName: 'no-mfa' })))).name).toBe('AccessDenied');
    const out = await sts().send(new AssumeRoleCommand({ RoleArn: role, RoleSessionName: 'with-mfa', SerialNumber: serial, TokenCode: emulator.mfaCode(undefined, 1) }));
    expect(out.Credentials?.AccessKeyId).toMatch(/^ASIA/);
  });
});
