// The SSO access token of a provider, valid beyond ctx.minValidityMs: from the AWS CLI cache, refreshed with the
// rotating refresh token, or from an interactive login. Single flight across processes: lock, re-read, then act.
import { rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { isFresh } from '../cache/freshness.ts';
import type { SsoProvider } from '../config/model.ts';
import type { CoreContext } from '../context.ts';
import { formatDuration } from '../duration.ts';
import { EcrAuthError } from '../errors.ts';
import { audit } from '../audit/sink.ts';
import { describeWriteFailure } from '../fs/atomic-file.ts';
import { withLock } from '../fs/lock.ts';
import type { Env } from '../paths.ts';
import { interactiveLogin, type LoginOptions } from './login.ts';
import { createToken, oidcErrorName } from './oidc-client.ts';
import { expiryFrom, readSsoTokenFile, ssoFallbackPath, ssoLockPath, ssoTokenPath, writeSsoTokenFile, type SsoToken } from './token-file.ts';
import { belongsTo, canRefresh, isLastResort } from './token-state.ts';

export { invalidateSsoToken, readSsoTokenStatus, removeSsoToken, type SsoTokenStatus } from './token-admin.ts';

export interface EnsureSsoTokenOptions {
  /** Do not trust the cached access token (the portal just rejected it): refresh or log in. */
  forceRefresh?: boolean;
  /** Knobs for the interactive flows. */
  login?: LoginOptions;
}

export interface SsoTokenResult {
  accessToken: string;
  /** Epoch ms. */
  expiresAt: number;
  source: 'cache' | 'refreshed' | 'login';
}

/** How long a process waits for another one's SSO refresh or login (a device login may take ten minutes). */
export const SSO_LOCK_TIMEOUT_MS = 11 * 60_000;

/**
 * The provider's token: from the AWS CLI cache file, or from our fallback copy when that one is newer (it holds the
 * refresh token issued last, when the cache file could not be written).
 */
async function readOwnToken(env: Env, provider: SsoProvider): Promise<SsoToken | undefined> {
  const own = (token: SsoToken | undefined) => (token && belongsTo(token, provider) ? token : undefined);
  const main = own(await readSsoTokenFile(ssoTokenPath(env, provider)));
  const fallback = own(await readSsoTokenFile(ssoFallbackPath(env, provider)).catch(() => undefined));
  return fallback && (!main || fallback.expiresAt > main.expiresAt) ? fallback : main;
}

/**
 * The one rule for a write that follows a rotation (a refresh that spent the old refresh token, a new login): the
 * newest secret is kept somewhere durable, or the command fails loudly. First the AWS CLI cache file (then our
 * fallback copy, if any, is removed); if that fails (full disk, read-only ~/.aws), our fallback copy, with a
 * warning; if that fails too, E_CACHE, exit 1: the new session exists only in this process and is lost with it.
 */
async function saveIssuedToken(ctx: CoreContext, provider: SsoProvider, token: SsoToken): Promise<void> {
  const path = ssoTokenPath(ctx.env, provider);
  const fallback = ssoFallbackPath(ctx.env, provider);
  let failure: unknown;
  try {
    await writeSsoTokenFile(path, token);
    await rm(fallback, { force: true }).catch(() => {});
    return;
  } catch (error) {
    failure = error;
  }
  try {
    await writeSsoTokenFile(fallback, token);
  } catch (second) {
    throw new EcrAuthError('E_CACHE',
      `the new SSO session of "${provider.name}" could not be saved: ${path}: ${describeWriteFailure(failure)}; ${fallback}: ${describeWriteFailure(second)}. ` +
      'Its refresh token was rotated, so the one on disk no longer works',
      { hint: `free space (or make ${dirname(path)} writable), then run \`ecr-auth login\` to sign in again`, cause: failure });
  }
  ctx.log.warn(
    `could not save the SSO token of "${provider.name}" to ${path} (${describeWriteFailure(failure)}); it is kept in ${fallback}, ` +
      'which ecr-auth reads first. The AWS CLI will not see this session until the next run can write that file',
  );
}

/** Removes a dead refresh token from the token file: best effort (a failure only costs one more rejected refresh). */
async function forgetRefreshToken(ctx: CoreContext, provider: SsoProvider, token: SsoToken): Promise<void> {
  for (const path of [ssoTokenPath(ctx.env, provider), ssoFallbackPath(ctx.env, provider)]) {
    const onDisk = await readSsoTokenFile(path).catch(() => undefined);
    if (onDisk?.refreshToken === undefined) continue;
    await writeSsoTokenFile(path, token).catch((error: unknown) =>
      ctx.log.verbose(`could not remove the dead refresh token from ${path}: ${describeWriteFailure(error)}`));
  }
}

function loginRequired(provider: SsoProvider): EcrAuthError {
  const cli = provider.sessionName ? `, or \`aws sso login --sso-session ${provider.sessionName}\`` : '';
  return new EcrAuthError('E_SSO_LOGIN_REQUIRED', `SSO login required for provider "${provider.name}" (${provider.startUrl}) and nobody is here to sign in`, {
    hint: `run \`ecr-auth login <identity>\` on a machine with a browser${cli}; in CI use an aws/ambient or github/oidc provider instead of SSO`,
  });
}

function result(token: SsoToken, source: SsoTokenResult['source']): SsoTokenResult {
  return { accessToken: token.accessToken, expiresAt: token.expiresAt, source };
}

function lastResort(ctx: CoreContext, provider: SsoProvider, token: SsoToken, why: string): SsoTokenResult {
  ctx.log.verbose(`SSO token of "${provider.name}" ${why}; using it while it lasts (${formatDuration(token.expiresAt - ctx.now())} left)`);
  return result(token, 'cache');
}

function withoutRegistration(token: SsoToken): SsoToken {
  const { clientId: _id, clientSecret: _secret, registrationExpiresAt: _until, grantTypes: _grants, ...rest } = token;
  return rest;
}

type Refreshable = SsoToken & { refreshToken: string; clientId: string; clientSecret: string };

async function refresh(ctx: CoreContext, provider: SsoProvider, token: Refreshable): Promise<SsoToken> {
  const grant = await createToken(ctx.env, provider.region, token, { grantType: 'refresh_token', refreshToken: token.refreshToken });
  const { refreshToken: _used, ...rest } = token;
  // The refresh token rotates: only the one just issued may be kept.
  return {
    ...rest,
    startUrl: token.startUrl ?? provider.startUrl,
    region: token.region ?? provider.region,
    accessToken: grant.accessToken,
    expiresAt: expiryFrom(ctx.now(), grant.expiresIn),
    ...(grant.refreshToken ? { refreshToken: grant.refreshToken } : {}),
  };
}

/** Makes sure the provider has an SSO access token valid beyond ctx.minValidityMs: cache, refresh, or login. */
export async function ensureSsoToken(ctx: CoreContext, provider: SsoProvider, options: EnsureSsoTokenOptions = {}): Promise<SsoTokenResult> {
  const path = ssoTokenPath(ctx.env, provider);
  const seen = await readOwnToken(ctx.env, provider);
  const force = options.forceRefresh === true;
  if (!force && seen && isFresh(seen.expiresAt, ctx.now(), ctx.minValidityMs)) return result(seen, 'cache');
  if (!ctx.interaction.human && !canRefresh(seen, ctx.now())) {
    // Nothing to do without a person: fail fast, with no lock and no network call.
    if (!force && isLastResort(seen, ctx.now())) return lastResort(ctx, provider, seen, 'cannot be refreshed');
    throw loginRequired(provider);
  }

  return withLock(ssoLockPath(ctx.env, provider), async () => {
    const current = await readOwnToken(ctx.env, provider);
    // Another process may have refreshed or logged in while we waited for the lock.
    const replaced = current !== undefined && current.accessToken !== seen?.accessToken;
    if (current && (!force || replaced) && isFresh(current.expiresAt, ctx.now(), ctx.minValidityMs)) return result(current, 'cache');

    if (canRefresh(current, ctx.now())) {
      let next: SsoToken | undefined;
      try {
        next = await refresh(ctx, provider, current);
      } catch (error) {
        await audit(ctx, { event: 'refresh', outcome: 'failure', provider: provider.name, region: provider.region, error: (error as { code?: string }).code ?? 'E_INTERNAL' });
        if (!(error instanceof EcrAuthError) || error.code !== 'E_SSO_EXPIRED') {
          if (!force && isLastResort(current, ctx.now())) return lastResort(ctx, provider, current, `could not be refreshed (${(error as Error).message})`);
          throw error;
        }
        ctx.log.verbose(`SSO session of "${provider.name}" can no longer be refreshed: ${error.message}`);
        // Forget the dead refresh token (and a rejected client) so that no other process tries them again.
        const { refreshToken: _dead, ...rest } = current;
        const clientRejected = /Client/.test(oidcErrorName(error) ?? '');
        await forgetRefreshToken(ctx, provider, clientRejected ? withoutRegistration(rest) : rest);
      }
      if (next !== undefined) {
        // outside the catch above: a token that was refreshed but not saved is never "used while it lasts" silently
        await saveIssuedToken(ctx, provider, next);
        ctx.log.verbose(`SSO token of "${provider.name}" refreshed (valid for ${formatDuration(next.expiresAt - ctx.now())})`);
        await audit(ctx, { event: 'refresh', outcome: 'success', provider: provider.name, region: provider.region, path: ssoTokenPath(ctx.env, provider) });
        return result(next, 'refreshed');
      }
    }

    if (ctx.interaction.human) {
      let next: SsoToken;
      try {
        next = await interactiveLogin(ctx, provider, current, options.login);
      } catch (error) {
        await audit(ctx, { event: 'sign-in', outcome: 'failure', provider: provider.name, region: provider.region, error: (error as { code?: string }).code ?? 'E_INTERNAL' });
        throw error;
      }
      await saveIssuedToken(ctx, provider, next);
      await audit(ctx, { event: 'sign-in', outcome: 'success', provider: provider.name, region: provider.region, path: ssoTokenPath(ctx.env, provider) });
      return result(next, 'login');
    }
    if (!force && isLastResort(current, ctx.now())) return lastResort(ctx, provider, current, 'cannot be refreshed');
    throw loginRequired(provider);
  }, {
    timeoutMs: SSO_LOCK_TIMEOUT_MS,
    onWait: () => ctx.log.info(`waiting for another ecr-auth process to finish the SSO sign-in of "${provider.name}"...`),
  });
}
