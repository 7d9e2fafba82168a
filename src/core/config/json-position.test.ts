import { describe, expect, it } from 'vitest';
import { jsonErrorOffset, lineColumn } from './json-position.ts';

describe('jsonErrorOffset', () => {
  it.each(['{}', '[]', ' {"a": [1, -2.5e3, true, false, null, "x\\"y"]}\n', '"s"', '0', '\ufeff{}'])('accepts %j', (text) => {
    expect(() => JSON.parse(text.replace(/^\ufeff/, ''))).not.toThrow();
    expect(jsonErrorOffset(text)).toBeUndefined();
  });

  it.each([
    ['{\n  "a": 1,\n  "b": }', 3, 8],
    ['{\n  "a": 1,\n}', 3, 1],
    ['{"a" 1}', 1, 6],
    ['[1, 2', 1, 6],
    ['{\n  a: 1\n}', 2, 3],
    ['{} x', 1, 4],
    ['{"a": 01}', 1, 8],
  ])('finds the error in %j at line %d column %d', (text, line, column) => {
    expect(() => JSON.parse(text)).toThrow();
    expect(lineColumn(text, jsonErrorOffset(text)!)).toEqual({ line, column });
  });
});
