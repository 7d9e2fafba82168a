// Generators of realistic-looking identifiers and secrets (access keys, tokens, user codes, ECR passwords).
import { createHash, randomBytes, randomInt } from 'node:crypto';

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const USER_CODE_CHARS = 'BCDFGHJKLMNPQRSTVWXZ';
const BASE64_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function pick(alphabet: string, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[randomInt(alphabet.length)];
  return out;
}

/** A base64url string of `bytes` random bytes. */
export function randomToken(bytes: number): string {
  return randomBytes(bytes).toString('base64url');
}

/** A temporary access key id (ASIA + 16 base32 chars), as STS and the SSO portal issue. */
export function temporaryAccessKeyId(): string {
  return `ASIA${pick(BASE32, 16)}`;
}

/** A 40-character secret access key. */
export function secretAccessKey(): string {
  return pick(BASE64_CHARS, 40);
}

/** A session token shaped like a real one (a long base64 blob). */
export function sessionToken(): string {
  return `IQoJb3JpZ2luX2VjE${randomBytes(330).toString('base64')}`;
}

/** A device-flow user code: XXXX-XXXX without vowels or ambiguous characters. */
export function userCode(): string {
  return `${pick(USER_CODE_CHARS, 4)}-${pick(USER_CODE_CHARS, 4)}`;
}

/** A stable id of 16 upper-case characters derived from `seed` (role ids, SSO role suffixes). */
export function stableId(seed: string, length = 16): string {
  const digest = createHash('sha256').update(seed).digest();
  let out = '';
  for (let i = 0; i < length; i++) out += BASE32[digest[i]! % 32];
  return out;
}

/** A default ECR password: base64 of the JSON envelope real ECR issues, ~1.5 KB, random from byte 16 on. */
export function ecrPassword(expiresAtSeconds: number): string {
  const envelope = {
    payload: randomBytes(720).toString('base64'),
    datakey: randomBytes(130).toString('base64'),
    version: '2',
    type: 'DATA_KEY',
    expiration: Math.floor(expiresAtSeconds),
  };
  return Buffer.from(JSON.stringify(envelope)).toString('base64');
}

/** A JWT-shaped string (base64url header.payload.signature) with a random, unverifiable signature. */
export function jwtLike(claims: Record<string, unknown>): string {
  const header = { alg: 'RS256', typ: 'JWT', kid: 'emulator' };
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${encode(header)}.${encode(claims)}.${randomToken(256)}`;
}

/** The claims of a JWT-shaped string, or undefined when it is not one. */
export function jwtClaims(token: string): Record<string, unknown> | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  try {
    const claims: unknown = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8'));
    return typeof claims === 'object' && claims !== null ? (claims as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
