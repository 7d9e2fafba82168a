// Deno: the pure SSO pieces of the core (PKCE, cache file names and format, token state) and the loopback
// callback server run unchanged under `deno test`.
import { browserCommands } from '../../src/core/sso/browser.ts';
import { startCallbackServer } from '../../src/core/sso/callback-server.ts';
import { authorizeUrl } from '../../src/core/sso/login-pkce.ts';
import { codeChallenge, createCodeVerifier, createPkcePair, isCodeVerifier } from '../../src/core/sso/pkce.ts';
import { DEVICE_GRANT_TYPES, PKCE_GRANT_TYPES, reusableRegistration } from '../../src/core/sso/registration.ts';
import {
  formatExpiry,
  parseExpiry,
  parseSsoTokenFile,
  readSsoTokenFile,
  serializeSsoToken,
  sha1Hex,
  ssoTokenPath,
  writeSsoTokenFile,
} from '../../src/core/sso/token-file.ts';
import { canRefresh, isLastResort } from '../../src/core/sso/token-state.ts';

function assertEquals(actual: unknown, expected: unknown): void {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  if (a !== e) throw new Error(`expected ${e}, got ${a}`);
}

const silent = { info() {}, warn() {}, verbose() {} };

Deno.test('PKCE: RFC 7636 vector, verifier shape', () => {
  assertEquals(codeChallenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk'), 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
  const verifier = createCodeVerifier(128);
  assertEquals([verifier.length, isCodeVerifier(verifier)], [128, true]);
  const pair = createPkcePair();
  assertEquals(pair.challenge, codeChallenge(pair.verifier));
  const url = new URL(authorizeUrl({ baseUrl: 'http://127.0.0.1:1', clientId: 'c', redirectUri: 'r', state: 's', challenge: 'x', scopes: ['sso:account:access'] }));
  assertEquals(url.searchParams.get('scopes'), 'sso:account:access');
});

Deno.test('SSO cache file names and format are the AWS CLI ones', () => {
  assertEquals(sha1Hex('my-sso'), '0ad374308c5a4e22f723adf10145eafad7c4031c');
  assertEquals(
    ssoTokenPath({ HOME: '/h' }, { sessionName: 'my-sso', startUrl: 'x' }),
    '/h/.aws/sso/cache/0ad374308c5a4e22f723adf10145eafad7c4031c.json',
  );
  const at = Date.UTC(2026, 10, 22, 10, 5, 38);
  assertEquals(formatExpiry(at + 123), '2026-11-22T10:05:38Z');
  assertEquals([parseExpiry('2026-11-22T10:05:38UTC'), parseExpiry('2026-11-22T10:05:38.000Z')], [at, at]);
  const token = { startUrl: 's', region: 'r', accessToken: 'a', expiresAt: at, clientId: 'c', clientSecret: 'cs', registrationExpiresAt: at, refreshToken: 'rt' };
  const text = serializeSsoToken(token);
  assertEquals(serializeSsoToken(parseSsoTokenFile(text)!), text);
  assertEquals(Object.keys(JSON.parse(text)), Object.keys(token));
});

Deno.test('token state: refresh and last-resort rules', () => {
  const now = Date.UTC(2026, 0, 1);
  const token = { accessToken: 'a', expiresAt: now + 90_000, refreshToken: 'r', clientId: 'c', clientSecret: 's', registrationExpiresAt: now + 86_400_000, grantTypes: PKCE_GRANT_TYPES };
  assertEquals([canRefresh(token, now), isLastResort(token, now), isLastResort(token, now + 30_001)], [true, true, false]);
  assertEquals([reusableRegistration(token, PKCE_GRANT_TYPES, now)?.clientId, reusableRegistration(token, DEVICE_GRANT_TYPES, now)], ['c', undefined]);
  assertEquals(browserCommands('u', { BROWSER: 'a %s:b' }, 'linux'), [['a', 'u'], ['b', 'u']]);
});

Deno.test('token file write/read in a temporary HOME', async () => {
  const home = await Deno.makeTempDir();
  try {
    const path = ssoTokenPath({ HOME: home }, { startUrl: 'https://d-1.awsapps.com/start' });
    await writeSsoTokenFile(path, { accessToken: 'a', expiresAt: Date.UTC(2030, 0, 1) });
    assertEquals(await readSsoTokenFile(path), { accessToken: 'a', expiresAt: Date.UTC(2030, 0, 1) });
    assertEquals((await Deno.stat(path)).mode! & 0o777, 0o600);
  } finally {
    await Deno.remove(home, { recursive: true });
  }
});

Deno.test('loopback callback server: state checked, code delivered', async () => {
  const server = await startCallbackServer('st', silent);
  try {
    const bad = await fetch(`${server.redirectUri}?state=other&code=x`);
    await bad.body?.cancel();
    const good = await fetch(`${server.redirectUri}?state=st&code=abc`);
    await good.body?.cancel();
    assertEquals([bad.status, good.status, await server.code], [400, 200, 'abc']);
  } finally {
    server.close();
  }
});
