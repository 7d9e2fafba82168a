// The pieces of an OAuth authorization-code login with PKCE (RFC 7636) that hold no I/O: a random code verifier,
// its S256 challenge, and the `state` value that ties the browser's callback to this login attempt.
import { Buffer } from 'node:buffer';
import { createHash, randomBytes } from 'node:crypto';

const UNRESERVED = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~';
const VERIFIER = /^[A-Za-z0-9\-._~]{43,128}$/;

/** A fresh code verifier: `length` (43-128) characters of [A-Za-z0-9-._~], drawn from the crypto RNG. */
export function createCodeVerifier(length = 64): string {
  if (!Number.isInteger(length) || length < 43 || length > 128) {
    throw new RangeError('a PKCE code verifier has 43 to 128 characters');
  }
  let out = '';
  // 66 symbols: reject bytes >= 198 (3 * 66) so every symbol is equally likely.
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < 198 && out.length < length) out += UNRESERVED[byte % 66];
    }
  }
  return out;
}

/** True when the text is a valid PKCE code verifier. */
export function isCodeVerifier(text: string): boolean {
  return VERIFIER.test(text);
}

/** base64url without padding, as OAuth uses it. */
export function base64Url(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The S256 code challenge of a verifier: base64url(sha256(verifier)). */
export function codeChallenge(verifier: string): string {
  return base64Url(createHash('sha256').update(verifier, 'ascii').digest());
}

/** An unguessable `state` value (32 random bytes, base64url). */
export function createState(): string {
  return base64Url(randomBytes(32));
}

/** Everything one PKCE login needs, created together. */
export function createPkcePair(): { verifier: string; challenge: string; state: string } {
  const verifier = createCodeVerifier();
  return { verifier, challenge: codeChallenge(verifier), state: createState() };
}
