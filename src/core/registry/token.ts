// Registry tokens: one GetAuthorizationToken per (credential chain, region), cached with its expiry and reused
// while valid beyond the minimum validity, fetched under a cross-process lock after re-reading the cache.
import type { CacheStore } from '../cache/store.ts';
import { isFresh } from '../cache/freshness.ts';
import type { ResolvedConfig } from '../config/model.ts';
import type { CoreContext } from '../context.ts';
import { withLock } from '../fs/lock.ts';
import type { RegistryToken } from '../aws/ecr.ts';
import { type EnsuredLink, ensureChain } from '../identity/ensure-chain.ts';
import { chainOf, subjectKey, subjectName } from '../identity/subject.ts';
import type { RegistryTarget } from './targets.ts';

/** Cache namespace of registry tokens. */
export const TOKENS_NAMESPACE = 'registry-tokens';

export interface CachedToken extends RegistryToken {
  region: string;
  public: boolean;
  subject: string | undefined;
}

/** The cache key of the token a target needs: which service, which credential chain, which region. No network. */
export function tokenKey(ctx: CoreContext, config: ResolvedConfig, target: RegistryTarget): string {
  return `${target.public ? 'ecr-public' : 'ecr'}|${subjectKey(config, target.subject, ctx.env)}|${target.region}`;
}

/** True when a cached token has a password and an expiry (one without reads as absent, not as never expiring). */
export function isWholeToken(entry: CachedToken | undefined): entry is CachedToken {
  return typeof entry?.password === 'string' && entry.password !== '' && typeof entry.expiresAt === 'number';
}

/** The cached token for a target when it is still valid beyond ctx.minValidityMs. */
export async function cachedToken(ctx: CoreContext, store: CacheStore, key: string): Promise<CachedToken | undefined> {
  const entry = await store.read<CachedToken>(TOKENS_NAMESPACE, key);
  return isWholeToken(entry) && isFresh(entry.expiresAt, ctx.now(), ctx.minValidityMs) ? entry : undefined;
}

/** Where a token fetch gets the subject's credentials; by default its own ensureChain. */
export type SubjectCredentials = () => Promise<EnsuredLink>;

/**
 * A token for the target: from the cache, or fetched with the subject's credentials (ensured on the way, through
 * `credentials` when given: ensureRegistries shares one sign-in among the targets of a subject).
 */
export async function ensureRegistryToken(
  ctx: CoreContext,
  store: CacheStore,
  config: ResolvedConfig,
  target: RegistryTarget,
  credentials?: SubjectCredentials,
): Promise<{ token: CachedToken; source: 'cache' | 'fetched'; key: string }> {
  const key = tokenKey(ctx, config, target);
  const hit = await cachedToken(ctx, store, key);
  if (hit) return { token: hit, source: 'cache', key };
  return withLock(store.lockPath(TOKENS_NAMESPACE, key), async () => {
    const again = await cachedToken(ctx, store, key);
    if (again) return { token: again, source: 'cache' as const, key };
    const link = await (credentials ?? (() => ensureChain(ctx, store, config, chainOf(config, target.subject))))();
    const { getEcrPublicToken, getEcrToken } = await import('../aws/ecr.ts');
    const who = { credentials: link.credentials, identity: subjectName(target.subject), account: target.accountId };
    const fetched = target.public
      ? await getEcrPublicToken(ctx.env, who)
      : await getEcrToken(ctx.env, { ...who, region: target.region, fips: target.fips, dualstack: target.dualstack });
    const token: CachedToken = { ...fetched, region: target.region, public: target.public, subject: subjectName(target.subject) };
    await store.write(TOKENS_NAMESPACE, key, token);
    return { token, source: 'fetched' as const, key };
  });
}
