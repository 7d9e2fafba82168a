// The three IAM Identity Center OIDC calls (RegisterClient, StartDeviceAuthorization, CreateToken) through the
// AWS SDK, loaded lazily so that a cache hit loads no SDK module. Failures become EcrAuthError with a hint; the
// SDK's error name stays readable with oidcErrorName() for the flows that branch on it (pending, slow down...).
import { clientConfig } from '../aws/client-config.ts';
import { awsReason, quoteForeign } from '../aws/aws-error.ts';
import { EcrAuthError, type ErrorCode } from '../errors.ts';
import type { Env } from '../paths.ts';

/** A client registration: who we are to the OIDC service. Times are epoch ms. */
export interface ClientRegistration {
  clientId: string;
  clientSecret: string;
  expiresAt: number;
  grantTypes: string[];
}

export interface DeviceAuthorization {
  deviceCode: string;
  userCode: string;
  verificationUri: string;
  verificationUriComplete: string;
  /** Seconds. */
  expiresIn: number;
  /** Seconds between polls. */
  interval: number;
}

export interface TokenGrant {
  accessToken: string;
  /** Seconds. */
  expiresIn: number;
  refreshToken?: string;
}

export type CreateTokenInput =
  | { grantType: 'urn:ietf:params:oauth:grant-type:device_code'; deviceCode: string }
  | { grantType: 'authorization_code'; code: string; redirectUri: string; codeVerifier: string }
  | { grantType: 'refresh_token'; refreshToken: string };

const HINTS: Partial<Record<ErrorCode, string>> = {
  E_SSO_EXPIRED: 'the SSO session has ended or was revoked: run `ecr-auth login` to sign in again',
  E_SSO_DENIED: 'the sign-in was refused in the browser: run `ecr-auth login` again and approve the request',
  E_AWS_UNAVAILABLE: 'IAM Identity Center did not answer: check the network, a proxy, the provider region and AWS_ENDPOINT_URL_SSO_OIDC, then try again',
  E_AWS: 'check the provider start_url and region in the config; run again with --verbose for details',
};

const EXPIRED = new Set(['ExpiredTokenException', 'InvalidGrantException', 'InvalidClientException', 'UnauthorizedClientException']);
const UNAVAILABLE = new Set(['InternalServerException', 'TimeoutError', 'ThrottlingException', 'SlowDownException']);
const NETWORK = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE']);

/** The SDK error name behind an OIDC failure ("AuthorizationPendingException", ...), if there is one. */
export function oidcErrorName(error: unknown): string | undefined {
  const inner = error instanceof EcrAuthError ? error.cause : error;
  const name = (inner as { name?: unknown } | undefined)?.name;
  return typeof name === 'string' ? name : undefined;
}

/** Maps an SDK failure of `operation` to an EcrAuthError: expired/revoked, denied, unavailable, or other. */
export function toOidcError(error: unknown, operation: string): EcrAuthError {
  if (error instanceof EcrAuthError) return error;
  const e = (error ?? {}) as { name?: string; code?: string; message?: string; $fault?: string; $metadata?: { httpStatusCode?: number } };
  const name = e.name ?? 'Error';
  let code: ErrorCode = 'E_AWS';
  if (EXPIRED.has(name)) code = 'E_SSO_EXPIRED';
  else if (name === 'AccessDeniedException') code = 'E_SSO_DENIED';
  else if (UNAVAILABLE.has(name) || e.$fault === 'server' || NETWORK.has(e.code ?? '') || (e.$metadata?.httpStatusCode ?? 0) >= 500) {
    code = 'E_AWS_UNAVAILABLE';
  }
  return new EcrAuthError(code, `sso-oidc:${operation} failed: ${awsReason(error)}`, {
    hint: HINTS[code],
    cause: error,
  });
}

async function call<T>(env: Env, region: string, operation: string, run: (sdk: typeof import('@aws-sdk/client-sso-oidc'), client: import('@aws-sdk/client-sso-oidc').SSOOIDCClient) => Promise<T>): Promise<T> {
  const sdk = await import('@aws-sdk/client-sso-oidc');
  const client = new sdk.SSOOIDCClient(clientConfig(env, 'sso-oidc', region));
  try {
    return await run(sdk, client);
  } catch (error) {
    throw toOidcError(error, operation);
  } finally {
    client.destroy();
  }
}

/** RegisterClient: a public client for the given grant types (and redirect URIs / issuer for PKCE). */
export function registerClient(
  env: Env,
  region: string,
  input: { clientName: string; scopes: string[]; grantTypes: string[]; redirectUris?: string[]; issuerUrl?: string },
): Promise<ClientRegistration> {
  return call(env, region, 'RegisterClient', async (sdk, client) => {
    const out = await client.send(new sdk.RegisterClientCommand({ clientType: 'public', ...input }));
    if (!out.clientId || !out.clientSecret) throw new Error('the service answered without a client id');
    const expiresAt = out.clientSecretExpiresAt ? out.clientSecretExpiresAt * 1000 : Date.now() + 90 * 86_400_000;
    return { clientId: out.clientId, clientSecret: out.clientSecret, expiresAt, grantTypes: input.grantTypes };
  });
}

/** StartDeviceAuthorization: the user code and the page where the user confirms it. */
export function startDeviceAuthorization(
  env: Env,
  region: string,
  input: { clientId: string; clientSecret: string; startUrl: string },
): Promise<DeviceAuthorization> {
  return call(env, region, 'StartDeviceAuthorization', async (sdk, client) => {
    const out = await client.send(new sdk.StartDeviceAuthorizationCommand(input));
    if (!out.deviceCode || !out.userCode || !out.verificationUri) throw new Error('the service answered without a device code');
    return {
      deviceCode: out.deviceCode,
      userCode: out.userCode,
      verificationUri: out.verificationUri,
      verificationUriComplete: out.verificationUriComplete ?? out.verificationUri,
      expiresIn: out.expiresIn ?? 600,
      interval: out.interval ?? 5,
    };
  });
}

/** A token lifetime in seconds that a date can hold: a positive whole number of at most ten years. */
function isLifetime(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0 && value <= 10 * 366 * 86_400;
}

/** CreateToken for a device code, an authorization code (PKCE) or a refresh token. */
export function createToken(
  env: Env,
  region: string,
  registration: { clientId: string; clientSecret: string },
  input: CreateTokenInput,
): Promise<TokenGrant> {
  return call(env, region, 'CreateToken', async (sdk, client) => {
    const out = await client.send(
      new sdk.CreateTokenCommand({ clientId: registration.clientId, clientSecret: registration.clientSecret, ...input }),
    );
    if (!out.accessToken) throw new Error('the service answered without an access token');
    if (!isLifetime(out.expiresIn)) throw new Error(`the service answered with an unusable token lifetime (expiresIn ${quoteForeign(String(out.expiresIn), 40)})`);
    return { accessToken: out.accessToken, expiresIn: out.expiresIn, ...(out.refreshToken ? { refreshToken: out.refreshToken } : {}) };
  });
}
