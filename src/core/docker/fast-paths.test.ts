// The shortcuts the cached login takes over a Docker config with many foreign entries must agree with the long way:
// goSections skips its scan only when no section key can repeat; sameHostEntries equals comparing the printed files;
// nestingDepth counts brackets outside strings only.
import { describe, expect, it } from 'vitest';
import { type DockerConfig, encodeAuth, nestingDepth, parseDockerConfig, removeCredHelper, serializeDockerConfig, setAuth, setCredHelper } from './config-model.ts';
import { goSections } from './config-text.ts';
import { sameHostEntries } from './login.ts';

const HOST = '123456789012.dkr.ecr.us-east-1.amazonaws.com';

describe('goSections', () => {
  it.each([
    ['a repeated "auths"', '{"auths":{"a":{"auth":"eA=="}},"auths":{"b":{"auth":"eQ=="}}}', ['a', 'b']],
    ['a repeated "auths" spelled with a \\u escape', '{"auths":{"a":{"auth":"eA=="}},"\\u0061uths":{"b":{"auth":"eQ=="}}}', ['a', 'b']],
    ['one "auths" and a host named "auths"', '{"auths":{"a":{},"auths":{}}}', ['a', 'auths']],
    ['one "auths"', '{"auths":{"a":{},"b":{}},"credHelpers":{"c":"x"}}', ['a', 'b']],
  ])('%s: the hosts Docker sees', (_, text, hosts) => {
    expect(Object.keys(goSections(text, JSON.parse(text)).auths as object)).toEqual(hosts);
  });
});

describe('sameHostEntries agrees with comparing the serialized configs', () => {
  const other = { auths: { 'registry.example.com': { auth: 'eDp5' } } };
  const auth = { auth: encodeAuth('AWS', 'token') };
  const cases: Array<[string, DockerConfig, (c: DockerConfig) => DockerConfig]> = [
    ['the same entry written again', { auths: { ...other.auths, [HOST]: auth } }, (c) => setAuth(c, HOST, 'AWS', 'token')],
    ['a new token', { auths: { [HOST]: auth } }, (c) => setAuth(c, HOST, 'AWS', 'other')],
    ['a host not yet there', other, (c) => setAuth(c, HOST, 'AWS', 'token')],
    ['no auths at all', {}, (c) => setAuth(c, HOST, 'AWS', 'token')],
    ['an entry with one more field', { auths: { [HOST]: { ...auth, email: 'x' } } }, (c) => setAuth(c, HOST, 'AWS', 'token')],
    ['a credHelpers entry removed', { auths: { [HOST]: auth }, credHelpers: { [HOST]: 'ecr-auth' } }, (c) => removeCredHelper(c, HOST)],
    ['a credHelpers entry added', { auths: {} }, (c) => setCredHelper(c, HOST, 'ecr-auth')],
    ['a credHelpers entry already there', { credHelpers: { a: 'b', [HOST]: 'ecr-auth' } }, (c) => setCredHelper(c, HOST, 'ecr-auth')],
  ];
  it.each(cases)('%s', (_, config, change) => {
    const parsed = parseDockerConfig(serializeDockerConfig(config), '/config.json');
    const changed = change(parsed);
    expect(sameHostEntries(changed, parsed, HOST)).toBe(serializeDockerConfig(changed) === serializeDockerConfig(parsed));
  });
});

describe('nestingDepth', () => {
  it.each([
    ['{}', 1],
    ['{"a":[1,{"b":[]}]}', 4],
    ['{"a":"[[[{{{"}', 1],
    ['{"a":"\\"[[[","b":[{}]}', 3],
    ['{"a\\\\":[["\\\\"]]}', 3],
    [`${'['.repeat(300)}${']'.repeat(300)}`, 300],
  ])('%s -> %i', (text, depth) => {
    expect(nestingDepth(text)).toBe(depth);
  });

  it('reads a string of megabytes without trouble', () => {
    expect(nestingDepth(`{"auth":"${'x\\"'.repeat(2_000_000)}"}`)).toBe(1);
  });
});
