// `status`: every provider session (SSO), identity and integration of the config: valid or not, expiry, where
// stored. A provider's and an integration's lines come from its kind.
// Reads local files only: it never calls AWS and never loads the SDK.
import { isFresh } from '../cache/freshness.ts';
import type { CoreContext } from '../context.ts';
import { CREDENTIALS_NAMESPACE, type CachedCredentials } from '../identity/ensure-chain.ts';
import { chainKeys, credentialNodes } from '../identity/chain-key.ts';
import { sessionHooksOf } from '../identity/kinds/index.ts';
import { chainOf } from '../identity/subject.ts';
import { integrationKindOf } from '../integrations/index.ts';
import type { StatusEntry } from '../session-types.ts';

/** Every identity and registry of the config, from the caches. */
export async function status(ctx: CoreContext): Promise<StatusEntry[]> {
  const { config } = ctx;
  const { store } = ctx;
  const now = ctx.now();
  const entries: StatusEntry[] = [];
  for (const provider of Object.values(config.providers)) entries.push(...((await sessionHooksOf(provider).status?.(ctx, provider)) ?? []));
  for (const name of Object.keys(config.identities)) {
    const chain = chainOf(config, { identity: name });
    const key = chainKeys(config, chain, ctx.env).at(-1)!;
    const cached = await store.read<CachedCredentials>(CREDENTIALS_NAMESPACE, key);
    // credentials the environment or the config holds (ambient, long-lived keys): nothing of ours to expire
    const last = credentialNodes(chain).at(-1)!;
    const outside = sessionHooksOf(last).heldOutside?.(last);
    const expiresAt = cached?.credentials.expiresAt;
    entries.push({
      kind: 'identity', name, valid: (cached !== undefined || outside !== undefined) && isFresh(expiresAt, now, 0),
      ...(expiresAt !== undefined ? { expiresAt } : {}), storedIn: outside ?? store.pathOf(CREDENTIALS_NAMESPACE, key),
    });
  }
  for (const integration of Object.values(config.integrations)) {
    entries.push(...(await integrationKindOf(integration).status(ctx, integration)));
  }
  return entries;
}
