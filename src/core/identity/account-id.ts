// Resolves a permission set's account reference to an account id: an id as is, a name through ListAccounts,
// remembered in the cache so later logins skip the listing.
import type { CacheStore } from '../cache/store.ts';
import type { AccountRef, SsoProvider } from '../config/model.ts';
import { EcrAuthError } from '../errors.ts';
import type { Env } from '../paths.ts';
import { listAccounts, type PortalAccount } from '../aws/sso-portal.ts';

const NAMESPACE = 'accounts';

/** The account id an AccountRef names without any lookup, if it does. */
export function literalAccountId(ref: AccountRef): string | undefined {
  if ('id' in ref) return ref.id;
  return /^\d{12}$/.test(ref.name) ? ref.name : undefined;
}

/** Picks the account named `name`: exact match first, then case-insensitive; undefined when none or ambiguous. */
export function findAccount(accounts: PortalAccount[], name: string): PortalAccount | undefined {
  const exact = accounts.filter((a) => a.accountName === name);
  if (exact.length === 1) return exact[0];
  const folded = accounts.filter((a) => a.accountName.toLowerCase() === name.toLowerCase());
  return folded.length === 1 ? folded[0] : undefined;
}

/** The account id for a permission set, listing the user's accounts (once, then cached) when given a name. */
export async function resolveAccountId(
  env: Env,
  store: CacheStore,
  provider: SsoProvider,
  ref: AccountRef,
  accessToken: string,
  identity: string,
): Promise<string> {
  const literal = literalAccountId(ref);
  if (literal) return literal;
  const name = (ref as { name: string }).name;
  const key = `${provider.startUrl}|${name}`;
  const cached = await store.read<{ accountId: string }>(NAMESPACE, key);
  if (cached?.accountId) return cached.accountId;
  const accounts = await listAccounts(env, { region: provider.region, accessToken });
  const found = findAccount(accounts, name);
  if (!found) {
    const known = accounts.map((a) => `${a.accountName} (${a.accountId})`).join(', ') || 'none';
    throw new EcrAuthError('E_CONFIG', `identity "${identity}": no account named "${name}" is assigned to you in ${provider.startUrl}`, {
      hint: `use one of: ${known} — or give the account as { id: "123456789012" }`,
    });
  }
  await store.write(NAMESPACE, key, { accountId: found.accountId, accountName: found.accountName });
  return found.accountId;
}
