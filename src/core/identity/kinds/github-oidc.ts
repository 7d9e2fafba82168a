// github/oidc: the Actions ID token exchanged for role credentials with AssumeRoleWithWebIdentity.
import type { GithubOidcProvider } from '../../config/model.ts';
import { fetchGithubIdToken } from '../../aws/github-oidc.ts';
import { assumeRoleWithWebIdentity } from '../../aws/sts.ts';
import { type CredentialKind, sessionNameFor } from './kind.ts';

export const githubOidcKind: CredentialKind<GithubOidcProvider> = {
  kind: 'github/oidc',
  cacheable: true,
  region: (node) => node.region,
  async obtain(node, { ctx }) {
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
