// The one place that decides whether a cached credential may still be used. Every cache (SSO tokens, role
// credentials, ECR tokens) asks here, so all of them apply the same --min-validity margin.

/**
 * True when a credential expiring at `expiresAt` (epoch ms) stays valid for more than `minValidityMs` after `now`.
 * `undefined` means long-lived (no expiry): always fresh. A non-finite expiry is never fresh.
 */
export function isFresh(expiresAt: number | undefined, now: number, minValidityMs: number): boolean {
  if (expiresAt === undefined) return true;
  if (!Number.isFinite(expiresAt)) return false;
  return expiresAt - now > Math.max(0, minValidityMs);
}

/** Milliseconds left before `expiresAt` (0 once past, Infinity for a long-lived credential). */
export function remainingMs(expiresAt: number | undefined, now: number): number {
  if (expiresAt === undefined) return Number.POSITIVE_INFINITY;
  if (!Number.isFinite(expiresAt)) return 0;
  return Math.max(0, expiresAt - now);
}
