// What the Docker credential helper answers for a host. The cached path (cached-host.ts) reads two small files and
// loads neither the config nor any AWS module; the refresh path goes through the same token function as every other
// entry point.
import { openCacheStore } from '../cache/store.ts';
import type { CoreContext } from '../context.ts';
import { tryParseRegistryHost } from '../docker/registry-host.ts';
import type { Env } from '../paths.ts';
import { cacheDir } from '../paths.ts';
import { HOSTS_NAMESPACE, type HostRecord } from '../registry/login.ts';
import { hostTarget, integrationTargets } from '../registry/targets.ts';
import { ensureRegistryToken } from '../registry/token.ts';
import type { HostCredential } from './cached-host.ts';
import { own } from '../config/names.ts';

export { type CachedHostAnswer, cachedHostCredential, type HostCredential } from './cached-host.ts';

/**
 * Whether the helper serves a host: one that `ecr-auth` logged in before (it has a record), or one an integration of
 * the config names. Any other ECR host is not ours to answer, whatever AWS credentials the environment holds.
 */
export function servesHost(config: CoreContext['config'], host: string, record?: HostRecord): boolean {
  return record !== undefined || Object.values(config.integrations).some((i) => integrationTargets(i).some((t) => t.host === host));
}

/**
 * Fetches (or re-reads under the lock) the token for a host, with the identity that logged it in before if any;
 * undefined for a host the helper does not serve (see servesHost).
 */
export async function refreshHostCredential(ctx: CoreContext, host: string, record?: HostRecord): Promise<HostCredential | undefined> {
  if (!servesHost(ctx.config, host, record)) return undefined;
  const identity = record?.subject !== undefined && own(ctx.config.identities, record.subject) ? record.subject : undefined;
  const target = hostTarget(ctx.config, host, identity);
  const { token } = await ensureRegistryToken(ctx, ctx.config, target);
  return { host, username: token.username, password: token.password, expiresAt: token.expiresAt };
}

/** Every host this tool has logged in, for the helper's `list`. */
export async function knownHosts(env: Env): Promise<Record<string, string>> {
  const store = openCacheStore(cacheDir(env));
  const out: Record<string, string> = {};
  for (const { key } of await store.list<HostRecord>(HOSTS_NAMESPACE)) out[key] = 'AWS';
  return out;
}

/** Forgets a host (the helper's `erase`, run by `docker logout HOST`). The region's token stays for other hosts. */
export async function forgetHost(env: Env, serverUrl: string): Promise<boolean> {
  const parsed = tryParseRegistryHost(serverUrl);
  if (!parsed) return false;
  return openCacheStore(cacheDir(env)).remove(HOSTS_NAMESPACE, parsed.host);
}
