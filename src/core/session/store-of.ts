// The credential cache of a context (ECR_AUTH_CACHE_DIR, XDG cache or ~/.cache/ecr-auth).
import { openCacheStore, type CacheStore } from '../cache/store.ts';
import type { CoreContext } from '../context.ts';
import { cacheDir } from '../paths.ts';

/** Opens the cache store the context's environment points at. */
export function storeOf(ctx: CoreContext): CacheStore {
  return openCacheStore(cacheDir(ctx.env), ctx.log);
}
