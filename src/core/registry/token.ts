// Registry tokens: one GetAuthorizationToken per (credential chain, region), cached with its expiry and reused
// while valid beyond the minimum validity, fetched under a cross-process lock after re-reading the cache.
import { cacheOrWarn, type CacheStore } from '../cache/store.ts';
import { isFresh } from '../cache/freshness.ts';
import type { ResolvedConfig } from '../config/model.ts';
import type { CoreContext } from '../context.ts';
import { formatDuration } from '../duration.ts';
import { EcrAuthError, isEcrAuthError } from '../errors.ts';
import { BEHIND_SIGN_IN_LOCK_TIMEOUT_MS, withLock } from '../fs/lock.ts';
import type { RegistryToken } from '../aws/ecr.ts';
import { ensureChain } from '../identity/ensure-chain.ts';
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

/** A token for the target: from the cache, or fetched with the subject's credentials (ensured on the way). */
export async function ensureRegistryToken(
  ctx: CoreContext,
  store: CacheStore,
  config: ResolvedConfig,
  target: RegistryTarget,
): Promise<{ token: CachedToken; source: 'cache' | 'fetched'; key: string }> {
  const key = tokenKey(ctx, config, target);
  const hit = await cachedToken(ctx, store, key);
  if (hit) return { token: hit, source: 'cache', key };
  return withLock(store.lockPath(TOKENS_NAMESPACE, key), async () => {
    const again = await cachedToken(ctx, store, key);
    if (again) return { token: again, source: 'cache' as const, key };
    let fetched: RegistryToken;
    try {
      const link = await ensureChain(ctx, store, config, chainOf(config, target.subject));
      const { getEcrPublicToken, getEcrToken } = await import('../aws/ecr.ts');
      const who = { credentials: link.credentials, identity: subjectName(target.subject), account: target.accountId };
      fetched = target.public
        ? await getEcrPublicToken(ctx.env, who)
        : await getEcrToken(ctx.env, { ...who, region: target.region, fips: target.fips, dualstack: target.dualstack });
    } catch (error) {
      // as amazon-ecr-credential-helper does: when AWS cannot be reached but the cached token is still valid (only
      // not for as long as --min-validity asked), use it and say so
      const stale = await store.read<CachedToken>(TOKENS_NAMESPACE, key);
      if (isEcrAuthError(error, 'E_AWS_UNAVAILABLE') && isWholeToken(stale) && stale.expiresAt > ctx.now()) {
        ctx.log.warn(`${target.host}: ${error.message}; using the cached token, which is valid for ${formatDuration(stale.expiresAt - ctx.now())} more`);
        return { token: stale, source: 'cache' as const, key };
      }
      throw error;
    }
    if (!(fetched.expiresAt > ctx.now())) {
      throw new EcrAuthError('E_AWS',
        `the registry token for ${target.host} had already expired when it arrived (it expires ${new Date(fetched.expiresAt).toISOString()}, the clock here says ${new Date(ctx.now()).toISOString()})`,
        { hint: 'the clock of this machine is probably wrong: set it right (timedatectl set-ntp true, or your OS clock settings), then run again' });
    }
    const token: CachedToken = { ...fetched, region: target.region, public: target.public, subject: subjectName(target.subject) };
    await cacheOrWarn(store, ctx.log, TOKENS_NAMESPACE, key, token, `the new registry token for ${target.host}`);
    return { token, source: 'fetched' as const, key };
  }, {
    timeoutMs: BEHIND_SIGN_IN_LOCK_TIMEOUT_MS,
    onWait: () => ctx.log.info(`waiting for another ecr-auth process that is getting the token for ${target.host} (it may be waiting for a sign-in)...`),
  });
}
