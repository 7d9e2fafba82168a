// The interface every credential-producing kind implements (one file per kind, registered in kinds/index.ts).
import type { CacheStore } from '../../cache/store.ts';
import type { ResolvedConfig } from '../../config/model.ts';
import type { CoreContext } from '../../context.ts';
import type { AwsCredentials } from '../../credentials.ts';
import type { CredentialNode } from '../chain-key.ts';

/** How fresh credentials were obtained: an interactive SSO login happened, or only machine calls. */
export type ObtainedVia = 'login' | 'refreshed' | 'ambient';

export interface LinkInput {
  ctx: CoreContext;
  config: ResolvedConfig;
  store: CacheStore;
  /** Credentials of the parent link (assume-role); undefined for a root. */
  parent?: AwsCredentials;
  /** Region of the parent link, inherited when a link names none. */
  parentRegion?: string;
}

export interface CredentialKind<N extends CredentialNode = CredentialNode> {
  kind: N['kind'];
  /** False when the environment or the config owns the credentials (ambient chain, long-lived keys): never cached. */
  cacheable: boolean | ((node: N) => boolean);
  /** The region this link works in (AWS_REGION for exec, STS endpoint for children). */
  region(node: N, input: Pick<LinkInput, 'ctx' | 'config' | 'parentRegion'>): string | undefined;
  /** Calls AWS (or the environment) for fresh credentials. */
  obtain(node: N, input: LinkInput): Promise<{ credentials: AwsCredentials; via: ObtainedVia }>;
}

/** A valid STS RoleSessionName ([\w+=,.@-], 2-64 chars) made from a name. */
export function sessionNameFor(name: string): string {
  const cleaned = `ecr-auth-${name}`.replace(/[^\w+=,.@-]/g, '-');
  return cleaned.slice(0, 64);
}

/** Whether a node's credentials go into our cache. */
export function isCacheable<N extends CredentialNode>(kind: CredentialKind<N>, node: N): boolean {
  return typeof kind.cacheable === 'function' ? kind.cacheable(node) : kind.cacheable;
}
