// Cache keys for credential links: derived from what the link IS (provider, account, role, parent link), never from
// an access key, so a key stays the same across processes and SSO re-logins. Each kind derives its own link's key
// (kinds/*.ts linkKey); this walks the chain. Pure.
import type { Identity, Provider, ResolvedConfig } from '../config/model.ts';
import type { Env } from '../paths.ts';
import type { CredentialNode } from './kinds/index.ts';
import { keysOf } from './kinds/keys.ts';

export type { CredentialNode } from './kinds/index.ts';

/**
 * A provider that yields a token for a child link to use rather than AWS credentials of its own: its kind derives
 * no link key (IAM Identity Center), or says so of this node (a GitHub OIDC provider without a role).
 */
export function isTokenOnlyProvider(node: Provider | Identity): boolean {
  const keys = keysOf(node);
  return !keys.linkKey || !!keys.tokenOnly?.(node);
}

/**
 * A link of its own: neither token-only nor handing its role to its child (an aws/saml provider without a role of
 * its own under an aws/assume-role identity, Atmos-style).
 */
function isLink(node: Provider | Identity, child: Provider | Identity | undefined): node is CredentialNode {
  return !isTokenOnlyProvider(node) && !keysOf(node).yieldsRoleToChild?.(node, child);
}

/** The credential links of a chain, root first (token-only providers — SSO, a GitHub OIDC without role — are left out). */
export function credentialNodes(chain: Array<Provider | Identity>): CredentialNode[] {
  return chain.filter((n, i): n is CredentialNode => isLink(n, chain[i + 1]));
}

/**
 * The key of every link of a chain, root first. A link's key builds on its parent link's key; a root link that
 * exchanges a token (or assertion) of a provider that is no link of its own builds on what that provider says.
 */
export function chainKeys(config: ResolvedConfig, chain: Array<Provider | Identity>, env: Env): string[] {
  const keys: string[] = [];
  let base: string | undefined;
  chain.forEach((node, i) => {
    if (isLink(node, chain[i + 1])) {
      base = keysOf(node).linkKey!(node, base, env, config);
      keys.push(base);
    } else {
      base = keysOf(node).childRootKey?.(node, env);
    }
  });
  return keys;
}
