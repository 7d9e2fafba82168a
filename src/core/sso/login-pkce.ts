// Interactive login with the authorization-code grant and PKCE (the AWS CLI's default since 2.22): open the
// /authorize page in a browser, take the redirect on a loopback server, exchange the code with CreateToken.
import { configuredEndpoint } from '../aws/client-config.ts';
import type { SsoProvider } from '../config/model.ts';
import type { CoreContext } from '../context.ts';
import { formatDuration } from '../duration.ts';
import { EcrAuthError } from '../errors.ts';
import type { Env } from '../paths.ts';
import { openBrowser } from './browser.ts';
import { startCallbackServer } from './callback-server.ts';
import { createToken, type ClientRegistration, type TokenGrant } from './oidc-client.ts';
import { createPkcePair } from './pkce.ts';
import { DEFAULT_SCOPES } from './registration.ts';

export const DEFAULT_PKCE_TIMEOUT_MS = 5 * 60_000;

export interface PkceLoginOptions {
  /** How long to wait for the browser (default 5 minutes). */
  timeoutMs?: number;
  /** Opens the URL; default: the BROWSER command or the platform opener. */
  openUrl?: (url: string) => Promise<boolean>;
}

/** The OIDC service's base URL: AWS_ENDPOINT_URL_SSO_OIDC / AWS_ENDPOINT_URL, else the regional endpoint. */
export function oidcBaseUrl(env: Env, region: string): string {
  const configured = configuredEndpoint(env, 'sso-oidc');
  if (configured) return configured;
  return `https://oidc.${region}.amazonaws.com${region.startsWith('cn-') ? '.cn' : ''}`;
}

/** The /authorize URL the browser opens (not an SDK operation: derived from the OIDC endpoint). */
export function authorizeUrl(input: {
  baseUrl: string;
  clientId: string;
  redirectUri: string;
  state: string;
  challenge: string;
  scopes: string[];
}): string {
  const url = new URL('authorize', input.baseUrl.endsWith('/') ? input.baseUrl : `${input.baseUrl}/`);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: input.clientId,
    redirect_uri: input.redirectUri,
    state: input.state,
    code_challenge_method: 'S256',
    scopes: input.scopes.join(' '),
    code_challenge: input.challenge,
  }).toString();
  return url.toString();
}

/** Runs the browser login and returns the token grant; E_SSO_TIMEOUT when the browser does not come back in time. */
export async function loginWithPkce(
  ctx: CoreContext,
  provider: SsoProvider,
  registration: ClientRegistration,
  options: PkceLoginOptions = {},
): Promise<TokenGrant> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_PKCE_TIMEOUT_MS;
  const pkce = createPkcePair();
  const server = await startCallbackServer(pkce.state, ctx.log);
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const url = authorizeUrl({
      baseUrl: oidcBaseUrl(ctx.env, provider.region),
      clientId: registration.clientId,
      redirectUri: server.redirectUri,
      state: pkce.state,
      challenge: pkce.challenge,
      scopes: provider.scopes.length > 0 ? provider.scopes : DEFAULT_SCOPES,
    });
    ctx.log.info(`Signing in to ${provider.startUrl} in your browser. If no page opens, visit:\n  ${url}`);
    const opened = await (options.openUrl ?? ((u: string) => openBrowser(u, ctx.env)))(url);
    if (!opened) ctx.log.warn('could not start a browser: open the URL above by hand on this machine');
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        reject(new EcrAuthError('E_SSO_TIMEOUT', `the browser sign-in to ${provider.startUrl} did not finish within ${formatDuration(timeoutMs)}`, {
          hint: 'run `ecr-auth login` again and complete the sign-in in the browser; where the browser runs on another machine, set `flow: device` on the provider or pass --no-browser',
        }));
      }, timeoutMs);
    });
    const code = await Promise.race([server.code, timedOut]);
    return await createToken(ctx.env, provider.region, registration, {
      grantType: 'authorization_code',
      code,
      redirectUri: server.redirectUri,
      codeVerifier: pkce.verifier,
    });
  } finally {
    if (timer) clearTimeout(timer);
    server.close();
  }
}
