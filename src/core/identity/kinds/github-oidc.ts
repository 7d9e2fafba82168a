// github/oidc: the Actions ID token exchanged for role credentials with AssumeRoleWithWebIdentity.
import type { GithubOidcProvider } from '../../config/model.ts';
import { EcrAuthError } from '../../errors.ts';
import { type CredentialKind, sessionNameFor } from './kind.ts';

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
    // loaded only when credentials are obtained, never on a cache hit
    const [{ fetchGithubIdToken }, { assumeRoleWithWebIdentity }] = await Promise.all([import('../../aws/github-oidc.ts'), import('../../aws/sts.ts')]);
    const webIdentityToken = await fetchGithubIdToken(ctx.env, node.audience);
    const credentials = await assumeRoleWithWebIdentity(ctx.env, {
      region: node.region,
      roleArn: node.roleArn,
      sessionName: node.sessionName ?? sessionNameFor(`gha-${ctx.env.GITHUB_RUN_ID ?? node.name}`),
      webIdentityToken,
      ...(node.durationSeconds ? { durationSeconds: node.durationSeconds } : {}),
      identity: node.name,
    });
    return { credentials, via: 'refreshed' };
  },
};
