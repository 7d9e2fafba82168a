// The one orchestration path. Every entry point (CLI commands, Nx executors, the credential helper, the plugin)
// calls these functions and nothing below them.
import type { CoreContext } from './context.ts';
import { EcrAuthError, isEcrAuthError } from './errors.ts';
import { type EnsuredLink, ensureChain } from './identity/ensure-chain.ts';
import { storeOf } from './session/store-of.ts';
import { chainOf, subjectFor, subjectName } from './identity/subject.ts';
import { ensureRegistryLogin } from './registry/login.ts';
import { hostTarget, integrationTargets, planTargets, type RegistryTarget } from './registry/targets.ts';
import { ensureRegistryToken } from './registry/token.ts';
import type {
  IdentitySession,
  LogoutRequest,
  PasswordRequest,
  RegistryFailure,
  RegistryLogin,
  RegistryOutcome,
  RegistryRequest,
  StatusEntry,
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

/** Makes sure the identity has credentials valid beyond ctx.minValidityMs: cache, refresh, or log in. */
export async function ensureIdentity(ctx: CoreContext, identity?: string): Promise<IdentitySession> {
  const subject = subjectFor(ctx.config, identity);
  const link = await ensureChain(ctx, storeOf(ctx), ctx.config, chainOf(ctx.config, subject));
  return { identity: subjectName(subject), credentials: link.credentials, region: link.region, source: link.source };
}

/**
 * Makes sure Docker can reach the requested registries. A bad request throws; a registry's failure is reported.
 * The targets run concurrently (N regions cost about one region's latency); the targets of one subject share one
 * ensureChain, started by the first of them whose token is not cached, so a subject signs in at most once and a
 * failed sign-in fails its other registries without a second attempt. Tokens stay single-flight per
 * (chain, region) through their cross-process lock. Logins and failures are listed in the order of the targets.
 */
export async function ensureRegistries(ctx: CoreContext, request: RegistryRequest): Promise<RegistryOutcome> {
  const targets = planTargets(ctx.config, request);
  const store = storeOf(ctx);
  const shared = new Map<string, Promise<EnsuredLink>>();
  const credentialsOf = (target: RegistryTarget) => () => {
    const who = subjectName(target.subject) ?? '(ambient)';
    let link = shared.get(who);
    if (!link) shared.set(who, (link = ensureChain(ctx, store, ctx.config, chainOf(ctx.config, target.subject))));
    return link;
  };
  const results = await Promise.all(
    targets.map(async (target): Promise<RegistryLogin | RegistryFailure> => {
      try {
        return await ensureRegistryLogin(ctx, store, ctx.config, target, credentialsOf(target));
      } catch (error) {
        if (!isEcrAuthError(error)) throw error;
        return { host: target.host, ...(target.integration ? { integration: target.integration } : {}), error };
      }
    }),
  );
  const isFailure = (r: RegistryLogin | RegistryFailure): r is RegistryFailure => 'error' in r;
  return { logins: results.filter((r): r is RegistryLogin => !isFailure(r)), failures: results.filter(isFailure) };
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
