// Cached credentials of a chain link: their cache namespace, shape, and when an entry may be used. Pure; its own
// module so that the bins' cached answers read them without loading ensureChain (and, through it, every credential
// kind's sign-in code).
import { isFresh } from '../cache/freshness.ts';
import type { AwsCredentials } from '../credentials.ts';

/** Cache namespace of identity credentials. */
export const CREDENTIALS_NAMESPACE = 'credentials';

export interface CachedCredentials {
  credentials: AwsCredentials;
  name: string;
  kind: string;
  region?: string;
}

/**
 * The entry when its credentials are whole and fresh beyond `minValidityMs`; an entry of the wrong shape (no keys, no
 * expiry) reads as absent rather than as credentials that never expire.
 */
export function freshCredentials(entry: CachedCredentials | undefined, now: number, minValidityMs: number): CachedCredentials | undefined {
  const c = entry?.credentials;
  const whole = typeof c?.accessKeyId === 'string' && typeof c.secretAccessKey === 'string' && typeof c.expiresAt === 'number';
  return whole && isFresh(c.expiresAt, now, minValidityMs) ? entry : undefined;
}
