// The one orchestration path. Every entry point (CLI commands, Nx executors, the credential helper, the plugin)
// calls these functions and nothing below them. No integration kind is named here: each is reached through the
// integration kind table.
import { audit } from './audit/sink.ts';
import type { CoreContext } from './context.ts';
import { own } from './config/names.ts';
import { EcrAuthError, isEcrAuthError } from './errors.ts';
import { ensureChain } from './identity/ensure-chain.ts';
import { sessionHooksOf } from './identity/kinds/index.ts';
import { chainOf, subjectFor, subjectName, subjectOfVia } from './identity/subject.ts';
import { integrationKindNamed, integrationKindOf } from './integrations/index.ts';
import { ensureRegistryLogin } from './registry/login.ts';
import { hostTarget, integrationTargets, planRequest, planTargets, type RegistryTarget } from './registry/targets.ts';
import { ensureRegistryToken } from './registry/token.ts';
import type { AuditEvent } from './audit/event.ts';
import type { DoctorCheck, DoctorRequest } from './doctor/run.ts';
import type { KeepFresh, KeepFreshRequest } from './keep-fresh/keep-fresh.ts';
import type {
  IdentitySession,
  LogoutRequest,
  PasswordRequest,
  ProviderSession,
  RegistryFailure,
  RegistryLogin,
  RegistryOutcome,
  RegistryRequest,
  StatusEntry,
  WhoamiReport,
} from './session-types.ts';

export type * from './session-types.ts';
export type { AwsCredentials } from './credentials.ts';
export type { DoctorCheck, DoctorRequest } from './doctor/run.ts';
export type { AuditEvent } from './audit/event.ts';
export type { KeepFresh, KeepFreshRequest } from './keep-fresh/keep-fresh.ts';

/** Every identity and integration of the config, from the caches (loaded on demand: a login does not need it). */
export async function status(ctx: CoreContext): Promise<StatusEntry[]> {
  return (await import('./session/status.ts')).status(ctx);
}

/** Removes what this tool cached and the entries its integrations wrote (loaded on demand: a login does not need it). */
export async function logout(ctx: CoreContext, request: LogoutRequest): Promise<{ removed: string[] }> {
  const identity = request.all ? undefined : (request.identity ?? ctx.config.defaultIdentity);
  const event = { event: 'logout' as const, ...(identity ? { identity } : {}), ...(request.all ? { detail: 'all' } : {}) };
  try {
    const result = await (await import('./session/logout.ts')).logout(ctx, request);
    await audit(ctx, { ...event, outcome: 'success', detail: [request.all ? 'all' : '', ...result.removed].filter(Boolean).join('; ') || 'nothing to remove' });
    return result;
  } catch (error) {
    await audit(ctx, { ...event, outcome: 'failure', error: (error as { code?: string }).code ?? 'E_INTERNAL' });
    throw error;
  }
}

/** The doctor's checks after the config (loaded on demand: nothing else needs it). */
export async function doctor(ctx: CoreContext, request: DoctorRequest = {}): Promise<DoctorCheck[]> {
  return (await import('./doctor/run.ts')).runDoctor(ctx, request);
}

/** The audit trail of settings.audit_log, filtered, oldest first, and where it is (loaded on demand). */
export async function auditEvents(ctx: CoreContext, filter: { identity?: string; sinceMs?: number }): Promise<{ path: string; events: AuditEvent[] }> {
  const setting = ctx.config.settings.auditLog;
  if (!setting) {
    throw new EcrAuthError('E_CONFIG', `the config${ctx.config.source ? ` ${ctx.config.source}` : ''} sets no settings.audit_log, so nothing is recorded`, {
      hint: 'add `settings: { audit_log: ~/.local/state/ecr-auth/audit.jsonl }` (any path) to record sign-ins, refreshes, fetches, writes and logouts',
    });
  }
  const { auditLogPath } = await import('./audit/sink.ts');
  const { filterAuditEvents, readAuditEvents } = await import('./audit/log-file.ts');
  const path = auditLogPath(setting, ctx.config.source, ctx.env, ctx.cwd);
  return { path, events: filterAuditEvents(await readAuditEvents(path), filter) };
}

/**
 * Keep-fresh for long work: renews the identity and the Docker logins of `request.registries` before they expire,
 * and serves current credentials on a loopback endpoint whose variables `env` holds (loaded on demand).
 */
