// The node:crypto of the bundled bins: SHA-256 with node:crypto's exact digests; everything else refused.
import * as crypto from 'node:crypto';
import { expect, it } from 'vitest';
import * as light from './sha256-only-crypto.ts';

it('gives node:crypto\'s SHA-256 digests, for text and bytes, in one update or several, at every block boundary', () => {
  const inputs = ['', 'abc', 'ecr|ps|https://example.awsapps.com/start|name:dev|AdministratorAccess|us-east-2', 'é✓\u0000名前', 'x'.repeat(10_000)];
  for (let n = 50; n <= 130; n++) inputs.push('a'.repeat(n));
  for (const text of inputs) {
    const want = crypto.createHash('sha256').update(text).digest('hex');
    expect(light.createHash('sha256').update(text).digest('hex'), `${text.length} chars`).toBe(want);
    expect(light.createHash('sha256').update(Buffer.from(text)).digest().equals(Buffer.from(want, 'hex'))).toBe(true);
    const half = Math.floor(text.length / 2);
    expect(light.createHash('sha256').update(text.slice(0, half)).update(text.slice(half), 'utf8').digest('base64'))
      .toBe(crypto.createHash('sha256').update(text).digest('base64'));
  }
  const bytes = crypto.randomBytes(4096);
  expect(light.sha256(bytes.subarray(7, 3000)).toString('hex')).toBe(crypto.createHash('sha256').update(bytes.subarray(7, 3000)).digest('hex'));
});

it('hashes inputs over JS_SHA256_MAX_BYTES with node:crypto itself, with the same digest', () => {
  for (const size of [light.JS_SHA256_MAX_BYTES, light.JS_SHA256_MAX_BYTES + 1, 150_000]) {
    const text = 'k'.repeat(size);
    expect(light.createHash('sha256').update(text).digest('hex')).toBe(crypto.createHash('sha256').update(text).digest('hex'));
  }
});

it('refuses another algorithm, a second digest and random bytes (only writes ask for those)', () => {
  expect(() => light.createHash('sha1')).toThrow(/sha256 only/);
  const hash = light.createHash('sha256').update('x');
  hash.digest('hex');
  expect(() => hash.digest('hex')).toThrow(/already/);
  expect(() => light.randomBytes(6)).toThrow(/changes no file/);
});
