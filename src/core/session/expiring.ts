// `status --expiring-within`: which cached sessions and tokens run out within a window. Pure: entries in, entries out.
import type { StatusEntry } from '../session-types.ts';

/**
 * The entries that hold an expiring credential (an expiry is known) and expire at or before now + windowMs,
 * already expired ones included. Entries with nothing cached have nothing to expire and are not listed; ambient
 * identities (no known expiry) neither.
 */
export function expiringWithin(entries: readonly StatusEntry[], now: number, windowMs: number): StatusEntry[] {
  return entries.filter((entry) => entry.expiresAt !== undefined && entry.expiresAt <= now + windowMs);
}
