// The interface every credential-producing kind implements (one file per kind, registered in kinds/index.ts).
import type { CacheStore } from '../../cache/store.ts';
import type { ResolvedConfig } from '../../config/model.ts';
import type { CoreContext } from '../../context.ts';
import type { AwsCredentials } from '../../credentials.ts';
import type { CredentialNode } from '../chain-key.ts';

/** How fresh credentials were obtained: an interactive SSO login happened, or only machine calls. */
export type ObtainedVia = 'login' | 'refreshed' | 'ambient' | 'keys';

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
  /**
   * How long another process waits for this link's lock (default 60 s). Links that may wait for a person (a browser
   * sign-in, an MFA prompt) wait longer, so parallel tasks do not give up while the first one asks.
   */
  lockTimeoutMs?: number | ((node: N, config: ResolvedConfig) => number | undefined);
  /** The region this link works in (AWS_REGION for exec, STS endpoint for children). */
  region(node: N, input: Pick<LinkInput, 'ctx' | 'config' | 'parentRegion'>): string | undefined;
  /** Calls AWS (or the environment) for fresh credentials. */
  obtain(node: N, input: LinkInput): Promise<{ credentials: AwsCredentials; via: ObtainedVia }>;
}

/** Lock wait of links that may wait for a person: the browser sign-in's own limit (5 min) plus a margin. */
export const INTERACTIVE_LOCK_TIMEOUT_MS = 6 * 60_000;

/** A valid STS RoleSessionName ([\w+=,.@-], 2-64 chars) made from a name. */
export function sessionNameFor(name: string): string {
  const cleaned = `ecr-auth-${name}`.replace(/[^\w+=,.@-]/g, '-');
  return cleaned.slice(0, 64);
}

/** How long to wait for a node's lock; undefined = the lock's default. */
export function lockTimeoutOf<N extends CredentialNode>(kind: CredentialKind<N>, node: N, config: ResolvedConfig): number | undefined {
  return typeof kind.lockTimeoutMs === 'function' ? kind.lockTimeoutMs(node, config) : kind.lockTimeoutMs;
}

/** Whether a node's credentials go into our cache. */
export function isCacheable<N extends CredentialNode>(kind: CredentialKind<N>, node: N): boolean {
  return typeof kind.cacheable === 'function' ? kind.cacheable(node) : kind.cacheable;
}
