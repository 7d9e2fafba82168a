// `whoami`: who an identity is signed in as, from the caches only (never an AWS call, never the SDK): the identity,
// its kind, account and role as the config and the cached credentials tell them, the region and the expiry.
import { isFresh } from '../cache/freshness.ts';
import type { CoreContext } from '../context.ts';
import { CREDENTIALS_NAMESPACE, type CachedCredentials } from '../identity/ensure-chain.ts';
import { chainOf, subjectFor, subjectKey, subjectName } from '../identity/subject.ts';
import { credentialNodes } from '../identity/chain-key.ts';
import { sessionHooksOf } from '../identity/kinds/index.ts';
import type { WhoamiReport } from '../session-types.ts';

/** What the caches say about the identity (the default one when none is named). */
export async function whoami(ctx: CoreContext, identity?: string): Promise<WhoamiReport> {
  const { config } = ctx;
  const subject = subjectFor(config, identity);
  const chain = chainOf(config, subject);
  const node = chain.at(-1)!;
  const key = subjectKey(config, subject, ctx.env);
  const last = credentialNodes(chain).at(-1)!;
  const known = sessionHooksOf(node).principal?.(node) ?? {};
  const base: Pick<WhoamiReport, 'identity' | 'kind' | 'chain' | 'account' | 'accountName' | 'role' | 'roleArn'> = {
    identity: subjectName(subject) ?? null, kind: node.kind, chain: chain.map((n) => n.name), ...known,
  };
  // credentials the environment holds (the ambient chain): what it names, not our cache
  const outside = sessionHooksOf(last).whoamiOutside?.(last, ctx.env);
  if (outside !== undefined) return { ...base, signedIn: false, source: 'environment', ...outside };
  const { store } = ctx;
  const cached = await store.read<CachedCredentials>(CREDENTIALS_NAMESPACE, key);
  // what each node of the chain adds from local files (an account id looked up by name, the SSO session)
  const added: Partial<WhoamiReport> = {};
  for (const n of chain) Object.assign(added, await sessionHooksOf(n).whoami?.(ctx, n, known));
  const { ssoSession, ...more } = added;
  const expiresAt = cached?.credentials?.expiresAt;
  return {
    ...base,
    ...more,
    signedIn: cached !== undefined && isFresh(expiresAt, ctx.now(), 0),
    source: cached === undefined ? 'none' : 'cache',
    ...(cached?.region ? { region: cached.region } : {}),
    ...(expiresAt !== undefined ? { expiresAt } : {}),
    ...(cached ? { storedIn: store.pathOf(CREDENTIALS_NAMESPACE, key) } : {}),
    ...(ssoSession ? { ssoSession } : {}),
  };
}
