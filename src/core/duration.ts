// Durations as people write them in config and flags ("15m", "1h30m", "90s", "12h") and as the tool prints them.
import { EcrAuthError } from './errors.ts';

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
const DURATION = /^(?:(\d+(?:\.\d+)?)(ms|s|m|h|d))+$/;
const PART = /(\d+(?:\.\d+)?)(ms|s|m|h|d)/g;

/** The longest duration accepted anywhere (a year): past it a number is a typo, not a duration (400 nines was Infinity). */
export const MAX_DURATION_MS = 366 * 86_400_000;

/** The life of an ECR token (12h): a min_validity at or above it would fetch a new token on every run. */
export const MIN_VALIDITY_LIMIT_MS = 12 * 3_600_000;

const inRange = (ms: number): number | undefined => (Number.isFinite(ms) && ms >= 0 && ms <= MAX_DURATION_MS ? Math.round(ms) : undefined);

/** Parses "15m", "1h30m", "90s", "2d" or a bare number of seconds into milliseconds; undefined when malformed or over a year. */
export function tryParseDuration(input: string | number): number | undefined {
  if (typeof input === 'number') return inRange(input * 1000);
  const text = input.trim().toLowerCase();
  if (/^\d+$/.test(text)) return inRange(Number(text) * 1000);
  if (!DURATION.test(text)) return undefined;
  let total = 0;
  for (const [, amount, unit] of text.matchAll(PART)) total += Number(amount) * UNIT_MS[unit as string]!;
  return inRange(total);
}

/** What is wrong with a min_validity / --min-validity of `ms`, or undefined when it is usable. */
export function minValidityProblem(ms: number): string | undefined {
  return ms >= MIN_VALIDITY_LIMIT_MS
    ? `is at least the 12h an ECR token lasts, so no cached token would ever be reused: every run would fetch a new one`
    : undefined;
}

/** Like tryParseDuration, but a malformed duration is a usage error naming where it came from. */
export function parseDuration(input: string | number, where: string): number {
  const ms = tryParseDuration(input);
  if (ms === undefined) {
    const shown = String(input).length > 40 ? `${String(input).slice(0, 37)}...` : String(input);
    throw new EcrAuthError('E_USAGE', `${where}: "${shown}" is not a duration (or is longer than a year)`, {
      hint: 'write it like 15m, 1h, 1h30m, 90s or 2d',
    });
  }
  return ms;
}

/** Prints a remaining time the way the login lines do: "11h59m", "45m", "30s", "expired". */
export function formatDuration(ms: number): string {
  if (!(ms > 0)) return 'expired';
  if (!Number.isFinite(ms)) return 'ever';
  const totalSeconds = Math.floor(ms / 1000);
  const days = Math.floor(totalSeconds / 86_400);
  const hours = Math.floor((totalSeconds % 86_400) / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  if (days > 0) return `${days}d${hours}h`;
  if (hours > 0) return `${hours}h${minutes}m`;
  if (minutes > 0) return `${minutes}m`;
  return `${totalSeconds}s`;
}

/** A minimum validity given by a person (--min-validity, the executors' minValidity): a duration under 12h, or E_USAGE. */
export function parseMinValidity(input: string, where: string): number {
  const ms = parseDuration(input, where);
  const problem = minValidityProblem(ms);
  if (problem !== undefined) throw new EcrAuthError('E_USAGE', `${where} ${input} ${problem}`, { hint: 'use a duration under 12h, like 15m or 1h' });
  return ms;
}
