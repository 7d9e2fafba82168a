// The one orchestration path. Every entry point (CLI commands, Nx executors, the credential helper, the plugin)
// calls these functions and nothing below them.
import { audit } from './audit/sink.ts';
import type { CoreContext } from './context.ts';
import { EcrAuthError, isEcrAuthError } from './errors.ts';
import { storeOf } from './session/store-of.ts';
import { ensureChain } from './identity/ensure-chain.ts';
import { chainOf, subjectFor, subjectName } from './identity/subject.ts';
import { ensureRegistryLogin } from './registry/login.ts';
import { hostTarget, integrationTargets, planTargets, type RegistryTarget } from './registry/targets.ts';
import { ensureRegistryToken } from './registry/token.ts';
import type { AuditEvent } from './audit/event.ts';
import type { DoctorCheck, DoctorRequest } from './doctor/run.ts';
import type { KeepFresh, KeepFreshRequest } from './keep-fresh/keep-fresh.ts';
import type {
  IdentitySession,
  LogoutRequest,
  PasswordRequest,
  RegistryFailure,
  RegistryOutcome,
  RegistryRequest,
  StatusEntry,
} from './session-types.ts';

export type * from './session-types.ts';
export type { AwsCredentials } from './credentials.ts';
export type { DoctorCheck, DoctorRequest } from './doctor/run.ts';
export type { AuditEvent } from './audit/event.ts';
export type { KeepFresh, KeepFreshRequest } from './keep-fresh/keep-fresh.ts';

/** Every identity and registry of the config, from the caches (loaded on demand: a login does not need it). */
export async function status(ctx: CoreContext): Promise<StatusEntry[]> {
  return (await import('./session/status.ts')).status(ctx);
}

/** Removes what this tool cached and the Docker entries it wrote (loaded on demand: a login does not need it). */
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

/** Makes sure the identity has credentials valid beyond ctx.minValidityMs: cache, refresh, or log in. */
export async function ensureIdentity(ctx: CoreContext, identity?: string): Promise<IdentitySession> {
  const subject = subjectFor(ctx.config, identity);
  const link = await ensureChain(ctx, storeOf(ctx), ctx.config, chainOf(ctx.config, subject));
  return { identity: subjectName(subject), credentials: link.credentials, region: link.region, source: link.source };
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

export { integrationTargets };
