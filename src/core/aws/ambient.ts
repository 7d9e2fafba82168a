// The ambient AWS credential chain, exactly as the AWS SDK resolves it (env, SSO/INI profile, web identity file,
// ECS container credentials, EC2 IMDS). We do not re-implement it: @aws-sdk/credential-providers does the work.
import type { AwsCredentials } from '../credentials.ts';
import { EcrAuthError } from '../errors.ts';

/** Resolves credentials from the SDK's default chain (optionally a named profile). Lazily loaded. */
export async function resolveAmbientCredentials(options: { profile?: string; identity?: string } = {}): Promise<AwsCredentials> {
  const { fromNodeProviderChain } = await import('@aws-sdk/credential-providers');
  try {
    const provider = fromNodeProviderChain(options.profile ? { profile: options.profile } : {});
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
