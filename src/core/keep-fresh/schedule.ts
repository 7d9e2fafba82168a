// When keep-fresh renews next: when the first of the identity's credentials and the registry tokens gets within
// the minimum validity of its expiry. Pure.

/** Never sooner than this after a renewal (a lifetime shorter than the margin would otherwise spin). */
export const MIN_DELAY_MS = 1_000;
/** Never later than this: a laptop that slept, or a clock that jumped, is noticed within the hour. */
export const MAX_DELAY_MS = 3_600_000;
/** After a failed renewal, try again this soon. */
export const RETRY_DELAY_MS = 5_000;

/** Milliseconds until the next renewal, given every expiry (epoch ms) keep-fresh keeps. */
export function nextRenewalDelay(expiries: readonly number[], now: number, minValidityMs: number): number {
  if (expiries.length === 0) return MAX_DELAY_MS;
  const due = Math.min(...expiries) - minValidityMs - now;
  return Math.min(MAX_DELAY_MS, Math.max(MIN_DELAY_MS, due));
}
