import { describe, expect, it } from 'vitest';
import { authorizeUrl, oidcBaseUrl } from './login-pkce.ts';
import { codeChallenge, createCodeVerifier, createPkcePair, createState, isCodeVerifier } from './pkce.ts';

describe('PKCE', () => {
  it('computes the S256 challenge of RFC 7636 appendix B', () => {
    expect(codeChallenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
  });

  it.each([43, 64, 128])('makes %i-character verifiers of unreserved characters', (length) => {
    const verifier = createCodeVerifier(length);
    expect(verifier).toHaveLength(length);
    expect(isCodeVerifier(verifier)).toBe(true);
  });

  it.each([42, 129, 50.5])('refuses a verifier length of %s', (length) => {
    expect(() => createCodeVerifier(length)).toThrow(RangeError);
  });

  it('never repeats a verifier or a state, and the pair is consistent', () => {
    const verifiers = new Set(Array.from({ length: 200 }, () => createCodeVerifier()));
    const states = new Set(Array.from({ length: 200 }, () => createState()));
    expect(verifiers.size).toBe(200);
    expect(states.size).toBe(200);
    const pair = createPkcePair();
    expect(pair.challenge).toBe(codeChallenge(pair.verifier));
    expect(pair.challenge).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('uses every unreserved character class over many verifiers', () => {
    const all = Array.from({ length: 50 }, () => createCodeVerifier(128)).join('');
    for (const ch of ['-', '.', '_', '~']) expect(all).toContain(ch);
    expect(all).toMatch(/[A-Z]/);
    expect(all).toMatch(/[a-z]/);
    expect(all).toMatch(/[0-9]/);
  });
});

describe('the /authorize URL', () => {
  it.each([
    [{}, 'us-east-1', 'https://oidc.us-east-1.amazonaws.com'],
    [{}, 'cn-north-1', 'https://oidc.cn-north-1.amazonaws.com.cn'],
    [{ AWS_ENDPOINT_URL: 'http://127.0.0.1:9' }, 'us-east-1', 'http://127.0.0.1:9'],
    [{ AWS_ENDPOINT_URL: 'http://a', AWS_ENDPOINT_URL_SSO_OIDC: 'http://b' }, 'us-east-1', 'http://b'],
  ])('the OIDC endpoint for %j in %s is %s', (env, region, expected) => {
    expect(oidcBaseUrl(env, region)).toBe(expected);
  });

  it('carries every parameter the service expects, and keeps a path prefix of the endpoint', () => {
    const url = new URL(
      authorizeUrl({
        baseUrl: 'http://127.0.0.1:4566/oidc',
        clientId: 'cid',
        redirectUri: 'http://127.0.0.1:5000/oauth/callback',
        state: 'st',
        challenge: 'ch',
        scopes: ['sso:account:access', 'codewhisperer:completions'],
      }),
    );
    expect(url.origin + url.pathname).toBe('http://127.0.0.1:4566/oidc/authorize');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: 'code',
      client_id: 'cid',
      redirect_uri: 'http://127.0.0.1:5000/oauth/callback',
      state: 'st',
      code_challenge_method: 'S256',
      scopes: 'sso:account:access codewhisperer:completions',
      code_challenge: 'ch',
    });
  });
});
