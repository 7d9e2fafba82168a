// The interface every provider and identity kind implements: one module per kind (registered in kinds/index.ts)
// declares how its cache key is derived, how it obtains its credential, and what `status`, `whoami` and `logout`
// see of it. The orchestration path (chain-key.ts, ensure-chain.ts, session.ts, session/*) calls these and names no
// kind. A kind module loads nothing heavy when imported (the cached path derives keys through it): the SDK and the
// sign-in flows are imported inside the functions that need them.
import type { CacheStore } from '../../cache/store.ts';
import type { Identity, Provider, ResolvedConfig } from '../../config/model.ts';
import type { CoreContext } from '../../context.ts';
import type { AwsCredentials } from '../../credentials.ts';
import type { Env } from '../../paths.ts';
import type { ProviderSession, StatusEntry, WhoamiReport } from '../../session-types.ts';

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

/** A node of a chain: a provider or an identity. */
export type ChainNode = Provider | Identity;

/** Account and role as far as the config says them (no call to AWS). */
export type Principal = Pick<WhoamiReport, 'account' | 'accountName' | 'role' | 'roleArn'>;

/**
 * What a kind declares about its cache key and what the config alone says of it. Pure and light: the cached path
 * derives keys through it, so a kind's `keys` export imports nothing but types and other pure functions.
 */
export interface KindKeys<N extends ChainNode = ChainNode> {
  kind: N['kind'];
  /**
   * The cache key of the node's link given its parent link's key (for a root link: what the provider it exchanges
   * a token of says, see childRootKey). Absent for a kind that yields no credentials (a token-only provider).
   */
  linkKey?(node: N, parentKey: string | undefined, env: Env, config: ResolvedConfig): string;
  /**
   * True when the node yields a token for a child link to use rather than AWS credentials: no link of its own (a
   * kind without linkKey always is).
   */
  tokenOnly?(node: N): boolean;
  /** True when the node hands the role to its child (which then is the one link for both): no link of its own. */
  yieldsRoleToChild?(node: N, child: ChainNode | undefined): boolean;
  /** What the key of a root child link that exchanges this provider's token (or assertion) builds on. */
  childRootKey?(node: N, env: Env): string;
}

/**
 * What the commands that show or manage an entry ask its kind (`validate`/`list`, `login --provider`, `status`,
 * `whoami`, `logout`), from the config and local files only (but signIn).
 */
export interface SessionHooks<N extends ChainNode = ChainNode> {
  /** One line about what the entry is (`list`, `validate`). */
  detail?(node: N): string;
  /** The entry as shown (`validate --json`): any secret it holds replaced. */
  shown?(node: N): N;
  /** Account and role, as far as the config says them. */
  principal?(node: N): Principal;
  /**
   * Signing in to the provider by itself (`login --provider`), when that is not obtaining its credentials link:
   * a session of its own, or an error saying why there is nothing to sign in to. Undefined: obtain the link.
   */
  signIn?(ctx: CoreContext, node: N): Promise<ProviderSession> | undefined;
  /** Its own lines of `status` (a session of a token-only provider). */
  status?(ctx: CoreContext, node: N): Promise<StatusEntry[]>;
  /** What `whoami` adds about this node of the chain. */
  whoami?(ctx: CoreContext, node: N, known: Principal): Promise<Partial<WhoamiReport>>;
  /**
   * Where its credentials are when they are not ours to cache (the environment, the config's long-lived keys), for
   * `status`; undefined when they are in our cache.
   */
  heldOutside?(node: N): string | undefined;
  /** What `whoami` says of credentials held outside our cache (from the environment only). */
  whoamiOutside?(node: N, env: Env): Partial<WhoamiReport>;
  /** Removes what it keeps of its own (not the credentials cache) on `logout --all`; returns what was (or would be) removed. */
  logout?(ctx: CoreContext, node: N, options: { dryRun: boolean }): Promise<string[]>;
}

/**
 * How a credential-producing kind obtains its link's credentials: cache policy, lock, region, the call. (Its entry
 * in the table names the kind.)
 */
export interface CredentialKind<N extends ChainNode = ChainNode> {
  /** The account the link's credentials belong to, as far as the config says (for the audit trail). */
  account?(node: N): string | undefined;
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

const ROLE_ARN = /^arn:(aws[a-z-]*):iam::(\d{12}):role\/(.+)$/;

/** The account of a role ARN (for the audit trail; the ARN was checked by the schema). */
export function roleAccount(node: { roleArn?: string | undefined }): string | undefined {
  return node.roleArn?.split(':')[4];
}

/** Account and role of a role ARN (none when there is no ARN, or it is not one). */
export function rolePrincipal(arn: string | undefined): Principal {
  const match = arn === undefined ? null : ROLE_ARN.exec(arn);
  return match ? { account: match[2]!, role: match[3]!, roleArn: arn! } : {};
}

/** A valid STS RoleSessionName ([\w+=,.@-], 2-64 chars) made from a name. */
export function sessionNameFor(name: string): string {
  const cleaned = `ecr-auth-${name}`.replace(/[^\w+=,.@-]/g, '-');
  return cleaned.slice(0, 64);
}

/** How long to wait for a node's lock; undefined = the lock's default. */
export function lockTimeoutOf<N extends ChainNode>(kind: CredentialKind<N>, node: N, config: ResolvedConfig): number | undefined {
  return typeof kind.lockTimeoutMs === 'function' ? kind.lockTimeoutMs(node, config) : kind.lockTimeoutMs;
}

/** Whether a node's credentials go into our cache. */
export function isCacheable<N extends ChainNode>(kind: CredentialKind<N>, node: N): boolean {
  return typeof kind.cacheable === 'function' ? kind.cacheable(node) : kind.cacheable;
}
