// The Docker credential helper's cached answer for a host: its host record and the token it names, two small files,
// read without the config, any AWS module or the token call (the bundled helper bin loads this module alone).
import { openCacheStore } from '../cache/store.ts';
import { isFresh } from '../cache/freshness.ts';
import { DEFAULT_SETTINGS } from '../config/model.ts';
import { tryParseRegistryHost } from '../docker/registry-host.ts';
import type { Env } from '../paths.ts';
import { cacheDir } from '../paths.ts';
import { HOSTS_NAMESPACE, type HostRecord } from '../registry/host-record.ts';
import { type CachedToken, isWholeToken, TOKENS_NAMESPACE } from '../registry/token-entry.ts';

export interface HostCredential {
  host: string;
  username: string;
  password: string;
  expiresAt: number;
}

export type CachedHostAnswer =
  | { kind: 'hit'; credential: HostCredential }
  /** An ECR host whose token is missing or stale: refresh it (record says with which config and identity). */
  | { kind: 'refresh'; host: string; record?: HostRecord }
  /** Not an ECR host: this helper does not serve it. */
  | { kind: 'foreign' };

/** Looks a host up in the cache only. */
export async function cachedHostCredential(env: Env, now: number, serverUrl: string): Promise<CachedHostAnswer> {
  const parsed = tryParseRegistryHost(serverUrl);
  if (!parsed) return { kind: 'foreign' };
  const store = openCacheStore(cacheDir(env));
  const record = await store.read<HostRecord>(HOSTS_NAMESPACE, parsed.host);
  if (!record) return { kind: 'refresh', host: parsed.host };
  const token = await store.read<CachedToken>(TOKENS_NAMESPACE, record.tokenKey);
  const minValidityMs = record.minValidityMs ?? DEFAULT_SETTINGS.minValidityMs;
  if (isWholeToken(token) && isFresh(token.expiresAt, now, minValidityMs)) {
    return { kind: 'hit', credential: { host: parsed.host, username: token.username, password: token.password, expiresAt: token.expiresAt } };
  }
  return { kind: 'refresh', host: parsed.host, record };
}

