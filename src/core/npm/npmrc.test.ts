import { describe, expect, it } from 'vitest';
import { npmrcValue, removeFromNpmrc, upsertNpmrc } from './npmrc.ts';

const USER = '# my settings\nfund=false\r\n; another comment\nregistry = https://registry.npmjs.org/\nsave-exact=true\n';
const OURS = [
  { key: '@acme:registry', value: 'https://h/npm/r/' },
  { key: '//h/npm/r/:_authToken', value: 'TOKEN1' },
];
const isOurs = (expected: string) => (v: string) => v === expected;

describe('.npmrc', () => {
  it('appends our lines and keeps every foreign byte (comments, CRLF lines, spacing)', () => {
    const { text, replaced } = upsertNpmrc(USER, OURS);
    expect(text).toBe(`${USER}@acme:registry=https://h/npm/r/\n//h/npm/r/:_authToken=TOKEN1\n`);
    expect(replaced.size).toBe(0);
    expect(npmrcValue(text, '//h/npm/r/:_authToken')).toBe('TOKEN1');
  });

  it('replaces a line of the same key in place, and logout puts the foreign one back', () => {
    const { text, replaced } = upsertNpmrc(USER, [{ key: 'registry', value: 'https://h/npm/r/' }]);
    expect(text).toBe(USER.replace('registry = https://registry.npmjs.org/', 'registry=https://h/npm/r/'));
    expect(replaced.get('registry')).toBe('registry = https://registry.npmjs.org/');
    expect(removeFromNpmrc(text, [{ key: 'registry', isOurs: isOurs('https://h/npm/r/'), previous: replaced.get('registry')! }])).toBe(USER);
  });

  it('a new token replaces ours; removal takes only lines still holding what we wrote', () => {
    const once = upsertNpmrc(USER, OURS).text;
    const twice = upsertNpmrc(once, [OURS[0]!, { key: OURS[1]!.key, value: 'TOKEN2' }]).text;
    expect(twice.match(/_authToken/g)).toHaveLength(1);
    expect(removeFromNpmrc(twice, [{ key: OURS[0]!.key, isOurs: isOurs('https://h/npm/r/') }, { key: OURS[1]!.key, isOurs: isOurs('TOKEN2') }])).toBe(USER);
    // the user changed the token line by hand: it stays
    const edited = twice.replace('TOKEN2', 'THEIRS');
    expect(removeFromNpmrc(edited, [{ key: OURS[1]!.key, isOurs: isOurs('TOKEN2') }])).toBeUndefined();
  });

  it('starts a missing file, and ends a file without a final new line before appending', () => {
    expect(upsertNpmrc(undefined, OURS).text).toBe('@acme:registry=https://h/npm/r/\n//h/npm/r/:_authToken=TOKEN1\n');
    expect(upsertNpmrc('fund=false', OURS.slice(0, 1)).text).toBe('fund=false\n@acme:registry=https://h/npm/r/\n');
  });
});
