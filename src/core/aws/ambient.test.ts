import { describe, expect, it } from 'vitest';
import { ambientSourceKey, environmentKeys } from './ambient.ts';

describe('environmentKeys', () => {
  it('reads keys, session token and expiry from the injected environment only', () => {
    expect(environmentKeys({ AWS_ACCESS_KEY_ID: 'AKIA1', AWS_SECRET_ACCESS_KEY: 's', AWS_SESSION_TOKEN: 't', AWS_CREDENTIAL_EXPIRATION: '2030-01-01T00:00:00Z' })).toEqual({
      accessKeyId: 'AKIA1',
      secretAccessKey: 's',
      sessionToken: 't',
      expiresAt: Date.parse('2030-01-01T00:00:00Z'),
    });
    expect(environmentKeys({ AWS_ACCESS_KEY_ID: 'AKIA1' })).toBeUndefined();
  });
});

describe('ambientSourceKey', () => {
  it('changes with where ambient credentials come from and never holds the secret key', () => {
    const a = ambientSourceKey({ AWS_PROFILE: 'dev' });
    expect(a).not.toBe(ambientSourceKey({ AWS_PROFILE: 'prod' }));
    expect(ambientSourceKey({ AWS_ACCESS_KEY_ID: 'AKIA1', AWS_SECRET_ACCESS_KEY: 'SECRET' })).not.toContain('SECRET');
  });
});
