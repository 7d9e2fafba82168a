// Cache keys for credential links: derived from what the link IS (provider, account, role, parent link), never from
// an access key, so a key stays the same across processes and SSO re-logins. Pure.
import type { Identity, Provider, ResolvedConfig } from '../config/model.ts';
import type { Env } from '../paths.ts';
import { ambientSourceKey } from '../aws/ambient.ts';
import { isTokenOnlyProvider, yieldsRoleToChild } from '../config/resolve.ts';
import { own } from '../config/names.ts';

/** A node that yields AWS credentials: a credential-producing provider, or an identity. */
export type CredentialNode = Exclude<Provider, { kind: 'aws/iam-identity-center' }> | Identity;

/** What a GitHub Actions token is scoped to: one workflow run of one repository (never reused across runs). */
function githubRunKey(env: Env, audience: string): string {
  return `${audience}|${env.GITHUB_REPOSITORY ?? ''}|${env.GITHUB_RUN_ID ?? ''}`;
}

function accountPart(identity: Extract<Identity, { kind: 'aws/permission-set' }>): string {
  return 'id' in identity.account ? identity.account.id : `name:${identity.account.name}`;
}

/** The cache key of one link given its parent's key (undefined for a root). */
export function linkKey(config: ResolvedConfig, node: CredentialNode, parentKey: string | undefined, env: Env): string {
  switch (node.kind) {
    case 'aws/ambient':
      return `ambient|${ambientSourceKey(env, node.profile)}`;
    case 'github/oidc':
      // Scoped to one workflow run: a self-hosted runner shared by several repositories or runs never reuses it.
      return `gha|${node.roleArn ?? ''}|${githubRunKey(env, node.audience)}|${node.sessionName ?? ''}`;
    case 'aws/permission-set': {
      const provider = own(config.providers, node.via.provider);
      const start = provider?.kind === 'aws/iam-identity-center' ? provider.startUrl : node.via.provider;
      return `ps|${start}|${accountPart(node)}|${node.permissionSet}`;
    }
    case 'aws/saml':
      // per (provider, role); without a configured role, the role picked at sign-in is what the entry holds
      return ['saml', node.url, node.roleArn ?? '', node.idpArn ?? '', String(node.durationSeconds ?? '')].join('|');
    case 'aws/user':
      // the key id is not secret and tells rotated keys apart; a profile is named (its keys are read only when needed)
      return ['user', !node.keys ? `none:${node.name}` : 'profile' in node.keys ? `profile=${node.keys.profile}|${env.AWS_SHARED_CREDENTIALS_FILE ?? ''}` : node.keys.accessKeyId,
        node.mfaSerial ?? '', String(node.durationSeconds)].join('|');
    case 'aws/assume-role': {
      const via = 'provider' in node.via ? own(config.providers, node.via.provider) : undefined;
      const root = !parentKey && via?.kind === 'github/oidc' ? `gha-token|${githubRunKey(env, via.audience)}`
        : !parentKey && via?.kind === 'aws/saml' ? `saml-assertion|${via.url}|${via.idpArn ?? ''}` : '';
      return [
        'ar',
        parentKey ?? root,
        node.roleArn,
        node.externalId ?? '',
        node.sessionName ?? '',
        String(node.durationSeconds ?? ''),
        ...(node.mfaSerial ? [`mfa=${node.mfaSerial}`] : []),
      ].join('|');
    }
  }
}

/** The credential links of a chain, root first (token-only providers — SSO, a GitHub OIDC without role — are left out). */
export function credentialNodes(chain: Array<Provider | Identity>): CredentialNode[] {
  return chain.filter((n, i): n is CredentialNode => !isTokenOnlyProvider(n) && !yieldsRoleToChild(n, chain[i + 1]));
}

/** The key of every link of a chain, root first. */
export function chainKeys(config: ResolvedConfig, chain: Array<Provider | Identity>, env: Env): string[] {
  const keys: string[] = [];
  for (const node of credentialNodes(chain)) keys.push(linkKey(config, node, keys.at(-1), env));
  return keys;
}
