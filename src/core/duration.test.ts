import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration, tryParseDuration } from './duration.ts';

describe('tryParseDuration', () => {
  it.each([
    ['15m', 900_000],
    ['1h', 3_600_000],
    ['1h30m', 5_400_000],
    ['90s', 90_000],
    ['2d', 172_800_000],
    ['500ms', 500],
    ['45', 45_000],
    [' 12H ', 43_200_000],
    [30, 30_000],
  ])('%s -> %d ms', (input, ms) => expect(tryParseDuration(input)).toBe(ms));

  it.each(['', 'm', '15x', '-5m', '1h 30m', 'soon', '15 minutes'])('rejects %j', (input) =>
    expect(tryParseDuration(input)).toBeUndefined(),
  );

  it('parseDuration names where the bad value came from', () => {
    expect(() => parseDuration('soon', '--min-validity')).toThrow(/--min-validity: "soon" is not a duration/);
  });
});

describe('formatDuration', () => {
  it.each([
    [12 * 3_600_000 - 1000, '11h59m'],
    [45 * 60_000, '45m'],
    [30_000, '30s'],
    [0, 'expired'],
    [-5, 'expired'],
    [50 * 3_600_000, '2d2h'],
  ])('%d ms -> %s', (ms, text) => expect(formatDuration(ms)).toBe(text));
});
