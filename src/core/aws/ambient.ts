// The ambient AWS credential chain, exactly as the AWS SDK resolves it (env, SSO/INI profile, web identity file,
// ECS container credentials, EC2 IMDS). We do not re-implement it: @aws-sdk/credential-providers does the work.
import type { AwsCredentials } from '../credentials.ts';
import { EcrAuthError } from '../errors.ts';
import type { Env } from '../paths.ts';

/** Static keys in the (injected) environment, read exactly as the SDK's env provider reads process.env. */
export function environmentKeys(env: Env): AwsCredentials | undefined {
  if (!env.AWS_ACCESS_KEY_ID || !env.AWS_SECRET_ACCESS_KEY) return undefined;
  const expiresAt = env.AWS_CREDENTIAL_EXPIRATION ? Date.parse(env.AWS_CREDENTIAL_EXPIRATION) : NaN;
  return {
    accessKeyId: env.AWS_ACCESS_KEY_ID,
    secretAccessKey: env.AWS_SECRET_ACCESS_KEY,
    ...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}),
    ...(Number.isFinite(expiresAt) ? { expiresAt } : {}),
  };
}

/**
 * Resolves credentials from the SDK's default chain (optionally a named profile). The parts of the chain driven by
 * environment variables (keys, profile, web identity) take them from the injected env; the rest (ECS, IMDS, files
 * under HOME) are the SDK's own. Lazily loaded.
 */
export async function resolveAmbientCredentials(env: Env, options: { profile?: string; identity?: string } = {}): Promise<AwsCredentials> {
  const keys = options.profile ? undefined : environmentKeys(env);
  if (keys) return keys;
  const { fromNodeProviderChain } = await import('@aws-sdk/credential-providers');
  try {
    const profile = options.profile ?? env.AWS_PROFILE ?? env.AWS_DEFAULT_PROFILE;
    const provider = fromNodeProviderChain({
      ...(profile ? { profile } : {}),
      ...(env.AWS_ROLE_ARN ? { roleArn: env.AWS_ROLE_ARN } : {}),
      ...(env.AWS_WEB_IDENTITY_TOKEN_FILE ? { webIdentityTokenFile: env.AWS_WEB_IDENTITY_TOKEN_FILE } : {}),
      ...(env.AWS_ROLE_SESSION_NAME ? { roleSessionName: env.AWS_ROLE_SESSION_NAME } : {}),
    });
    const c = await provider();
    return {
      accessKeyId: c.accessKeyId,
      secretAccessKey: c.secretAccessKey,
      ...(c.sessionToken ? { sessionToken: c.sessionToken } : {}),
      ...(c.expiration ? { expiresAt: c.expiration.getTime() } : {}),
    };
  } catch (error) {
    const what = options.identity ? ` for "${options.identity}"` : '';
    throw new EcrAuthError(
      'E_AWS_CREDENTIALS',
      `no AWS credentials found in the environment${what}: ${(error as Error).message}`,
      {
        hint: 'set AWS_PROFILE or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, use a web identity (AWS_ROLE_ARN + AWS_WEB_IDENTITY_TOKEN_FILE), or name an identity with --identity',
        cause: error,
      },
    );
  }
}

/** Where ambient credentials come from, as a stable cache-key part that needs no network call and holds no secret. */
export function ambientSourceKey(env: Readonly<Record<string, string | undefined>>, profile?: string): string {
  return [
    `profile=${profile ?? env.AWS_PROFILE ?? env.AWS_DEFAULT_PROFILE ?? ''}`,
    `key=${env.AWS_ACCESS_KEY_ID ?? ''}`,
    `role=${env.AWS_ROLE_ARN ?? ''}`,
    `webid=${env.AWS_WEB_IDENTITY_TOKEN_FILE ?? ''}`,
    `ecs=${env.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI ?? env.AWS_CONTAINER_CREDENTIALS_FULL_URI ?? ''}`,
  ].join('|');
}
