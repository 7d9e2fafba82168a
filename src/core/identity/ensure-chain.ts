// Walks a credential chain root-first: each link is served from the cache while fresh; otherwise, under a
// cross-process lock and after re-reading the cache, its parent is ensured and the link obtained and cached.
// Twenty processes asking at once therefore cause one SSO login and one call per link.
import { cacheOrWarn, type CacheStore } from '../cache/store.ts';
import type { Identity, Provider, ResolvedConfig } from '../config/model.ts';
import type { CoreContext } from '../context.ts';
import type { AwsCredentials } from '../credentials.ts';
import { audit } from '../audit/sink.ts';
import { BEHIND_SIGN_IN_LOCK_TIMEOUT_MS, withLock } from '../fs/lock.ts';
import { type CachedCredentials, CREDENTIALS_NAMESPACE, freshCredentials } from './cached-credentials.ts';
export { type CachedCredentials, CREDENTIALS_NAMESPACE } from './cached-credentials.ts';
import { chainKeys, type CredentialNode, credentialNodes } from './chain-key.ts';
import { credentialKindOf } from './kinds/index.ts';
import { isCacheable, lockTimeoutOf } from './kinds/kind.ts';

/** A parent link only has to outlive the call that uses it. */
export const PARENT_MARGIN_MS = 60_000;

export interface EnsuredLink {
  key: string;
  name: string;
  credentials: AwsCredentials;
  region: string | undefined;
  source: 'cache' | 'login' | 'refreshed' | 'ambient' | 'keys';
}

/** The regions of a chain's credential links, root first (each inherits its parent's unless it names one). */
export function chainRegions(ctx: CoreContext, config: ResolvedConfig, chain: Array<Provider | Identity>): Array<string | undefined> {
  const regions: Array<string | undefined> = [];
  for (const node of credentialNodes(chain)) {
    regions.push(credentialKindOf(node).region(node, { ctx, config, parentRegion: regions.at(-1) }));
  }
  return regions;
}

async function readFresh(store: CacheStore, key: string, now: number, minValidityMs: number) {
  return freshCredentials(await store.read<CachedCredentials>(CREDENTIALS_NAMESPACE, key), now, minValidityMs);
}

/** The AWS account a link's credentials belong to, as far as the config says (for the audit trail). */
function accountOf(node: CredentialNode): { account?: string } {
  const account = credentialKindOf(node).account?.(node);
  return account ? { account } : {};
}

/** Credentials for the last link of `chain`, valid for at least ctx.minValidityMs. */
export function ensureChain(
  ctx: CoreContext,
  store: CacheStore,
  config: ResolvedConfig,
  chain: Array<Provider | Identity>,
): Promise<EnsuredLink> {
  const shared = ctx.sharedChains;
  if (shared === undefined) return ensureChainOnce(ctx, store, config, chain);
  // concurrent logins of one request share one ensure per chain: one sign-in, and a failed one is not tried again
  const key = chainKeys(config, chain, ctx.env).join('\n');
  let link = shared.get(key);
  if (link === undefined) shared.set(key, (link = ensureChainOnce(ctx, store, config, chain)));
  return link;
}

async function ensureChainOnce(
  ctx: CoreContext,
  store: CacheStore,
  config: ResolvedConfig,
  chain: Array<Provider | Identity>,
): Promise<EnsuredLink> {
  const nodes = credentialNodes(chain);
  const keys = chainKeys(config, chain, ctx.env);
  const regions = chainRegions(ctx, config, chain);

  const ensure = async (i: number, minValidityMs: number): Promise<EnsuredLink> => {
    const node = nodes[i]!;
    const key = keys[i]!;
    const region = regions[i];
    const kind = credentialKindOf(node);
    const cacheable = isCacheable(kind, node);
    const lockTimeout = lockTimeoutOf(kind, node, config);
    const obtain = async (): Promise<EnsuredLink> => {
      const parent = i > 0 ? await ensure(i - 1, PARENT_MARGIN_MS) : undefined;
      const event = { event: 'credentials' as const, identity: node.name, ...accountOf(node), ...(region ? { region } : {}), detail: node.kind };
      let got: Awaited<ReturnType<typeof kind.obtain>>;
      try {
        got = await kind.obtain(node, {
          ctx,
          config,
          store,
          ...(parent ? { parent: parent.credentials, parentRegion: parent.region } : {}),
        });
      } catch (error) {
        await audit(ctx, { ...event, outcome: 'failure', error: (error as { code?: string }).code ?? 'E_INTERNAL' });
        throw error;
      }
      if (cacheable) await audit(ctx, { ...event, outcome: 'success' });
      if (cacheable) {
        await cacheOrWarn(store, ctx.log, CREDENTIALS_NAMESPACE, key, { credentials: got.credentials, name: node.name, kind: node.kind, region }, `the new credentials of ${node.name}`);
      }
      const source = parent?.source === 'login' ? 'login' : got.via;
      ctx.log.verbose(`${node.name}: new credentials (${source})`);
      return { key, name: node.name, credentials: got.credentials, region, source };
    };
    if (!cacheable) return obtain();
    const cached = await readFresh(store, key, ctx.now(), minValidityMs);
    if (cached) return { key, name: node.name, credentials: cached.credentials, region, source: 'cache' };
    return withLock(store.lockPath(CREDENTIALS_NAMESPACE, key), async () => {
      const again = await readFresh(store, key, ctx.now(), minValidityMs);
      if (again) return { key, name: node.name, credentials: again.credentials, region, source: 'cache' as const };
      return obtain();
    }, {
      timeoutMs: Math.max(lockTimeout ?? 0, BEHIND_SIGN_IN_LOCK_TIMEOUT_MS),
      onWait: () => ctx.log.info(`waiting for another ecr-auth process that is getting the credentials of ${node.name} (it may be waiting for a sign-in)...`),
    });
  };

  if (nodes.length === 0) throw new Error('a credential chain needs at least one credential link');
  return ensure(nodes.length - 1, ctx.minValidityMs);
}
