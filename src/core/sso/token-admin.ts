// What the session layer does to a cached SSO token besides ensuring it: mark it expired after the portal
// rejected it, delete it on logout, and report it for `status` without any network call.
import { rm } from 'node:fs/promises';
import type { SsoProvider } from '../config/model.ts';
import type { CoreContext } from '../context.ts';
import { withLock } from '../fs/lock.ts';
import type { Env } from '../paths.ts';
import { readSsoTokenFile, ssoFallbackPath, ssoLockPath, ssoTokenPath, writeSsoTokenFile } from './token-file.ts';
import { describeWriteFailure } from '../fs/atomic-file.ts';
import { belongsTo } from './token-state.ts';

export interface SsoTokenStatus {
  path: string;
  /** Epoch ms. */
  expiresAt: number;
  /** Epoch ms until which a refresh is possible (the registration's end), when the file holds a refresh token. */
  refreshableUntil?: number;
}

/**
 * After the portal answered 401: marks the cached access token expired (keeping the refresh token) so the next
 * ensureSsoToken refreshes it. With `accessToken`, only when the file still holds that token. True when changed.
 */
export async function invalidateSsoToken(ctx: CoreContext, provider: SsoProvider, accessToken?: string): Promise<boolean> {
  const path = ssoTokenPath(ctx.env, provider);
  return withLock(ssoLockPath(ctx.env, provider), async () => {
    const token = await readSsoTokenFile(path);
    if (!token || !belongsTo(token, provider)) return false;
    if (accessToken !== undefined && token.accessToken !== accessToken) return false;
    const expired = Math.min(token.expiresAt, ctx.now() - 1000);
    if (expired === token.expiresAt) return false;
    // best effort: the caller forces a refresh next anyway; a read-only or full ~/.aws must not abort that
    return writeSsoTokenFile(path, { ...token, expiresAt: expired }).then(() => true, (error: unknown) => {
      ctx.log.verbose(`could not mark the SSO token in ${path} expired: ${describeWriteFailure(error)}`);
      return false;
    });
  });
}

/**
 * For logout: deletes the provider's token file; its path when removed. With `onlyOurs`, a session this tool did not
 * sign in (no client registration of ours in the file: `aws sso login` made it) is kept and the user told so.
 */
export async function removeSsoToken(ctx: CoreContext, provider: SsoProvider, options: { onlyOurs?: boolean; dryRun?: boolean } = {}): Promise<string | undefined> {
  const path = ssoTokenPath(ctx.env, provider);
  return withLock(ssoLockPath(ctx.env, provider), async () => {
    const token = await readSsoTokenFile(path);
    if (token && !belongsTo(token, provider)) return undefined;
    if (options.onlyOurs && token && token.grantTypes === undefined) {
      ctx.log.info(`kept the SSO session of ${provider.name} (${path}): \`aws sso login\` started it, \`aws sso logout\` ends it`);
      return undefined;
    }
    await rm(ssoFallbackPath(ctx.env, provider), { force: true }).catch(() => {});
    if (options.dryRun) return token ? path : undefined;
    try {
      await rm(path);
      return path;
    } catch (error) {
      if ((error as { code?: string }).code === 'ENOENT') return undefined;
      throw error;
    }
  });
}

/** The cached token's expiry and where it is, without any network call; undefined when there is none. */
export async function readSsoTokenStatus(env: Env, provider: SsoProvider): Promise<SsoTokenStatus | undefined> {
  const path = ssoTokenPath(env, provider);
  // a report: a token file that cannot be read (a FIFO, a directory...) shows as no session; login says why
  const main = await readSsoTokenFile(path).catch(() => undefined);
  // the fallback copy kept when the AWS CLI file could not be written wins when newer, as in ensureSsoToken
  const fallbackPath = ssoFallbackPath(env, provider);
  const fallback = await readSsoTokenFile(fallbackPath).catch(() => undefined);
  const useFallback = fallback !== undefined && belongsTo(fallback, provider) && (!main || !belongsTo(main, provider) || fallback.expiresAt > main.expiresAt);
  const token = useFallback ? fallback : main;
  if (!token || !belongsTo(token, provider)) return undefined;
  const refreshable = token.refreshToken && token.clientId && token.clientSecret && token.registrationExpiresAt !== undefined;
  return { path: useFallback ? fallbackPath : path, expiresAt: token.expiresAt, ...(refreshable ? { refreshableUntil: token.registrationExpiresAt } : {}) };
}
