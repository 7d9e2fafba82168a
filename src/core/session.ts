// The one orchestration path. Every entry point (CLI commands, Nx executors, the credential helper, the plugin)
// calls these functions and nothing below them. Filled in by the identities and ECR issues.
import type { CoreContext } from './context.ts';
import { EcrAuthError } from './errors.ts';

/** Temporary AWS credentials of an identity (or of the ambient chain). */
export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  /** Epoch ms; undefined for long-lived keys. */
  expiresAt?: number;
}

export type CredentialSource = 'cache' | 'refreshed' | 'login' | 'ambient';

export interface IdentitySession {
  /** Identity name, or undefined for the ambient chain used without an identity. */
  identity: string | undefined;
  credentials: AwsCredentials;
  region: string | undefined;
  source: CredentialSource;
}

export interface RegistryRequest {
  /** Integration names to run. */
  integrations?: string[];
  /** Run every integration whose via is this identity (or the default identity when nothing else is named). */
  identity?: string;
  /** Ad-hoc registry hosts, logged in with `identity` or the ambient chain. */
  registries?: string[];
  /** Only integrations with auto_provision true (what `login` runs). */
  autoProvisionOnly?: boolean;
}

export interface RegistryLogin {
  host: string;
  integration?: string;
  identity: string | undefined;
  region: string;
  /** Epoch ms. */
  expiresAt: number;
  source: 'cache' | 'fetched';
  /** Where Docker will find it: "auths", "store:<helper>", "helper". */
  storedIn: string;
}

export interface RegistryFailure {
  host: string;
  integration?: string;
  error: EcrAuthError;
}

export interface RegistryOutcome {
  logins: RegistryLogin[];
  failures: RegistryFailure[];
}

function notYet(what: string): never {
  throw new EcrAuthError('E_NOT_IMPLEMENTED', `${what} is not implemented yet in this build`, {
    hint: 'use `ecr-auth validate` for now; identity and registry logins land with the next releases',
  });
}

/** Makes sure the identity has credentials valid beyond ctx.minValidityMs: cache, refresh, or log in. */
export async function ensureIdentity(_ctx: CoreContext, _identity?: string): Promise<IdentitySession> {
  return notYet('identity login');
}

/** Makes sure Docker can reach the requested registries; never throws for a single registry's failure. */
export async function ensureRegistries(_ctx: CoreContext, _request: RegistryRequest): Promise<RegistryOutcome> {
  return notYet('ECR login');
}

export interface PasswordRequest {
  integration?: string;
  registry?: string;
  identity?: string;
}

/** The registry password (cached when valid) for clients other than Docker: helm, crane, skopeo, curl. */
export async function getLoginPassword(
  _ctx: CoreContext,
  _request: PasswordRequest,
): Promise<{ host: string; password: string; username: string; expiresAt: number }> {
  return notYet('get-login-password');
}

export interface StatusEntry {
  kind: 'identity' | 'registry' | 'sso-session';
  name: string;
  valid: boolean;
  /** Epoch ms, when known. */
  expiresAt?: number;
  /** Where it is stored: a file path, "docker:auths", "docker:store:<helper>"... */
  storedIn?: string;
}

/** Every identity and registry of the config: valid or not, expiry, where stored. Makes no network call. */
export async function status(_ctx: CoreContext): Promise<StatusEntry[]> {
  return notYet('status');
}

export interface LogoutRequest {
  identity?: string;
  all?: boolean;
}

/** Removes what this tool cached and the Docker entries it wrote (for one identity, or all); nothing else. */
export async function logout(_ctx: CoreContext, _request: LogoutRequest): Promise<{ removed: string[] }> {
  return notYet('logout');
}

/** The environment `exec` gives its child and `env` prints: credentials and region of the session. */
export function identityEnvironment(session: IdentitySession): Record<string, string> {
  const env: Record<string, string> = {
    AWS_ACCESS_KEY_ID: session.credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: session.credentials.secretAccessKey,
  };
  if (session.credentials.sessionToken) env.AWS_SESSION_TOKEN = session.credentials.sessionToken;
  if (session.credentials.expiresAt !== undefined) {
    env.AWS_CREDENTIAL_EXPIRATION = new Date(session.credentials.expiresAt).toISOString();
  }
  if (session.region) {
    env.AWS_REGION = session.region;
    env.AWS_DEFAULT_REGION = session.region;
  }
  return env;
}
