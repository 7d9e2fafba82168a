// The one orchestration path. Every entry point (CLI commands, Nx executors, the credential helper, the plugin)
// calls these functions and nothing below them.
import type { CoreContext } from './context.ts';
import { EcrAuthError, isEcrAuthError } from './errors.ts';
import { storeOf } from './session/store-of.ts';
import { ensureChain } from './identity/ensure-chain.ts';
import { chainOf, subjectFor, subjectName } from './identity/subject.ts';
import { ensureRegistryLogin } from './registry/login.ts';
import { hostTarget, integrationTargets, planTargets, type RegistryTarget } from './registry/targets.ts';
import { ensureRegistryToken } from './registry/token.ts';
import type {
  IdentitySession,
  LogoutRequest,
  PasswordRequest,
  ProviderSession,
  RegistryFailure,
  RegistryOutcome,
  RegistryRequest,
  StatusEntry,
  WhoamiReport,
} from './session-types.ts';

export type * from './session-types.ts';
export type { AwsCredentials } from './credentials.ts';

/** Every identity and registry of the config, from the caches (loaded on demand: a login does not need it). */
export async function status(ctx: CoreContext): Promise<StatusEntry[]> {
  return (await import('./session/status.ts')).status(ctx);
}

/** Removes what this tool cached and the Docker entries it wrote (loaded on demand: a login does not need it). */
export async function logout(ctx: CoreContext, request: LogoutRequest): Promise<{ removed: string[] }> {
  return (await import('./session/logout.ts')).logout(ctx, request);
}

/** Who an identity is signed in as, from the caches only: no AWS call (loaded on demand). */
export async function whoami(ctx: CoreContext, identity?: string): Promise<WhoamiReport> {
  return (await import('./session/whoami.ts')).whoami(ctx, identity);
}

/**
 * Signs in to a provider itself (Atmos `auth login --provider`): an IAM Identity Center session (cache, refresh or
 * sign-in), or the credentials of a credential provider (aws/ambient, github/oidc with a role_arn).
 */
export async function ensureProvider(ctx: CoreContext, name: string): Promise<ProviderSession> {
  const provider = ctx.config.providers[name];
  if (provider === undefined) {
    const { unknownNameError } = await import('./config/resolve.ts');
    throw unknownNameError('provider', name, Object.keys(ctx.config.providers), ctx.config.source);
  }
  if (provider.kind === 'aws/iam-identity-center') {
    const { ensureSsoToken } = await import('./sso/ensure-token.ts');
    const token = await ensureSsoToken(ctx, provider);
    return { provider: name, kind: provider.kind, source: token.source, expiresAt: token.expiresAt };
  }
  if (provider.kind === 'github/oidc' && provider.roleArn === undefined) {
    throw new EcrAuthError('E_USAGE', `provider '${name}' has no role_arn: it yields a GitHub token for the identities that go via it, nothing to sign in to by itself`, {
      hint: `log in one of those identities instead: ${Object.values(ctx.config.identities).filter((i) => i.via !== undefined && 'provider' in i.via && i.via.provider === name).map((i) => i.name).join(', ') || '(none)'}`,
    });
  }
  const link = await ensureChain(ctx, storeOf(ctx), ctx.config, chainOf(ctx.config, { provider: name }));
  return { provider: name, kind: provider.kind, source: link.source, ...(link.credentials.expiresAt === undefined ? {} : { expiresAt: link.credentials.expiresAt }) };
}

/** Makes sure the identity has credentials valid beyond ctx.minValidityMs: cache, refresh, or log in. */
export async function ensureIdentity(ctx: CoreContext, identity?: string): Promise<IdentitySession> {
  const subject = subjectFor(ctx.config, identity);
  const link = await ensureChain(ctx, storeOf(ctx), ctx.config, chainOf(ctx.config, subject));
  const env = 'identity' in subject ? ctx.config.identities[subject.identity]?.env : undefined;
  return { identity: subjectName(subject), credentials: link.credentials, region: link.region, source: link.source, ...(env?.length ? { env } : {}) };
}

/** Failures that concern the identity itself: once one happens, other registries of that identity are not retried. */
const IDENTITY_FAILURES = new Set(['E_SSO_LOGIN_REQUIRED', 'E_SSO_EXPIRED', 'E_SSO_TIMEOUT', 'E_SSO_DENIED', 'E_AWS_CREDENTIALS', 'E_OIDC_TOKEN', 'E_STS_DENIED', 'E_CONFIG']);

/** Makes sure Docker can reach the requested registries. A bad request throws; a registry's failure is reported. */
export async function ensureRegistries(ctx: CoreContext, request: RegistryRequest): Promise<RegistryOutcome> {
  const targets = planTargets(ctx.config, request);
  const store = storeOf(ctx);
  const outcome: RegistryOutcome = { logins: [], failures: [] };
  const failedSubjects = new Map<string, EcrAuthError>();
  for (const target of targets) {
    const who = subjectName(target.subject) ?? '(ambient)';
    const failure = (error: EcrAuthError): RegistryFailure => ({
      host: target.host,
      ...(target.integration ? { integration: target.integration } : {}),
      error,
    });
    const known = failedSubjects.get(who);
    if (known) {
      outcome.failures.push(failure(known));
      continue;
    }
    try {
      outcome.logins.push(await ensureRegistryLogin(ctx, store, ctx.config, target));
    } catch (error) {
      if (!isEcrAuthError(error)) throw error;
      if (IDENTITY_FAILURES.has(error.code)) failedSubjects.set(who, error);
      outcome.failures.push(failure(error));
    }
  }
  return outcome;
}

function passwordTarget(ctx: CoreContext, request: PasswordRequest): RegistryTarget {
  if (request.integration !== undefined) return planTargets(ctx.config, { integrations: [request.integration] })[0]!;
  if (request.registry !== undefined) return hostTarget(ctx.config, request.registry, request.identity);
  const targets = planTargets(ctx.config, request.identity === undefined ? {} : { identity: request.identity });
  if (targets.length === 1) return targets[0]!;
  throw new EcrAuthError('E_USAGE', targets.length ? `${targets.length} registries match: name one` : 'no registry to get a password for', {
    hint: 'name an integration (`ecr-auth get-login-password dev/ecr/primary`) or a host (`--registry 123456789012.dkr.ecr.us-east-1.amazonaws.com`)',
  });
}

/** The registry password (cached when valid) for clients other than Docker: helm, crane, skopeo, curl. */
export async function getLoginPassword(
  ctx: CoreContext,
  request: PasswordRequest,
): Promise<{ host: string; password: string; username: string; expiresAt: number }> {
  const target = passwordTarget(ctx, request);
  const { token } = await ensureRegistryToken(ctx, storeOf(ctx), ctx.config, target);
  return { host: target.host, username: token.username, password: token.password, expiresAt: token.expiresAt };
}

/** Variables an identity's `env:` may not set: the credentials always come from the session. */
const SESSION_CREDENTIAL_VARIABLES = new Set(['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_CREDENTIAL_EXPIRATION']);

/**
 * The environment `exec` gives its child and `env` prints: credentials and region of the session, plus the
 * identity's `env:` entries (which may set the region, never the credentials).
 */
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
  for (const { key, value } of session.env ?? []) {
    if (!SESSION_CREDENTIAL_VARIABLES.has(key)) env[key] = value;
  }
  return env;
}

export { integrationTargets };
