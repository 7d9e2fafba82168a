// The AWS CLI's SSO token cache file, `~/.aws/sso/cache/<sha1>.json`, read and written in exactly its format so
// that `aws`, the AWS SDKs and this tool share one login. Pure parse/serialize here, plus two thin file helpers.
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { SsoProvider } from '../config/model.ts';
import { readTextIfExists, writeFileAtomic } from '../fs/atomic-file.ts';
import { cacheDir, ssoCacheDir, type Env } from '../paths.ts';

/** One cached SSO token, times as epoch ms. Field names are the AWS CLI's. */
export interface SsoToken {
  startUrl?: string;
  region?: string;
  accessToken: string;
  expiresAt: number;
  clientId?: string;
  clientSecret?: string;
  registrationExpiresAt?: number;
  refreshToken?: string;
  /** Grant types the cached client registration was made for. Ours; the CLI ignores it (and may drop it). */
  grantTypes?: string[];
}

/** The lowercase hex sha1 of a text, as the AWS CLI names its cache files. */
export function sha1Hex(text: string): string {
  return createHash('sha1').update(text, 'utf8').digest('hex');
}

/** The cache key of a provider: sha1 of the sso-session name, or of the start URL when it has none. */
export function ssoCacheKey(provider: Pick<SsoProvider, 'sessionName' | 'startUrl'>): string {
  return sha1Hex(provider.sessionName ?? provider.startUrl);
}

/** Where the AWS CLI (and we) keep this provider's token. */
export function ssoTokenPath(env: Env, provider: Pick<SsoProvider, 'sessionName' | 'startUrl'>): string {
  return join(ssoCacheDir(env), `${ssoCacheKey(provider)}.json`);
}

/**
 * Where a token goes when the AWS CLI cache cannot be written (a full or read-only ~/.aws) right after a refresh
 * rotated its refresh token: our cache dir, 0600. Read together with the token file, the newer one wins.
 */
export function ssoFallbackPath(env: Env, provider: Pick<SsoProvider, 'sessionName' | 'startUrl'>): string {
  return join(cacheDir(env), 'sso-tokens', `${ssoCacheKey(provider)}.json`);
}

/** The cross-process lock guarding one provider's token file (ours: neither the CLI nor the SDK locks it). */
export function ssoLockPath(env: Env, provider: Pick<SsoProvider, 'sessionName' | 'startUrl'>): string {
  return join(cacheDir(env), 'locks', `sso-${ssoCacheKey(provider)}.lock`);
}

/** The expiry of a token issued at `now` for `expiresInSeconds`, to the second as the file will hold it. */
export function expiryFrom(now: number, expiresInSeconds: number): number {
  return Math.floor((now + expiresInSeconds * 1000) / 1000) * 1000;
}

/** An expiry as the AWS CLI writes it: ISO 8601 UTC to the second, "2026-11-22T10:05:38Z". */
export function formatExpiry(epochMs: number): string {
  return new Date(Math.floor(epochMs / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * Parses an expiry as any writer of this file has written it: the CLI's "...:38Z", the JS SDK's "...:38.123Z",
 * early CLI v2's "...:38UTC", an explicit offset, or no zone at all (taken as UTC). Undefined when unreadable.
 */
export function parseExpiry(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  let text = value.trim().replace(/\s*UTC$/i, 'Z');
  if (/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(text)) text += 'Z';
  const ms = Date.parse(text.replace(' ', 'T'));
  return Number.isFinite(ms) ? ms : undefined;
}

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** Reads the file's JSON tolerantly; undefined when it is not a usable token (no access token or no expiry). */
export function parseSsoTokenFile(text: string): SsoToken | undefined {
  let data: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
    data = parsed as Record<string, unknown>;
  } catch {
    return undefined;
  }
  const accessToken = optionalString(data.accessToken);
  const expiresAt = parseExpiry(data.expiresAt);
  if (!accessToken || expiresAt === undefined) return undefined;
  const token: SsoToken = { accessToken, expiresAt };
  for (const key of ['startUrl', 'region', 'clientId', 'clientSecret', 'refreshToken'] as const) {
    const value = optionalString(data[key]);
    if (value !== undefined) token[key] = value;
  }
  const registrationExpiresAt = parseExpiry(data.registrationExpiresAt);
  if (registrationExpiresAt !== undefined) token.registrationExpiresAt = registrationExpiresAt;
  if (Array.isArray(data.grantTypes) && data.grantTypes.every((g) => typeof g === 'string')) {
    token.grantTypes = data.grantTypes as string[];
  }
  return token;
}

/** The file's JSON, fields in the AWS CLI's order, times in its format. */
export function serializeSsoToken(token: SsoToken): string {
  const out: Record<string, unknown> = {};
  if (token.startUrl !== undefined) out.startUrl = token.startUrl;
  if (token.region !== undefined) out.region = token.region;
  out.accessToken = token.accessToken;
  out.expiresAt = formatExpiry(token.expiresAt);
  if (token.clientId !== undefined) out.clientId = token.clientId;
  if (token.clientSecret !== undefined) out.clientSecret = token.clientSecret;
  if (token.registrationExpiresAt !== undefined) out.registrationExpiresAt = formatExpiry(token.registrationExpiresAt);
  if (token.refreshToken !== undefined) out.refreshToken = token.refreshToken;
  if (token.grantTypes !== undefined) out.grantTypes = token.grantTypes;
  return JSON.stringify(out);
}

/** The cached token at `path`, or undefined when there is none or it cannot be used. */
export async function readSsoTokenFile(path: string): Promise<SsoToken | undefined> {
  const text = await readTextIfExists(path);
  return text == null ? undefined : parseSsoTokenFile(text);
}

/** Replaces the token file atomically, readable by the user only (file 0600, directories 0700). */
export async function writeSsoTokenFile(path: string, token: SsoToken): Promise<void> {
  await writeFileAtomic(path, serializeSsoToken(token), { mode: 0o600, dirMode: 0o700 });
}
