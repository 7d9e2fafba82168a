// STS: AssumeRole (role chains) and AssumeRoleWithWebIdentity (GitHub OIDC). Lazily loaded.
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
