// Single flight for any cached credential: serve it from the cache while it is fresh; otherwise take the entry's
// cross-process lock, read the cache again (another process may have just fetched it), and only then obtain it.
// The lock wait is as long as an interactive sign-in the holder may be waiting for (see BEHIND_SIGN_IN_LOCK_TIMEOUT_MS).
import type { CoreContext } from '../context.ts';
import { BEHIND_SIGN_IN_LOCK_TIMEOUT_MS, withLock } from '../fs/lock.ts';
import { cacheOrWarn } from './store.ts';

export interface CachedRequest<T> {
  namespace: string;
  key: string;
  /** What is being obtained, for messages: "the registry token for HOST". */
  what: string;
  /** True when a cached value may be used now (it is whole and valid long enough). */
  fresh(value: T | undefined): value is T;
  /** Obtains a new value (network calls here); it is written to the cache (or warned about) before it is returned. */
  obtain(): Promise<T>;
  /**
   * When obtain fails: a cached value to use instead (the caller warns), or undefined to let the failure stand.
   * Used where a credential still valid, only not for as long as asked, beats failing while AWS cannot be reached.
   */
  fallback?(cached: T | undefined, error: unknown): T | undefined;
}

/** The cached value when fresh, else one obtained under the lock. */
export async function ensureCached<T>(ctx: CoreContext, request: CachedRequest<T>): Promise<{ value: T; source: 'cache' | 'fetched' }> {
  const { store } = ctx;
  const hit = await store.read<T>(request.namespace, request.key);
  if (request.fresh(hit)) return { value: hit, source: 'cache' };
  return withLock(store.lockPath(request.namespace, request.key), async () => {
    const again = await store.read<T>(request.namespace, request.key);
    if (request.fresh(again)) return { value: again, source: 'cache' as const };
    let value: T;
    try {
      value = await request.obtain();
    } catch (error) {
      const instead = request.fallback?.(again, error);
      if (instead === undefined) throw error;
      return { value: instead, source: 'cache' as const };
    }
    await cacheOrWarn(store, ctx.log, request.namespace, request.key, value, `the new ${request.what.replace(/^the /, '')}`);
    return { value, source: 'fetched' as const };
  }, {
    timeoutMs: BEHIND_SIGN_IN_LOCK_TIMEOUT_MS,
    onWait: () => ctx.log.info(`waiting for another ecr-auth process that is getting ${request.what} (it may be waiting for a sign-in)...`),
  });
}
