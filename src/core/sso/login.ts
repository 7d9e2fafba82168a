// One interactive login, whichever flow applies: PKCE where a browser can open (or when the provider asks for
// it), device code otherwise. Returns the token to cache, registration included, in the AWS CLI's shape.
import type { SsoFlow, SsoProvider } from '../config/model.ts';
import type { CoreContext } from '../context.ts';
import { loginWithDeviceCode, type DeviceLoginOptions } from './login-device.ts';
import { loginWithPkce, type PkceLoginOptions } from './login-pkce.ts';
import type { ClientRegistration, TokenGrant } from './oidc-client.ts';
import { obtainRegistration } from './registration.ts';
import { expiryFrom, type SsoToken } from './token-file.ts';

/** Knobs for the interactive flows (tests shorten the waits; the CLI leaves them alone). */
export type LoginOptions = PkceLoginOptions & DeviceLoginOptions;

/** The flow to use: the provider's choice, else PKCE when a browser can open, else device code. */
export function chooseFlow(provider: Pick<SsoProvider, 'flow'>, browser: boolean): SsoFlow {
  return provider.flow ?? (browser ? 'pkce' : 'device');
}

/** The cache entry for a grant: start URL and region, the token, its registration (for refresh). */
export function tokenFromGrant(provider: SsoProvider, registration: ClientRegistration, grant: TokenGrant, now: number): SsoToken {
  return {
    startUrl: provider.startUrl,
    region: provider.region,
    accessToken: grant.accessToken,
    expiresAt: expiryFrom(now, grant.expiresIn),
    clientId: registration.clientId,
    clientSecret: registration.clientSecret,
    registrationExpiresAt: registration.expiresAt,
    ...(grant.refreshToken ? { refreshToken: grant.refreshToken } : {}),
    grantTypes: registration.grantTypes,
  };
}

/** Signs the user in (a person must be there) and returns the new token; `cached` may lend its registration. */
export async function interactiveLogin(
  ctx: CoreContext,
  provider: SsoProvider,
  cached: SsoToken | undefined,
  options: LoginOptions = {},
): Promise<SsoToken> {
  const flow = chooseFlow(provider, ctx.interaction.browser);
  ctx.log.verbose(`SSO login for provider "${provider.name}" with the ${flow === 'pkce' ? 'browser (PKCE)' : 'device code'} flow`);
  const registration = await obtainRegistration(ctx.env, provider, flow, cached, ctx.now());
  const grant = flow === 'pkce'
    ? await loginWithPkce(ctx, provider, registration, options)
    : await loginWithDeviceCode(ctx, provider, registration, options);
  return tokenFromGrant(provider, registration, grant, ctx.now());
}
