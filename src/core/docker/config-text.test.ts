import { describe, expect, it } from 'vitest';
import { parseDockerConfig, removeAuth, setAuth, setCredHelper, removeCredHelper } from './config-model.ts';
import { editSectionEntry, rewriteDockerConfigText } from './config-text.ts';

const H = '123456789012.dkr.ecr.us-east-2.amazonaws.com';
const rewrite = (text: string, change: (c: ReturnType<typeof parseDockerConfig>) => ReturnType<typeof parseDockerConfig>) => {
  const before = parseDockerConfig(text, 'config.json');
  return rewriteDockerConfigText(text, before, change(structuredClone(before)));
};

describe('rewriteDockerConfigText', () => {
  it('keeps foreign number text (big integers, 1.0, exponents) byte for byte', () => {
    const text = '{\n\t"big": 12345678901234567890,\n\t"ratio": 1.0,\n\t"e": 1E+2,\n\t"auths": {}\n}';
    const out = rewrite(text, (c) => setAuth(c, H, 'AWS', 'pw'));
    expect(out).toContain('"big": 12345678901234567890');
    expect(out).toContain('"ratio": 1.0');
    expect(out).toContain('"e": 1E+2');
    expect(JSON.parse(out).auths[H].auth).toBe(Buffer.from('AWS:pw').toString('base64'));
    // and removing it again gives the original bytes back
    expect(rewrite(out, (c) => removeAuth(c, H))).toBe(text);
  });

  it('reads a repeated "auths" key as Go does (merged) and keeps both objects on rewrite', () => {
    const text = '{"auths": {"a.example": {"auth": "YTpi"}}, "x": 1, "auths": {"b.example": {"auth": "Yzpk"}}}';
    const config = parseDockerConfig(text, 'config.json');
    expect(Object.keys(config.auths!)).toEqual(['a.example', 'b.example']);
    const out = rewrite(text, (c) => setAuth(c, H, 'AWS', 'pw'));
    const merged = parseDockerConfig(out, 'config.json');
    expect(Object.keys(merged.auths!).sort()).toEqual(['a.example', 'b.example', H].sort());
    expect(out.startsWith('{"auths": {"a.example": {"auth": "YTpi"}}, "x": 1, "auths": {"b.example": {"auth": "Yzpk"}')).toBe(true);
  });

  it('a host repeated across the objects: the later wins, and an edit leaves one entry', () => {
    const text = '{"auths": {"h": {"auth": "old"}}, "auths": {"h": {"auth": "new", "email": "x"}}}';
    expect(parseDockerConfig(text, 'c').auths!.h).toEqual({ auth: 'new', email: 'x' });
    const out = editSectionEntry(text, 'auths', 'h', { auth: 'ours' });
    expect(out).toBe('{"auths": {}, "auths": {"h": {"auth":"ours"}}}');
  });

  it('adds a section that is missing and removes only our entry', () => {
    const text = '{\n\t"credsStore": "desktop",\n\t"currentContext": "x"\n}';
    const out = rewrite(text, (c) => setCredHelper(c, H, 'ecr-auth'));
    expect(out).toBe(`{\n\t"credsStore": "desktop",\n\t"currentContext": "x",\n\t"credHelpers": {\n\t\t"${H}": "ecr-auth"\n\t}\n}`);
    expect(rewrite(out, (c) => removeCredHelper(c, H))).toBe(`{\n\t"credsStore": "desktop",\n\t"currentContext": "x",\n\t"credHelpers": {}\n}`);
  });

  it('replaces an entry in place, keeping its neighbours and their order', () => {
    const text = `{"auths":{"a":{"auth":"x"},"${H}":{"auth":"old"},"z":{"auth":"y"}}}`;
    const out = rewrite(text, (c) => setAuth(c, H, 'AWS', 'pw'));
    expect(out.indexOf('"a"')).toBeLessThan(out.indexOf(H));
    expect(out.indexOf(H)).toBeLessThan(out.indexOf('"z"'));
    expect(out).toContain('"z":{"auth":"y"}');
  });

  it('keeps a "__proto__" host as an entry, never a prototype', () => {
    const text = '{"auths": {"__proto__": {"auth": "x"}}, "auths": {"b": {}}}';
    const config = parseDockerConfig(text, 'c');
    expect(Object.hasOwn(config.auths!, '__proto__')).toBe(true);
  });
});
