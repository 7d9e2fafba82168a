import { Buffer } from 'node:buffer';
import { describe, expect, it } from 'vitest';
import { isEcrAuthError } from '../errors.ts';
import {
  type DockerConfig,
  dockerStoreFor,
  encodeAuth,
  parseDockerConfig,
  removeAuth,
  removeCredHelper,
  serializeDockerConfig,
  setAuth,
  setCredHelper,
  setStoreMarker,
} from './config-model.ts';

const H = '123456789012.dkr.ecr.us-east-1.amazonaws.com';
/** A config with every kind of key Docker and its plugins write, plus keys nobody knows. */
const rich = (): DockerConfig => ({
  auths: {
    'https://index.docker.io/v1/': { auth: 'dXNlcjpwYXNz', email: 'me@example.com' },
    'ghcr.io': { auth: 'Z2g6dG9rZW4=', identitytoken: 'idt' },
    'quay.io': {},
  },
  credsStore: 'desktop',
  credHelpers: { 'gcr.io': 'gcloud', '999999999999.dkr.ecr.eu-west-1.amazonaws.com': 'ecr-login' },
  proxies: { default: { httpProxy: 'http://proxy:3128', noProxy: '*.local' } },
  plugins: { 'buildx': { 'hooks': 'build' } },
  currentContext: 'colima',
  HttpHeaders: { 'User-Agent': 'x' },
  detachKeys: 'ctrl-e,e',
  'x-unknown-tool': { nested: [1, 2, { deep: true }], n: 1.5 },
});

/** Everything except the keys an edit is allowed to touch. */
function withoutTouched(config: DockerConfig, host: string) {
  const copy = structuredClone(config);
  delete copy.auths?.[host];
  delete copy.credHelpers?.[host];
  return copy;
}

describe('pure edits keep every other key and entry exactly', () => {
  it.each<[string, (c: DockerConfig) => DockerConfig]>([
    ['setAuth', (c) => setAuth(c, H, 'AWS', 'pw')],
    ['setStoreMarker', (c) => setStoreMarker(c, H)],
    ['removeAuth (absent)', (c) => removeAuth(c, H)],
    ['removeAuth (present)', (c) => removeAuth(setAuth(c, H, 'AWS', 'pw'), H)],
    ['setCredHelper', (c) => setCredHelper(c, H, 'ecr-auth')],
    ['removeCredHelper (present)', (c) => removeCredHelper(setCredHelper(c, H, 'ecr-auth'), H)],
    ['removeCredHelper (absent)', (c) => removeCredHelper(c, H)],
  ])('%s on a config with credsStore, credHelpers, proxies, plugins, currentContext and unknown keys', (_name, edit) => {
    const original = rich();
    const snapshot = serializeDockerConfig(original);
    const edited = edit(original);
    expect(serializeDockerConfig(original)).toBe(snapshot); // input not mutated
    expect(withoutTouched(edited, H)).toEqual(withoutTouched(original, H));
    expect(Object.keys(edited)).toEqual(Object.keys(original)); // key order kept
    expect(Object.keys(edited.auths ?? {}).filter((k) => k !== H)).toEqual(Object.keys(original.auths ?? {}));
  });

  it.each<[string, DockerConfig, (c: DockerConfig) => DockerConfig, DockerConfig]>([
    ['setAuth on {}', {}, (c) => setAuth(c, H, 'AWS', 'pw'), { auths: { [H]: { auth: encodeAuth('AWS', 'pw') } } }],
    ['setAuth replaces the whole entry, like docker login', { auths: { [H]: { auth: 'old', identitytoken: 'x' } } }, (c) => setAuth(c, H, 'AWS', 'pw'), { auths: { [H]: { auth: 'QVdTOnB3' } } }],
    ['setAuth keeps the entry position', { auths: { a: {}, [H]: { auth: 'old' }, b: {} } }, (c) => setAuth(c, H, 'AWS', 'pw'), { auths: { a: {}, [H]: { auth: 'QVdTOnB3' }, b: {} } }],
    ['setStoreMarker writes {} (no secret)', { auths: { [H]: { auth: 'old' } } }, (c) => setStoreMarker(c, H), { auths: { [H]: {} } }],
    ['removeAuth leaves an empty auths', { auths: { [H]: {} } }, (c) => removeAuth(c, H), { auths: {} }],
    ['setCredHelper on {}', {}, (c) => setCredHelper(c, H, 'ecr-auth'), { credHelpers: { [H]: 'ecr-auth' } }],
    ['removeCredHelper keeps the others', { credHelpers: { a: 'x', [H]: 'ecr-auth' } }, (c) => removeCredHelper(c, H), { credHelpers: { a: 'x' } }],
  ])('%s', (_name, input, edit, expected) => {
    expect(edit(input)).toEqual(expected);
  });

  it('removals return the same object when there is nothing to remove', () => {
    const config = rich();
    expect(removeAuth(config, H)).toBe(config);
    expect(removeCredHelper(config, H)).toBe(config);
  });

  it('encodes auth as base64(username:password)', () => {
    expect(encodeAuth('AWS', 'secret')).toBe(Buffer.from('AWS:secret').toString('base64'));
  });
});

describe('parseDockerConfig', () => {
  it.each([
    ['an empty file', '', {}],
    ['whitespace only', ' \n\t', {}],
    ['a UTF-8 BOM', '\uFEFF{"auths":{}}', { auths: {} }],
    ['a BOM-only file', '\uFEFF', {}],
    ['a normal config', '{\n\t"auths": {"h": {"auth": "x"}},\n\t"credsStore": "desktop"\n}', { auths: { h: { auth: 'x' } }, credsStore: 'desktop' }],
  ])('accepts %s', (_name, text, expected) => {
    expect(parseDockerConfig(text, '/x/config.json')).toEqual(expected);
  });

  it.each([
    ['garbage', 'not json', /not valid JSON/],
    ['truncated JSON', '{"auths": {"h": {"auth": "c2VjcmV0"}', /not valid JSON/],
    ['an array', '[]', /an array/],
    ['null', 'null', /null/],
    ['a string', '"x"', /a string/],
    ['a number', '42', /a number/],
    ['auths as an array', '{"auths": []}', /"auths"/],
    ['credHelpers as a string', '{"credHelpers": "x"}', /"credHelpers"/],
    ['credsStore as a number', '{"credsStore": 1}', /"credsStore"/],
  ])('rejects %s with E_DOCKER_CONFIG naming the file', (_name, text, pattern) => {
    const error = (() => {
      try {
        parseDockerConfig(text, '/x/config.json');
      } catch (e) {
        return e;
      }
    })() as Error & { hint: string };
    expect(isEcrAuthError(error, 'E_DOCKER_CONFIG')).toBe(true);
    expect(error.message).toMatch(pattern);
    expect(error.message).toContain('/x/config.json');
    expect(error.message).not.toContain('c2VjcmV0');
    expect(error.hint).toContain('/x/config.json');
  });
});

describe('dockerStoreFor', () => {
  it.each<[DockerConfig, string, unknown]>([
    [{}, H, { kind: 'auths' }],
    [{ credsStore: 'desktop' }, H, { kind: 'store', name: 'desktop' }],
    [{ credsStore: 'desktop', credHelpers: { [H]: 'ecr-auth' } }, H, { kind: 'helper', name: 'ecr-auth' }],
    [{ credHelpers: { other: 'x' } }, H, { kind: 'auths' }],
  ])('%j -> %j', (config, host, expected) => expect(dockerStoreFor(config, host)).toEqual(expected));
});
