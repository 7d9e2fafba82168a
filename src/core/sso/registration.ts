// The OIDC client registration a login needs: reused from the token file while it is unexpired and was made for
// the same grant types (as the AWS CLI reuses its own), otherwise registered afresh.
import type { SsoProvider } from '../config/model.ts';
import { registerClient, type ClientRegistration } from './oidc-client.ts';
import type { SsoToken } from './token-file.ts';
import type { Env } from '../paths.ts';

export const DEVICE_CODE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';
/** What a PKCE login registers for (as the AWS CLI does since 2.22). */
export const PKCE_GRANT_TYPES = ['authorization_code', 'refresh_token'];
/** What a device-code login registers for. */
export const DEVICE_GRANT_TYPES = [DEVICE_CODE_GRANT, 'refresh_token'];
/** The redirect URI registered for PKCE: a loopback address, any port (RFC 8252). */
export const PKCE_REDIRECT_URI = 'http://127.0.0.1/oauth/callback';
export const DEFAULT_SCOPES = ['sso:account:access'];
/** A registration this close to its end is not reused: the token it yields could not be refreshed for long. */
export const REGISTRATION_MARGIN_MS = 15 * 60_000;

/** The registration cached with the token, when it is unexpired and covers `grantTypes`; else undefined. */
export function reusableRegistration(token: SsoToken | undefined, grantTypes: string[], now: number): ClientRegistration | undefined {
  if (!token?.clientId || !token.clientSecret || token.registrationExpiresAt === undefined) return undefined;
  if (token.registrationExpiresAt - now <= REGISTRATION_MARGIN_MS) return undefined;
  const covered = token.grantTypes ?? [];
  if (!grantTypes.every((g) => covered.includes(g))) return undefined;
  return { clientId: token.clientId, clientSecret: token.clientSecret, expiresAt: token.registrationExpiresAt, grantTypes: covered };
}

/** A registration for a login with `flow`: the cached one when reusable, else a new RegisterClient call. */
export async function obtainRegistration(
  env: Env,
  provider: SsoProvider,
  flow: 'pkce' | 'device',
  cached: SsoToken | undefined,
  now: number,
): Promise<ClientRegistration> {
  const grantTypes = flow === 'pkce' ? PKCE_GRANT_TYPES : DEVICE_GRANT_TYPES;
  const reused = reusableRegistration(cached, grantTypes, now);
  if (reused) return reused;
  const scopes = provider.scopes.length > 0 ? provider.scopes : DEFAULT_SCOPES;
  return registerClient(env, provider.region, {
    clientName: `ecr-auth-${provider.sessionName ?? provider.name}`.slice(0, 64),
    scopes,
    grantTypes,
    ...(flow === 'pkce' ? { redirectUris: [PKCE_REDIRECT_URI], issuerUrl: provider.startUrl } : {}),
  });
}
