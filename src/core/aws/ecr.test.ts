import { Buffer } from 'node:buffer';
import { describe, expect, it } from 'vitest';
import { decodeAuthorizationToken } from './ecr.ts';

describe('decodeAuthorizationToken', () => {
  it('splits user and password at the first colon and keeps colons in the password', () => {
    const token = Buffer.from('AWS:pa:ss').toString('base64');
    expect(decodeAuthorizationToken(token, new Date(1_000_000))).toEqual({ username: 'AWS', password: 'pa:ss', expiresAt: 1_000_000 });
  });
  it('rejects a token without a user part', () => {
    expect(() => decodeAuthorizationToken(Buffer.from('nocolon').toString('base64'), 1)).toThrow(/user:password/);
  });
});