export async function keepFresh(ctx: CoreContext, request: KeepFreshRequest): Promise<KeepFresh> {
  return (await import('./keep-fresh/keep-fresh.ts')).startKeepFresh(ctx, { ensureIdentity, ensureRegistries }, request);
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
  const provider = own(ctx.config.providers, name);
  if (provider === undefined) {
    const { unknownNameError } = await import('./config/resolve.ts');
    throw unknownNameError('provider', name, Object.keys(ctx.config.providers), ctx.config.source);
  }
  const session = sessionHooksOf(provider).signIn?.(ctx, provider);
  if (session !== undefined) return session;
  const link = await ensureChain(ctx, ctx.store, ctx.config, chainOf(ctx.config, { provider: name }));
  return { provider: name, kind: provider.kind, source: link.source, ...(link.credentials.expiresAt === undefined ? {} : { expiresAt: link.credentials.expiresAt }) };
}

/** Makes sure the identity has credentials valid beyond ctx.minValidityMs: cache, refresh, or log in. */
export async function ensureIdentity(ctx: CoreContext, identity?: string): Promise<IdentitySession> {
  const subject = subjectFor(ctx.config, identity);
  const link = await ensureChain(ctx, ctx.store, ctx.config, chainOf(ctx.config, subject));
  const env = 'identity' in subject ? own(ctx.config.identities, subject.identity)?.env : undefined;
  return { identity: subjectName(subject), credentials: link.credentials, region: link.region, source: link.source, ...(env?.length ? { env } : {}) };
}

/**
 * Makes sure every integration the request names has its credential where its client reads it (Docker logins,
 * kubeconfig contexts, package-registry tokens), and Docker can reach the ad-hoc registries. A bad request throws;
 * an integration's failure is reported. Integrations and registries run concurrently (N regions cost about one
 * region's latency); the ones of one identity share one ensureChain, started by the first that needs credentials,
 * so an identity signs in at most once and a failed sign-in fails the others without a second attempt. Tokens stay
 * single-flight per (chain, region) through their cross-process lock. Results keep the order of the request.
 */
export async function ensureRegistries(ctx: CoreContext, request: RegistryRequest): Promise<RegistryOutcome> {
  const plan = planRequest(ctx.config, request);
  const shared: CoreContext = { ...ctx, sharedChains: new Map() };
  type Result = { logins: RegistryLogin[] } | { failure: RegistryFailure };
  const attempt = async (host: string, integration: string | undefined, run: () => Promise<RegistryLogin[]>): Promise<Result> => {
    try {
      return { logins: await run() };
    } catch (error) {
      if (!isEcrAuthError(error)) throw error;
      return { failure: { host, ...(integration ? { integration } : {}), error } };
    }
  };
  const results = await Promise.all([
    ...plan.integrations.map((integration) => {
      const kind = integrationKindOf(integration);
      return attempt(kind.describe(integration), integration.name, () => kind.ensure(shared, integration));
    }),
    ...plan.registries.map((target) =>
      attempt(target.host, target.integration, async () => [await ensureRegistryLogin(shared, shared.config, target)])),
  ]);
  const outcome: RegistryOutcome = { logins: [], failures: [] };
  for (const result of results) {
    if ('failure' in result) outcome.failures.push(result.failure);
    else outcome.logins.push(...result.logins);
  }
  return outcome;
}

/**
 * The variables the request's integrations add to a child's environment (`exec`, `env`, `with-auth`), merged in the
 * order they are named. Tokens they need come from the cache (fetched on a miss); nothing is written.
 */
export async function integrationEnvironment(ctx: CoreContext, request: RegistryRequest): Promise<Record<string, string>> {
  const env: Record<string, string> = Object.create(null);
  for (const integration of planRequest(ctx.config, request).integrations) {
    Object.assign(env, await integrationKindOf(integration).environment(ctx, integration));
  }
  return { ...env };
}

/** The credential a client's plugin asks for, minted (or reused) by the integration kind that serves that client. */
export async function clientCredential(ctx: CoreContext, kind: string, request: ReadonlyMap<string, string>): Promise<string> {
  const implementation = integrationKindNamed(kind);
  if (!implementation?.clientCredential) throw new EcrAuthError('E_USAGE', `the integration kind "${kind}" mints no client credential`);
  return implementation.clientCredential(ctx, request);
}

function passwordTarget(ctx: CoreContext, request: PasswordRequest): RegistryTarget {
  if (request.integration !== undefined) {
    const targets = planTargets(ctx.config, { integrations: [request.integration] });
    if (targets.length > 0) return targets[0]!;
    throw new EcrAuthError('E_USAGE', `integration "${request.integration}" serves no Docker registry`, {
      hint: 'get-login-password is for registry integrations; name one, or a host with --registry',
    });
  }
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
  const { token } = await ensureRegistryToken(ctx, ctx.config, target);
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
