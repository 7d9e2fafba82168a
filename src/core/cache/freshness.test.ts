import { describe, expect, it } from 'vitest';
import { isFresh, remainingMs } from './freshness.ts';

const now = 1_700_000_000_000;
const min = 15 * 60_000;

describe('isFresh', () => {
  it.each([
    ['no expiry (long-lived)', undefined, min, true],
    ['12 h left, 15 m margin', now + 12 * 3_600_000, min, true],
    ['15 m + 1 ms left', now + min + 1, min, true],
    ['exactly the margin left', now + min, min, false],
    ['5 m left, 15 m margin', now + 5 * 60_000, min, false],
    ['already expired', now - 1, min, false],
    ['1 ms left, no margin', now + 1, 0, true],
    ['expiring now, no margin', now, 0, false],
    ['negative margin acts as none', now + 1, -60_000, true],
    ['NaN expiry', Number.NaN, min, false],
  ])('%s -> %s', (_name, expiresAt, margin, expected) => {
    expect(isFresh(expiresAt, now, margin)).toBe(expected);
  });
});

describe('remainingMs', () => {
  it.each([
    [undefined, Number.POSITIVE_INFINITY],
    [now + 90_000, 90_000],
    [now - 90_000, 0],
    [Number.NaN, 0],
  ])('%s -> %s', (expiresAt, expected) => expect(remainingMs(expiresAt, now)).toBe(expected));
});
