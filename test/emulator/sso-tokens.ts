// The tokens of SSO sessions: access tokens (checked by the portal) and rotating refresh tokens.
import { randomToken } from './random.ts';

/** Tokens returned by CreateToken. */
export interface IssuedTokens {
  accessToken: string;
  refreshToken?: string;
  expiresAt: number;
}

interface AccessTokenState {
  expiresAt: number;
  valid: boolean;
  refreshToken?: string;
}

/** Every access and refresh token issued; `onSecret` sees each one. */
export class SsoTokens {
  readonly #accessTokens = new Map<string, AccessTokenState>();
  readonly #refreshTokens = new Map<string, { clientId: string; valid: boolean }>();
  readonly #onSecret: (secret: string) => void;

  constructor(onSecret: (secret: string) => void) {
    this.#onSecret = onSecret;
  }

  /** Issues an access token (and a refresh token when `withRefresh`). */
  issue(now: number, clientId: string, ttlSeconds: number, withRefresh: boolean): IssuedTokens {
    const accessToken = `aoa${randomToken(96)}`;
    const expiresAt = now + ttlSeconds * 1000;
    let refreshToken: string | undefined;
    if (withRefresh) {
      refreshToken = `aor${randomToken(96)}`;
      this.#refreshTokens.set(refreshToken, { clientId, valid: true });
      this.#onSecret(refreshToken);
    }
    this.#accessTokens.set(accessToken, { expiresAt, valid: true, refreshToken });
    this.#onSecret(accessToken);
    return { accessToken, refreshToken, expiresAt };
  }

  /** True when `token` is a live access token. */
  accessTokenValid(now: number, token: string | undefined): boolean {
    const state = token === undefined ? undefined : this.#accessTokens.get(token);
    return state !== undefined && state.valid && state.expiresAt > now;
  }

  /** Consumes a refresh token of `clientId` (rotation): true when it was valid. */
  consumeRefresh(clientId: string, token: string): boolean {
    const state = this.#refreshTokens.get(token);
    if (!state || !state.valid || state.clientId !== clientId) return false;
    state.valid = false;
    return true;
  }

  /** Ends the session of one access token (SSO Logout): it and its refresh token stop working. */
  logout(token: string): void {
    const state = this.#accessTokens.get(token);
    if (!state) return;
    state.valid = false;
    const refresh = state.refreshToken === undefined ? undefined : this.#refreshTokens.get(state.refreshToken);
    if (refresh) refresh.valid = false;
  }

  /** Invalidates every access and refresh token issued so far. */
  revokeAll(): void {
    for (const state of this.#accessTokens.values()) state.valid = false;
    for (const state of this.#refreshTokens.values()) state.valid = false;
  }

  /** Makes every access token issued so far expired (refresh tokens keep working). */
  expireAll(now: number): void {
    for (const state of this.#accessTokens.values()) state.expiresAt = Math.min(state.expiresAt, now - 1);
  }
}
