// Pure questions about a cached SSO token: does it belong to this provider, can it be refreshed, may it still be
// handed out when nothing better can be had. Table-tested; no I/O.
import type { SsoProvider } from '../config/model.ts';
import type { SsoToken } from './token-file.ts';

/** A token with less than this left is never handed out, whatever else fails. */
export const LAST_RESORT_MS = 60_000;

function normalizeStartUrl(url: string): string {
  return url.trim().replace(/\/+$/, '').toLowerCase();
}

/** True when the file's token is for this provider's start URL (a file without one is taken as ours). */
export function belongsTo(token: SsoToken, provider: Pick<SsoProvider, 'startUrl'>): boolean {
  return token.startUrl === undefined || normalizeStartUrl(token.startUrl) === normalizeStartUrl(provider.startUrl);
}

/** True when a refresh can be attempted: a refresh token and a client registration that has not expired. */
export function canRefresh(token: SsoToken | undefined, now: number): token is SsoToken & { refreshToken: string; clientId: string; clientSecret: string } {
  return Boolean(
    token?.refreshToken && token.clientId && token.clientSecret &&
      token.registrationExpiresAt !== undefined && token.registrationExpiresAt > now,
  );
}

/** True when the token, though under the minimum validity, still has more than a minute left. */
export function isLastResort(token: SsoToken | undefined, now: number): token is SsoToken {
  return token !== undefined && token.expiresAt - now > LAST_RESORT_MS;
}
