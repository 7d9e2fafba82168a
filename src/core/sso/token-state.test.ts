import { describe, expect, it } from 'vitest';
import { chooseFlow, tokenFromGrant } from './login.ts';
import { DEVICE_GRANT_TYPES, PKCE_GRANT_TYPES, reusableRegistration } from './registration.ts';
import type { SsoToken } from './token-file.ts';
import { belongsTo, canRefresh, isLastResort } from './token-state.ts';

const now = Date.UTC(2026, 0, 1);
const min = 60_000;
const full: SsoToken = {
  startUrl: 'https://d-1.awsapps.com/start/',
  accessToken: 'a',
  expiresAt: now + 60 * min,
  clientId: 'c',
  clientSecret: 's',
  registrationExpiresAt: now + 30 * 24 * 60 * min,
  refreshToken: 'r',
  grantTypes: PKCE_GRANT_TYPES,
};

describe('belongsTo', () => {
  it.each([
    ['https://d-1.awsapps.com/start/', true],
    ['https://d-1.awsapps.com/start', true],
    ['HTTPS://D-1.awsapps.com/start//', true],
    ['https://d-2.awsapps.com/start/', false],
  ])('a token of %s belongs to https://d-1.awsapps.com/start: %s', (startUrl, expected) => {
    expect(belongsTo({ ...full, startUrl }, { startUrl: 'https://d-1.awsapps.com/start' })).toBe(expected);
  });

  it('takes a token without a start URL as ours', () => {
    expect(belongsTo({ accessToken: 'a', expiresAt: now }, { startUrl: 'https://x' })).toBe(true);
  });
});

describe('canRefresh', () => {
  it.each<[string, SsoToken | undefined, boolean]>([
    ['complete and unexpired', full, true],
    ['no token', undefined, false],
    ['no refresh token', { ...full, refreshToken: undefined }, false],
    ['no client id', { ...full, clientId: undefined }, false],
    ['no client secret', { ...full, clientSecret: undefined }, false],
    ['no registration expiry', { ...full, registrationExpiresAt: undefined }, false],
    ['registration expired', { ...full, registrationExpiresAt: now }, false],
    ['access token long expired, registration fine', { ...full, expiresAt: now - 1000 * min }, true],
  ])('%s -> %s', (_, token, expected) => {
    expect(canRefresh(token, now)).toBe(expected);
  });
});

describe('isLastResort', () => {
  it.each<[number, boolean]>([
    [61_000, true],
    [60_000, false],
    [0, false],
    [-5_000, false],
  ])('%i ms left -> %s', (left, expected) => {
    expect(isLastResort({ accessToken: 'a', expiresAt: now + left }, now)).toBe(expected);
  });
});

describe('reusableRegistration', () => {
  it.each<[string, SsoToken | undefined, string[], boolean]>([
    ['pkce registration for pkce', full, PKCE_GRANT_TYPES, true],
    ['pkce registration for device', full, DEVICE_GRANT_TYPES, false],
    ['device registration for device', { ...full, grantTypes: DEVICE_GRANT_TYPES }, DEVICE_GRANT_TYPES, true],
    ['registration of unknown grants (written by the CLI)', { ...full, grantTypes: undefined }, PKCE_GRANT_TYPES, false],
    ['registration ending in 10 minutes', { ...full, registrationExpiresAt: now + 10 * min }, PKCE_GRANT_TYPES, false],
    ['no registration', { accessToken: 'a', expiresAt: now }, PKCE_GRANT_TYPES, false],
    ['no token', undefined, PKCE_GRANT_TYPES, false],
  ])('%s -> reused: %s', (_, token, grants, expected) => {
    expect(reusableRegistration(token, grants, now) !== undefined).toBe(expected);
  });
});

describe('chooseFlow', () => {
  it.each<[('pkce' | 'device' | undefined), boolean, string]>([
    [undefined, true, 'pkce'],
    [undefined, false, 'device'],
    ['device', true, 'device'],
    ['pkce', false, 'pkce'],
  ])('provider flow %s, browser %s -> %s', (flow, browser, expected) => {
    expect(chooseFlow({ flow }, browser)).toBe(expected);
  });
});

describe('tokenFromGrant', () => {
  it('caches start URL, region, expiry from expiresIn, the registration and the refresh token', () => {
    const token = tokenFromGrant(
      { kind: 'aws/iam-identity-center', name: 'p', region: 'eu-west-1', startUrl: 'https://s', scopes: [] },
      { clientId: 'c', clientSecret: 's', expiresAt: now + 5 * min, grantTypes: DEVICE_GRANT_TYPES },
      { accessToken: 'a', expiresIn: 3600, refreshToken: 'r' },
      now + 999,
    );
    expect(token).toEqual({
      startUrl: 'https://s',
      region: 'eu-west-1',
      accessToken: 'a',
      expiresAt: now + 3_600_000,
      clientId: 'c',
      clientSecret: 's',
      registrationExpiresAt: now + 5 * min,
      refreshToken: 'r',
      grantTypes: DEVICE_GRANT_TYPES,
    });
  });
});
