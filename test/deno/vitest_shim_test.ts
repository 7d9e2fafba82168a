// The Deno vitest shim itself: hooks run in vitest's order (beforeAll once, beforeEach outer-first, afterEach
// inner-first, afterAll after a suite's last test, returned functions as teardowns), .each titles are formatted
// as vitest formats them, skipped tests do not run, vitest's matchers (with asymmetric ones) work, and every
// sanitizer exemption still names a suite or test that exists.
import { readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SANITIZER_EXEMPTIONS, sanitizerExemption } from './sanitizer-exemptions.ts';
import { formatTitle } from './vitest-titles.ts';

const log: string[] = [];

describe('outer', () => {
  beforeAll(() => {
    log.push('outer beforeAll');
    return () => log.push('outer beforeAll teardown');
  });
  afterAll(() => void log.push('outer afterAll'));
  beforeEach(() => {
    log.push('outer beforeEach');
    return () => log.push('outer beforeEach teardown');
  });
  afterEach(() => void log.push('outer afterEach'));

  it('first', () => void log.push('first'));
  it.skip('skipped', () => void log.push('skipped'));
  it.skipIf(true)('skipped by condition', () => void log.push('skipped by condition'));

  describe('inner', () => {
    beforeAll(() => void log.push('inner beforeAll'));
    afterAll(() => void log.push('inner afterAll'));
    beforeEach(() => void log.push('inner beforeEach'));
    afterEach(() => void log.push('inner afterEach'));
    it.each([[1, 'a'], [2, 'b']])('case %i is %s', (n, s) => void log.push(`case ${n}${s}`));
  });
});

it('hooks ran in vitest order', () => {
  const each = (body: string[]) => ['outer beforeEach', ...body, 'outer afterEach', 'outer beforeEach teardown'];
  expect(log).toEqual([
    'outer beforeAll',
    ...each(['first']),
    'inner beforeAll',
    ...each(['inner beforeEach', 'case 1a', 'inner afterEach']),
    ...each(['inner beforeEach', 'case 2b', 'inner afterEach']),
    'inner afterAll',
    'outer afterAll',
    'outer beforeAll teardown',
  ]);
});

it.each([
  ['%s and %j', ['x', { a: 1 }], 0, 'x and {"a":1}'],
  ['%i %d %#/%$ 100%%', [2.5, 3], 4, '2 3 4/5 100%'],
  ['$name: $spec.region', [{ name: 'n', spec: { region: 'us-east-1' } }], 0, "'n': 'us-east-1'"],
  ['$0 -> $1', ['a', 'b'], 0, "'a' -> 'b'"],
])('formatTitle(%j)', (template, items, index, expected) => {
  expect(formatTitle(template as string, items as unknown[], index as number)).toBe(expected);
});

it('vitest matchers, asymmetric matchers, rejects and unreachable', async () => {
  expect({ a: 1, b: [1, 2], c: 'text' }).toMatchObject({ b: [1, 2], c: expect.stringContaining('ex') });
  expect([{ host: 'h', digest: 'd' }]).toEqual([expect.objectContaining({ host: 'h', digest: expect.any(String) })]);
  await expect(Promise.reject(new Error('boom'))).rejects.toThrow(/bo+m/);
  expect(() => expect.unreachable('here')).toThrow('not to be reached');
  expect(() => expect(1).toBe(2)).toThrow('expected 1 to be 2');
});

it('every sanitizer exemption names suites and tests that exist in its file', () => {
  for (const [file, entries] of Object.entries(SANITIZER_EXEMPTIONS)) {
    const text = readFileSync(new URL(`../../${file}`, (import.meta as { url: string }).url), 'utf8');
    for (const name of Object.keys(entries)) {
      for (const part of name.split(' > ').map((p) => p.replace(/ >$/, ''))) expect(text, `${file}: ${name}`).toContain(`'${part}'`);
    }
  }
  expect(sanitizerExemption('test/session/registries.test.ts', 'slow and dropped connections > x')).toBeDefined();
  expect(sanitizerExemption('test/session/registries.test.ts', 'slow and dropped connectionsX > x')).toBeUndefined();
});
