import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempHome } from '../../../test/sso/fixture.ts';
import {
  formatExpiry,
  parseExpiry,
  parseSsoTokenFile,
  readSsoTokenFile,
  serializeSsoToken,
  sha1Hex,
  ssoCacheKey,
  ssoLockPath,
  ssoTokenPath,
  writeSsoTokenFile,
  type SsoToken,
} from './token-file.ts';

describe('cache file names', () => {
  it('are the sha1 of the sso-session name, as the AWS CLI names them', () => {
    expect(sha1Hex('my-sso')).toBe('0ad374308c5a4e22f723adf10145eafad7c4031c');
    expect(ssoCacheKey({ sessionName: 'my-sso', startUrl: 'https://x.awsapps.com/start' })).toBe('0ad374308c5a4e22f723adf10145eafad7c4031c');
  });

  it('are the sha1 of the start URL, exactly as written, when there is no session name', () => {
    const startUrl = 'https://d-123.awsapps.com/start';
    expect(ssoCacheKey({ startUrl })).toBe(sha1Hex(startUrl));
    expect(ssoCacheKey({ startUrl: `${startUrl}/` })).not.toBe(sha1Hex(startUrl));
  });

  it('live in ~/.aws/sso/cache; the lock lives in our cache dir', () => {
    const env = { HOME: '/home/u', ECR_AUTH_CACHE_DIR: '/c' };
    expect(ssoTokenPath(env, { sessionName: 'my-sso', startUrl: 'u' })).toBe(
      '/home/u/.aws/sso/cache/0ad374308c5a4e22f723adf10145eafad7c4031c.json',
    );
    expect(ssoLockPath(env, { sessionName: 'my-sso', startUrl: 'u' })).toBe('/c/locks/sso-0ad374308c5a4e22f723adf10145eafad7c4031c.lock');
  });
});

describe('expiry times', () => {
  const at = Date.UTC(2026, 10, 22, 10, 5, 38);
  it('are written as the CLI writes them, to the second', () => {
    expect(formatExpiry(at)).toBe('2026-11-22T10:05:38Z');
    expect(formatExpiry(at + 999)).toBe('2026-11-22T10:05:38Z');
  });

  it.each([
    ['2026-11-22T10:05:38Z', at],
    ['2026-11-22T10:05:38.000Z', at],
    ['2026-11-22T10:05:38.5Z', at + 500],
    ['2026-11-22T10:05:38UTC', at],
    ['2026-11-22T10:05:38+00:00', at],
    ['2026-11-22T12:05:38+02:00', at],
    ['2026-11-22T10:05:38', at],
    ['2026-11-22 10:05:38', at],
    ['not a date', undefined],
    ['', undefined],
    [1_700_000_000, undefined],
    [undefined, undefined],
  ])('%j reads as %j', (text, expected) => {
    expect(parseExpiry(text)).toBe(expected);
  });
});

describe('token file contents', () => {
  const token: SsoToken = {
    startUrl: 'https://d-1.awsapps.com/start',
    region: 'eu-west-1',
    accessToken: 'aoa-access',
    expiresAt: Date.UTC(2026, 0, 2, 3, 4, 5),
    clientId: 'client',
    clientSecret: 'secret',
    registrationExpiresAt: Date.UTC(2026, 3, 2, 3, 4, 5),
    refreshToken: 'aor-refresh',
  };

  it('round-trips with the AWS CLI field names, order and time format', () => {
    const text = serializeSsoToken(token);
    expect(Object.keys(JSON.parse(text))).toEqual([
      'startUrl', 'region', 'accessToken', 'expiresAt', 'clientId', 'clientSecret', 'registrationExpiresAt', 'refreshToken',
    ]);
    expect(JSON.parse(text).expiresAt).toBe('2026-01-02T03:04:05Z');
    expect(JSON.parse(text).registrationExpiresAt).toBe('2026-04-02T03:04:05Z');
    expect(parseSsoTokenFile(text)).toEqual(token);
  });

  it('reads a file the AWS CLI v2 wrote (Python json.dumps, Z times)', () => {
    const cli =
      '{"startUrl": "https://d-1.awsapps.com/start", "region": "eu-west-1", "accessToken": "aoa-access", ' +
      '"expiresAt": "2026-01-02T03:04:05Z", "clientId": "client", "clientSecret": "secret", ' +
      '"registrationExpiresAt": "2026-04-02T03:04:05Z", "refreshToken": "aor-refresh"}';
    expect(parseSsoTokenFile(cli)).toEqual(token);
  });

  it('reads a file the AWS SDK for JavaScript rewrote (indented, milliseconds)', () => {
    const sdk = JSON.stringify({ ...JSON.parse(serializeSsoToken(token)), expiresAt: '2026-01-02T03:04:05.000Z' }, null, 2);
    expect(parseSsoTokenFile(sdk)).toEqual(token);
  });

  it('reads an early CLI v2 legacy file: "UTC" suffix, no registration', () => {
    const legacy = '{"startUrl": "https://d-1.awsapps.com/start", "region": "eu-west-1", "accessToken": "aoa", "expiresAt": "2026-01-02T03:04:05UTC"}';
    expect(parseSsoTokenFile(legacy)).toEqual({
      startUrl: 'https://d-1.awsapps.com/start',
      region: 'eu-west-1',
      accessToken: 'aoa',
      expiresAt: token.expiresAt,
    });
  });

  it.each(['', 'null', '[]', '{', '{"accessToken":"a"}', '{"expiresAt":"2026-01-02T03:04:05Z"}', '{"accessToken":"","expiresAt":"2026-01-02T03:04:05Z"}'])(
    'treats %j as no token',
    (text) => {
      expect(parseSsoTokenFile(text)).toBeUndefined();
    },
  );
});

describe('token files on disk', () => {
  let home: { home: string; cleanup(): Promise<void> };
  beforeEach(async () => {
    home = await tempHome();
  });
  afterEach(() => home.cleanup());

  it('are written 0600 in a 0700 directory and read back', async () => {
    const path = ssoTokenPath({ HOME: home.home }, { sessionName: 'my-sso', startUrl: 'u' });
    const token: SsoToken = { accessToken: 'a', expiresAt: Date.UTC(2030, 0, 1), refreshToken: 'r', grantTypes: ['refresh_token'] };
    await writeSsoTokenFile(path, token);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect((await stat(join(home.home, '.aws', 'sso', 'cache'))).mode & 0o777).toBe(0o700);
    expect(await readSsoTokenFile(path)).toEqual(token);
    expect(await readFile(path, 'utf8')).toContain('"expiresAt":"2030-01-01T00:00:00Z"');
  });

  it('read as undefined when missing or corrupt', async () => {
    const path = join(home.home, '.aws', 'sso', 'cache', 'x.json');
    expect(await readSsoTokenFile(path)).toBeUndefined();
    await mkdir(join(home.home, '.aws', 'sso', 'cache'), { recursive: true });
    await writeFile(path, '{"accessToken": "a", "expiresAt": ');
    expect(await readSsoTokenFile(path)).toBeUndefined();
  });
});
