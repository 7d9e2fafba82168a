// `status`: every SSO session, identity and integration of the config: valid or not, expiry, where stored. Each
// integration's lines come from its kind.
// Reads local files only: it never calls AWS and never loads the SDK.
import { isFresh } from '../cache/freshness.ts';
import type { CoreContext } from '../context.ts';
import { own } from '../config/names.ts';
import { CREDENTIALS_NAMESPACE, type CachedCredentials } from '../identity/ensure-chain.ts';
import { subjectKey } from '../identity/subject.ts';
import { integrationKindOf } from '../integrations/index.ts';
import { readSsoTokenStatus } from '../sso/ensure-token.ts';
import type { StatusEntry } from '../session-types.ts';

/** Every identity and registry of the config, from the caches. */
export async function status(ctx: CoreContext): Promise<StatusEntry[]> {
  const { config } = ctx;
  const { store } = ctx;
  const now = ctx.now();
  const entries: StatusEntry[] = [];
  const entry = (kind: StatusEntry['kind'], name: string, expiresAt: number | undefined, storedIn: string | undefined, known: boolean) => {
    entries.push({
      kind,
      name,
      valid: known && isFresh(expiresAt, now, 0),
      ...(expiresAt !== undefined ? { expiresAt } : {}),
      ...(storedIn !== undefined ? { storedIn } : {}),
    });
  };

  for (const provider of Object.values(config.providers)) {
    if (provider.kind !== 'aws/iam-identity-center') continue;
    const sso = await readSsoTokenStatus(ctx.env, provider);
    entry('sso-session', provider.name, sso?.expiresAt, sso?.path, sso !== undefined);
  }
  for (const name of Object.keys(config.identities)) {
    const key = subjectKey(config, { identity: name }, ctx.env);
    const cached = await store.read<CachedCredentials>(CREDENTIALS_NAMESPACE, key);
    const ambient = key.startsWith('ambient|');
    // an aws/user without MFA uses its long-lived keys as they are: nothing of ours to expire
    const identity = own(config.identities, name);
    const keys = identity?.kind === 'aws/user' && identity.mfaSerial === undefined ? identity.keys : undefined;
    const keysIn = keys === undefined ? undefined : 'profile' in keys ? `profile ${keys.profile} (shared credentials file)` : 'config';
    const storedIn = ambient ? 'environment' : keysIn ?? store.pathOf(CREDENTIALS_NAMESPACE, key);
    entry('identity', name, cached?.credentials.expiresAt, storedIn, cached !== undefined || ambient || keysIn !== undefined);
  }
  for (const integration of Object.values(config.integrations)) {
    entries.push(...(await integrationKindOf(integration).status(ctx, integration)));
  }
  return entries;
}
