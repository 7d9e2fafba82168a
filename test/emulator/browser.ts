// The browser side of IAM Identity Center (not SDK operations): GET /authorize, which redirects to the loopback
// redirect_uri with a code (or error=access_denied), and GET /device, the page verificationUriComplete opens.
import type { EmulatorRequest, EmulatorState } from './state.ts';
import { isLoopbackUri } from './sso-oidc.ts';
import { page, redirect } from './wire.ts';
import type { WireResponse } from './wire.ts';

/** True when `uri` matches a registered redirect URI; loopback ports may differ (RFC 8252 section 7.3). */
function redirectAllowed(registered: string[], uri: string): boolean {
  if (!isLoopbackUri(uri)) return false;
  const wanted = new URL(uri);
  return registered.some((r) => {
    const url = new URL(r);
    return url.hostname === wanted.hostname && url.pathname === wanted.pathname;
  });
}

function withParams(base: string, params: Record<string, string | undefined>): string {
  const url = new URL(base);
  for (const [key, value] of Object.entries(params)) if (value !== undefined) url.searchParams.set(key, value);
  return url.toString();
}

/** GET /authorize?response_type=code&client_id=&redirect_uri=&state=&code_challenge=&code_challenge_method=S256 */
export function authorize(state: EmulatorState, req: EmulatorRequest, deniedByFault = false): WireResponse {
  const q = req.url.searchParams;
  const client = state.sso.clients.get(q.get('client_id') ?? '');
  if (!client || client.expiresAt <= state.now()) return page(400, 'Unknown or expired client_id');
  const redirectUri = q.get('redirect_uri') ?? '';
  if (!redirectAllowed(client.redirectUris, redirectUri)) return page(400, 'redirect_uri is not registered for this client');
  const oauthState = q.get('state') ?? undefined;
  const fail = (error: string, description: string) =>
    redirect(withParams(redirectUri, { error, error_description: description, state: oauthState }));
  if (q.get('response_type') !== 'code') return fail('unsupported_response_type', 'response_type must be code');
  const challenge = q.get('code_challenge') ?? '';
  if (q.get('code_challenge_method') !== 'S256' || !/^[A-Za-z0-9_-]{43}$/.test(challenge)) {
    return fail('invalid_request', 'an S256 code_challenge is required');
  }
  if (deniedByFault || state.authorize === 'deny') return fail('access_denied', 'The user denied the authorization request');
  const code = state.sso.createCode(state.now(), client.clientId, redirectUri, challenge);
  return redirect(withParams(redirectUri, { code: code.code, state: oauthState }));
}

/** GET /device?user_code=XXXX-XXXX: the user approves (or denies, per `authorize`) the device request. */
export function verifyDevice(state: EmulatorState, req: EmulatorRequest): WireResponse {
  const device = state.sso.deviceByUserCode(req.url.searchParams.get('user_code') ?? '');
  if (!device) return page(404, 'Unknown user code');
  if (device.expiresAt <= state.now()) return page(400, 'This code has expired');
  if (device.status !== 'pending') return page(200, 'This request was already answered');
  device.status = state.authorize === 'approve' ? 'approved' : 'denied';
  return page(200, device.status === 'approved' ? 'Request approved' : 'Request denied');
}
