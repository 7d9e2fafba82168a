// ECR and ECR Public GetAuthorizationToken: one token per (principal, region), decoded into username and password.
// Lazily loaded.
import { Buffer } from 'node:buffer';
import type { AwsCredentials } from '../credentials.ts';
import type { Env } from '../paths.ts';
import { toAwsError } from './aws-error.ts';
import { clientConfig } from './client-config.ts';
import { ECR_PUBLIC_REGION } from '../docker/registry-host.ts';

/** ECR Public issues tokens only in us-east-1 (defined beside the registry hosts, which need no AWS module). */
export { ECR_PUBLIC_REGION };

export interface RegistryToken {
  username: string;
  password: string;
  /** Epoch ms. */
  expiresAt: number;
}

/** Splits a base64 "user:password" authorization token. */
export function decodeAuthorizationToken(token: string, expiresAt: Date | number | undefined): RegistryToken {
  const decoded = Buffer.from(token, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0) throw new Error('the authorization token is not of the form user:password');
  const when = expiresAt === undefined ? Date.now() + 12 * 3_600_000 : new Date(expiresAt).getTime();
  if (!Number.isFinite(when)) throw new Error('the authorization token came with an unreadable expiry');
  return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1), expiresAt: when };
}

export interface EcrTokenInput {
  credentials: AwsCredentials;
  region: string;
  identity?: string;
  account?: string;
  fips?: boolean;
  dualstack?: boolean;
}

/** GetAuthorizationToken for private ECR in one region: serves every registry of that region the principal may use. */
export async function getEcrToken(env: Env, input: EcrTokenInput): Promise<RegistryToken> {
  const { ECRClient, GetAuthorizationTokenCommand } = await import('@aws-sdk/client-ecr');
  const client = new ECRClient(
    clientConfig(env, 'ecr', input.region, {
      credentials: input.credentials,
      useFipsEndpoint: input.fips,
      useDualstackEndpoint: input.dualstack,
    }),
  );
  try {
    const out = await client.send(new GetAuthorizationTokenCommand({}));
    const data = out.authorizationData?.[0];
    if (!data?.authorizationToken) throw new Error('ECR answered without authorization data');
    return decodeAuthorizationToken(data.authorizationToken, data.expiresAt);
  } catch (error) {
    throw toAwsError(error, {
      operation: 'ecr:GetAuthorizationToken',
      identity: input.identity,
      account: input.account,
      region: input.region,
    });
  } finally {
    client.destroy();
  }
}

/** GetAuthorizationToken for ECR Public (public.ecr.aws), always from us-east-1. */
export async function getEcrPublicToken(env: Env, input: Omit<EcrTokenInput, 'region'>): Promise<RegistryToken> {
  const { ECRPUBLICClient, GetAuthorizationTokenCommand } = await import('@aws-sdk/client-ecr-public');
  const client = new ECRPUBLICClient(clientConfig(env, 'ecr-public', ECR_PUBLIC_REGION, { credentials: input.credentials }));
  try {
    const out = await client.send(new GetAuthorizationTokenCommand({}));
    const data = out.authorizationData;
    if (!data?.authorizationToken) throw new Error('ECR Public answered without authorization data');
    return decodeAuthorizationToken(data.authorizationToken, data.expiresAt);
  } catch (error) {
    throw toAwsError(error, {
      operation: 'ecr-public:GetAuthorizationToken',
      identity: input.identity,
      region: ECR_PUBLIC_REGION,
    });
  } finally {
    client.destroy();
  }
}
