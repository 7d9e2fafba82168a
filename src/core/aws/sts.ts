// STS: AssumeRole (role chains, optionally with an MFA code), AssumeRoleWithWebIdentity (GitHub OIDC),
// AssumeRoleWithSAML (a SAML IdP's assertion) and GetSessionToken (an IAM user's MFA session). Lazily loaded.
import type { AwsCredentials } from '../credentials.ts';
import type { Env } from '../paths.ts';
import { toAwsError } from './aws-error.ts';
import { clientConfig } from './client-config.ts';

/** STS's default region when the identity names none: the global endpoint lives in us-east-1. */
export const DEFAULT_STS_REGION = 'us-east-1';

interface StsCredentials {
  AccessKeyId?: string;
  SecretAccessKey?: string;
  SessionToken?: string;
  Expiration?: Date;
}

function fromSts(c: StsCredentials | undefined, operation: string): AwsCredentials {
  if (!c?.AccessKeyId || !c.SecretAccessKey) throw new Error(`${operation} answered without credentials`);
  if (c.Expiration && !Number.isFinite(new Date(c.Expiration).getTime())) throw new Error(`${operation} answered with an unreadable expiry`);
  return {
    accessKeyId: c.AccessKeyId,
    secretAccessKey: c.SecretAccessKey,
    ...(c.SessionToken ? { sessionToken: c.SessionToken } : {}),
    ...(c.Expiration ? { expiresAt: new Date(c.Expiration).getTime() } : {}),
  };
}

export interface AssumeRoleInput {
  region: string;
  credentials: AwsCredentials;
  roleArn: string;
  sessionName: string;
  externalId?: string;
  durationSeconds?: number;
  /** MFA device and the current code from it (never logged). */
  mfa?: { serialNumber: string; tokenCode: string };
  identity?: string;
}

/** AssumeRole with the caller's credentials: one link of a role chain. */
export async function assumeRole(env: Env, input: AssumeRoleInput): Promise<AwsCredentials> {
  const { STSClient, AssumeRoleCommand } = await import('@aws-sdk/client-sts');
  const client = new STSClient(clientConfig(env, 'sts', input.region, { credentials: input.credentials }));
  try {
    const out = await client.send(
      new AssumeRoleCommand({
        RoleArn: input.roleArn,
        RoleSessionName: input.sessionName,
        ...(input.externalId ? { ExternalId: input.externalId } : {}),
        ...(input.durationSeconds ? { DurationSeconds: input.durationSeconds } : {}),
        ...(input.mfa ? { SerialNumber: input.mfa.serialNumber, TokenCode: input.mfa.tokenCode } : {}),
      }),
    );
    return fromSts(out.Credentials, 'sts:AssumeRole');
  } catch (error) {
    throw toAwsError(error, { operation: 'sts:AssumeRole', identity: input.identity, target: input.roleArn });
  } finally {
    client.destroy();
  }
}

export interface WebIdentityInput {
  region: string;
  roleArn: string;
  sessionName: string;
  webIdentityToken: string;
  durationSeconds?: number;
  identity?: string;
}

/** AssumeRoleWithWebIdentity: an OIDC token (GitHub Actions) exchanged for role credentials; unsigned. */
export async function assumeRoleWithWebIdentity(env: Env, input: WebIdentityInput): Promise<AwsCredentials> {
  const { STSClient, AssumeRoleWithWebIdentityCommand } = await import('@aws-sdk/client-sts');
  const client = new STSClient(clientConfig(env, 'sts', input.region));
  try {
    const out = await client.send(
      new AssumeRoleWithWebIdentityCommand({
        RoleArn: input.roleArn,
        RoleSessionName: input.sessionName,
        WebIdentityToken: input.webIdentityToken,
        ...(input.durationSeconds ? { DurationSeconds: input.durationSeconds } : {}),
      }),
    );
    return fromSts(out.Credentials, 'sts:AssumeRoleWithWebIdentity');
  } catch (error) {
    throw toAwsError(error, { operation: 'sts:AssumeRoleWithWebIdentity', identity: input.identity, target: input.roleArn });
  } finally {
    client.destroy();
  }
}

export interface SamlInput {
  region: string;
  roleArn: string;
  principalArn: string;
  /** The base64 SAMLResponse (a secret: never logged). */
  assertion: string;
  durationSeconds?: number;
  identity?: string;
}

/** AssumeRoleWithSAML: the IdP's assertion exchanged for credentials of one role it lists; unsigned. */
export async function assumeRoleWithSaml(env: Env, input: SamlInput): Promise<AwsCredentials> {
  const { STSClient, AssumeRoleWithSAMLCommand } = await import('@aws-sdk/client-sts');
  const client = new STSClient(clientConfig(env, 'sts', input.region));
  try {
    const out = await client.send(
      new AssumeRoleWithSAMLCommand({
        RoleArn: input.roleArn,
        PrincipalArn: input.principalArn,
        SAMLAssertion: input.assertion,
        ...(input.durationSeconds ? { DurationSeconds: input.durationSeconds } : {}),
      }),
    );
    return fromSts(out.Credentials, 'sts:AssumeRoleWithSAML');
  } catch (error) {
    throw toAwsError(error, { operation: 'sts:AssumeRoleWithSAML', identity: input.identity, target: input.roleArn });
  } finally {
    client.destroy();
  }
}

export interface SessionTokenInput {
  region: string;
  /** The IAM user's long-lived keys. */
  credentials: AwsCredentials;
  durationSeconds: number;
  mfa?: { serialNumber: string; tokenCode: string };
  identity?: string;
}

/** GetSessionToken: an IAM user's keys (and MFA code) exchanged for a session. */
export async function getSessionToken(env: Env, input: SessionTokenInput): Promise<AwsCredentials> {
  const { STSClient, GetSessionTokenCommand } = await import('@aws-sdk/client-sts');
  const client = new STSClient(clientConfig(env, 'sts', input.region, { credentials: input.credentials }));
  try {
    const out = await client.send(
      new GetSessionTokenCommand({
        DurationSeconds: input.durationSeconds,
        ...(input.mfa ? { SerialNumber: input.mfa.serialNumber, TokenCode: input.mfa.tokenCode } : {}),
      }),
    );
    return fromSts(out.Credentials, 'sts:GetSessionToken');
  } catch (error) {
    throw toAwsError(error, { operation: 'sts:GetSessionToken', identity: input.identity, target: input.mfa?.serialNumber });
  } finally {
    client.destroy();
  }
}
