// github/oidc: the Actions ID token exchanged for role credentials with AssumeRoleWithWebIdentity.
import type { GithubOidcProvider } from '../../config/model.ts';
import type { AwsCredentials } from '../../credentials.ts';
import type { Env } from '../../paths.ts';
import { EcrAuthError } from '../../errors.ts';
import { type CredentialKind, sessionNameFor } from './kind.ts';

export interface GithubExchange {
  audience: string;
  region: string;
  roleArn: string;
  sessionName?: string;
  durationSeconds?: number;
  /** The identity (or provider) name, for messages and the default session name. */
  name: string;
}

/** The Actions ID token exchanged for `roleArn` (used by this kind and by Atmos-style assume-role identities). */
export async function exchangeGithubToken(env: Env, exchange: GithubExchange): Promise<AwsCredentials> {
  // loaded only when credentials are obtained, never on a cache hit
  const [{ fetchGithubIdToken }, { assumeRoleWithWebIdentity }] = await Promise.all([import('../../aws/github-oidc.ts'), import('../../aws/sts.ts')]);
  const webIdentityToken = await fetchGithubIdToken(env, exchange.audience);
  return assumeRoleWithWebIdentity(env, {
    region: exchange.region,
    roleArn: exchange.roleArn,
    sessionName: exchange.sessionName ?? sessionNameFor(`gha-${env.GITHUB_RUN_ID ?? exchange.name}`),
    webIdentityToken,
    ...(exchange.durationSeconds ? { durationSeconds: exchange.durationSeconds } : {}),
    identity: exchange.name,
  });
}

export const githubOidcKind: CredentialKind<GithubOidcProvider> = {
  kind: 'github/oidc',
  cacheable: true,
  region: (node) => node.region,
  async obtain(node, { ctx }) {
    if (!node.roleArn) {
      throw new EcrAuthError('E_CONFIG', `github/oidc provider "${node.name}" has no role_arn, so it yields no AWS credentials by itself`, {
        hint: 'give it a role_arn, or use an aws/assume-role identity with `via: { provider: ' + node.name + ' }`',
      });
    }
    const { roleArn, audience, region, sessionName, durationSeconds, name } = node;
    const credentials = await exchangeGithubToken(ctx.env, { roleArn, audience, region, sessionName, durationSeconds, name });
    return { credentials, via: 'refreshed' };
  },
};
