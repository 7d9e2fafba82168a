// RFC 6238 TOTP (HMAC-SHA1, 30-second steps, 6 digits), as virtual MFA devices compute their codes. Pure.
import { createHmac } from 'node:crypto';

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** The bytes of a base32 secret (RFC 4648, padding and case ignored). */
export function base32Bytes(secret: string): Buffer {
  const bits: number[] = [];
  for (const char of secret.replace(/=+$/, '').toUpperCase()) {
    const value = BASE32.indexOf(char);
    if (value < 0) throw new Error(`not base32: ${char}`);
    for (let i = 4; i >= 0; i--) bits.push((value >> i) & 1);
  }
  const bytes: number[] = [];
  for (let i = 0; i + 8 <= bits.length; i += 8) bytes.push(bits.slice(i, i + 8).reduce((a, b) => (a << 1) | b, 0));
  return Buffer.from(bytes);
}

/** The 30-second step a time falls in. */
export function totpStep(atMs: number): number {
  return Math.floor(atMs / 30_000);
}

/** The code of `secret` for `step`. */
export function totpAt(secret: string, step: number): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const hmac = createHmac('sha1', base32Bytes(secret)).update(counter).digest();
  const offset = hmac[hmac.length - 1]! & 0xf;
  const value = (hmac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000;
  return String(value).padStart(6, '0');
}

/** The code of `secret` at `atMs`. */
export function totp(secret: string, atMs: number): string {
  return totpAt(secret, totpStep(atMs));
}
