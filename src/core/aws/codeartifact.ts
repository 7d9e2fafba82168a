// CodeArtifact GetAuthorizationToken: one token per (principal, domain, owner, region), good for every repository
// of the domain. Lazily loaded.
import type { AwsCredentials } from '../credentials.ts';
import type { Env } from '../paths.ts';
import { toAwsError } from './aws-error.ts';
import { clientConfig } from './client-config.ts';

/** GetAuthorizationToken for a domain; durationSeconds 0 = as long as the credentials last. */
export async function getCodeartifactToken(
  env: Env,
  input: { credentials: AwsCredentials; region: string; domain: string; domainOwner: string; durationSeconds?: number; identity: string | undefined },
): Promise<{ token: string; expiresAt: number }> {
  const { CodeartifactClient, GetAuthorizationTokenCommand } = await import('@aws-sdk/client-codeartifact');
  const client = new CodeartifactClient(clientConfig(env, 'codeartifact', input.region, { credentials: input.credentials }));
  try {
    const out = await client.send(
      new GetAuthorizationTokenCommand({
        domain: input.domain,
        domainOwner: input.domainOwner,
        ...(input.durationSeconds === undefined ? {} : { durationSeconds: input.durationSeconds }),
      }),
    );
    if (!out.authorizationToken) throw new Error('CodeArtifact answered without a token');
    return { token: out.authorizationToken, expiresAt: out.expiration?.getTime() ?? Date.now() + 12 * 3_600_000 };
  } catch (error) {
    throw toAwsError(error, {
      operation: 'codeartifact:GetAuthorizationToken',
      identity: input.identity,
      account: input.domainOwner,
      region: input.region,
      target: `domain ${input.domain}`,
    });
  } finally {
    client.destroy();
  }
}
