// SSO OIDC (restJson1, unsigned): RegisterClient, StartDeviceAuthorization and CreateToken with the device-code,
// authorization-code (PKCE) and refresh-token (rotating) grants.
import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { EmulatorRequest, EmulatorState } from './state.ts';
import type { OidcClient } from './sso-store.ts';
import type { IssuedTokens } from './sso-tokens.ts';
import { json, oidcError, readJson, str, strList } from './wire.ts';
import type { WireResponse } from './wire.ts';

const DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';
const VERIFIER = /^[A-Za-z0-9\-._~]{43,128}$/;
/** Real time of the last poll per device code: pacing is measured on the wall clock, not the emulator clock. */
const lastPoll = new WeakMap<object, number>();

const invalidRequest = (description: string) => oidcError(400, 'InvalidRequestException', 'invalid_request', description);
const invalidGrant = (description: string) => oidcError(400, 'InvalidGrantException', 'invalid_grant', description);

/** True for http://127.0.0.1 / localhost / [::1] URLs (RFC 8252 loopback redirects). */
export function isLoopbackUri(uri: string): boolean {
  try {
    const url = new URL(uri);
    return url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  } catch {
    return false;
  }
}

function authenticateClient(state: EmulatorState, input: Record<string, unknown>): OidcClient | WireResponse {
  const client = state.sso.authenticateClient(state.now(), str(input.clientId) ?? '', str(input.clientSecret) ?? '');
  if (client === 'invalid') return oidcError(401, 'InvalidClientException', 'invalid_client', 'Invalid client credentials');
  if (client === 'expired') return oidcError(401, 'InvalidClientException', 'invalid_client', 'Client registration has expired');
  return client;
}

/** POST /client/register */
export function registerClient(state: EmulatorState, req: EmulatorRequest): WireResponse {
  const input = readJson(req.body);
  if (!input || !str(input.clientName)) return invalidRequest('clientName is required');
  if (input.clientType !== 'public') return invalidRequest('clientType must be public');
  const grantTypes = strList(input.grantTypes);
  const redirectUris = strList(input.redirectUris);
  if (grantTypes?.includes('authorization_code') && !(redirectUris?.length && redirectUris.every(isLoopbackUri))) {
    return oidcError(400, 'InvalidRedirectUriException', 'invalid_redirect_uri', 'authorization_code needs loopback redirectUris');
  }
  const client = state.sso.registerClient(state.now(), { scopes: strList(input.scopes), grantTypes, redirectUris });
  return json({
    clientId: client.clientId,
    clientSecret: client.clientSecret,
    clientIdIssuedAt: Math.floor(client.issuedAt / 1000),
    clientSecretExpiresAt: Math.floor(client.expiresAt / 1000),
  });
}

/** POST /device_authorization */
export function startDeviceAuthorization(state: EmulatorState, req: EmulatorRequest): WireResponse {
  const input = readJson(req.body);
  if (!input) return invalidRequest('malformed body');
  const client = authenticateClient(state, input);
  if ('status' in client) return client;
  const startUrl = str(input.startUrl);
  if (!startUrl) return invalidRequest('startUrl is required');
  const { deviceExpiresIn, deviceInterval } = state.options;
  const device = state.sso.startDevice(state.now(), client.clientId, startUrl, deviceExpiresIn, deviceInterval);
  return json({
    deviceCode: device.deviceCode,
    userCode: device.userCode,
    verificationUri: `${state.url}/device`,
    verificationUriComplete: `${state.url}/device?user_code=${device.userCode}`,
    expiresIn: deviceExpiresIn,
    interval: deviceInterval,
  });
}

function tokenResponse(state: EmulatorState, tokens: IssuedTokens): WireResponse {
  const expiresIn = Math.round((tokens.expiresAt - state.now()) / 1000);
  return json({ accessToken: tokens.accessToken, tokenType: 'Bearer', expiresIn, refreshToken: tokens.refreshToken });
}

function issue(state: EmulatorState, client: OidcClient): WireResponse {
  const withRefresh = client.grantTypes.includes('refresh_token') || client.scopes.length > 0;
  return tokenResponse(state, state.tokens.issue(state.now(), client.clientId, state.options.ssoAccessTokenTtlSeconds, withRefresh));
}

function deviceGrant(state: EmulatorState, client: OidcClient, input: Record<string, unknown>): WireResponse {
  const device = state.sso.devices.get(str(input.deviceCode) ?? '');
  if (!device || device.clientId !== client.clientId || device.status === 'used') return invalidGrant('Invalid device code provided');
  if (device.expiresAt <= state.now()) return oidcError(400, 'ExpiredTokenException', 'expired_token', 'Device code has expired');
  const previous = lastPoll.get(device);
  const polledAt = performance.now();
  lastPoll.set(device, polledAt);
  if (device.interval > 0 && previous !== undefined && polledAt - previous < device.interval * 1000 - 50) {
    return oidcError(400, 'SlowDownException', 'slow_down', 'Client is polling too quickly');
  }
  device.polls += 1;
  if (device.status === 'pending' && device.polls > state.options.autoApproveAfterPolls) {
    device.status = state.authorize === 'approve' ? 'approved' : 'denied';
  }
  if (device.status === 'pending') return oidcError(400, 'AuthorizationPendingException', 'authorization_pending', 'Authorization is still pending');
  if (device.status === 'denied') return oidcError(400, 'AccessDeniedException', 'access_denied', 'The user denied the authorization request');
  device.status = 'used';
  return issue(state, client);
}

function codeGrant(state: EmulatorState, client: OidcClient, input: Record<string, unknown>): WireResponse {
  const code = state.sso.codes.get(str(input.code) ?? '');
  if (!code || code.used || code.clientId !== client.clientId) return invalidGrant('Invalid authorization code provided');
  code.used = true;
  if (code.expiresAt <= state.now()) return invalidGrant('Authorization code has expired');
  if (str(input.redirectUri) !== code.redirectUri) return invalidGrant('redirectUri does not match the authorization request');
  const verifier = str(input.codeVerifier) ?? '';
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  if (!VERIFIER.test(verifier) || challenge !== code.codeChallenge) return invalidGrant('Code verifier does not match the code challenge');
  return issue(state, client);
}

/** POST /token */
export function createToken(state: EmulatorState, req: EmulatorRequest): WireResponse {
  const input = readJson(req.body);
  if (!input) return invalidRequest('malformed body');
  const client = authenticateClient(state, input);
  if ('status' in client) return client;
  switch (input.grantType) {
    case DEVICE_GRANT:
      return deviceGrant(state, client, input);
    case 'authorization_code':
      return codeGrant(state, client, input);
    case 'refresh_token':
      if (!state.tokens.consumeRefresh(client.clientId, str(input.refreshToken) ?? '')) {
        return invalidGrant('Invalid refresh token provided');
      }
      return issue(state, client);
    default:
      return oidcError(400, 'UnsupportedGrantTypeException', 'unsupported_grant_type', `Unsupported grant type: ${String(input.grantType)}`);
  }
}
