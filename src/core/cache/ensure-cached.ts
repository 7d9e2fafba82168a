// Single flight for any cached credential: serve it from the cache while it is fresh; otherwise take the entry's
// cross-process lock, read the cache again (another process may have just fetched it), and only then obtain it.
import type { CoreContext } from '../context.ts';
import { withLock } from '../fs/lock.ts';

export interface CachedRequest<T> {
  namespace: string;
  key: string;
  /** True when a cached value may be used now (it is whole and valid long enough). */
  fresh(value: T | undefined): value is T;
  /** Obtains a new value (network calls here); it is written to the cache before it is returned. */
  obtain(): Promise<T>;
}

/** The cached value when fresh, else one obtained under the lock. */
export async function ensureCached<T>(ctx: CoreContext, request: CachedRequest<T>): Promise<{ value: T; source: 'cache' | 'fetched' }> {
  const { store } = ctx;
  const hit = await store.read<T>(request.namespace, request.key);
  if (request.fresh(hit)) return { value: hit, source: 'cache' };
  return withLock(store.lockPath(request.namespace, request.key), async () => {
    const again = await store.read<T>(request.namespace, request.key);
    if (request.fresh(again)) return { value: again, source: 'cache' as const };
    const value = await request.obtain();
    await store.write(request.namespace, request.key, value);
    return { value, source: 'fetched' as const };
  });
}
