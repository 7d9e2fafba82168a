import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { removeFromYarnrc, upsertYarnrc } from './yarnrc.ts';

const USER = '# yarn settings\nnodeLinker: node-modules\nnpmScopes:\n  other:\n    npmRegistryServer: "https://other.example/"\n';

describe('.yarnrc.yml', () => {
  it('sets npmScopes for a scope and npmRegistries for the default registry, keeping foreign keys and comments', () => {
    const out = upsertYarnrc(USER, [
      { scope: 'acme', server: 'https://h/npm/r/', token: 'T1' },
      { server: 'https://h/npm/d/', token: 'T1' },
    ], '/u/.yarnrc.yml');
    expect(out.startsWith('# yarn settings\nnodeLinker: node-modules\n')).toBe(true);
    expect(parse(out)).toEqual({
      nodeLinker: 'node-modules',
      npmScopes: { other: { npmRegistryServer: 'https://other.example/' }, acme: { npmRegistryServer: 'https://h/npm/r/', npmAuthToken: 'T1' } },
      npmRegistryServer: 'https://h/npm/d/',
      npmRegistries: { '//h/npm/d/': { npmAuthToken: 'T1' } },
    });
    const back = removeFromYarnrc(out, [
      { scope: 'acme', server: 'https://h/npm/r/', isOurs: (t) => t === 'T1' },
      { server: 'https://h/npm/d/', isOurs: (t) => t === 'T1' },
    ], '/u/.yarnrc.yml');
    expect(back).toBe(USER);
  });

  it('refuses a file that is not YAML', () => {
    expect(() => upsertYarnrc('a: [\n', [{ server: 'https://h/', token: 't' }], '/u/.yarnrc.yml')).toThrow(/not valid YAML/);
  });
});
