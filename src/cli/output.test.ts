import { describe, expect, it } from 'vitest';
import { durationText } from './describe.ts';
import { renderTable } from './output.ts';

describe('renderTable', () => {
  it('pads every column but the last to its widest cell', () => {
    expect(renderTable([['a', 'bbb', 'c'], ['✓ long', 'b', '']])).toEqual(['a       bbb  c', '✓ long  b']);
  });
});

describe('durationText', () => {
  it.each([[900_000, '15m'], [3_600_000, '1h'], [5_400_000, '1h30m'], [90_000, '1m30s'], [500, '500ms'], [0, '0s']])('%d -> %s', (ms, text) =>
    expect(durationText(ms)).toBe(text),
  );
});
