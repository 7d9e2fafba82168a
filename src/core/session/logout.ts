// `logout`: removes what this tool cached and what its integrations wrote (each kind removes its own), for one
// identity or all; nothing else.
import type { CoreContext } from '../context.ts';
import { CREDENTIALS_NAMESPACE } from '../identity/ensure-chain.ts';
import { subjectFor, subjectKey, subjectName } from '../identity/subject.ts';
import { sessionHooksOf } from '../identity/kinds/index.ts';
import { INTEGRATION_KIND_LIST } from '../integrations/index.ts';
import type { LogoutRequest, LogoutScope } from '../session-types.ts';

/** What each cache namespace holds, for the summary `logout --all` prints. */
const NAMESPACE_LABELS: Record<string, string> = {
  [CREDENTIALS_NAMESPACE]: 'cached identity credentials',
  accounts: 'account-name lookups',
};

/** Each integration kind family's logout once (kinds that share files share the function). */
async function logoutIntegrations(ctx: CoreContext, scope: LogoutScope): Promise<string[]> {
  const removed: string[] = [];
  for (const logoutKind of new Set(INTEGRATION_KIND_LIST.map((kind) => kind.logout))) removed.push(...(await logoutKind(ctx, scope)));
  return removed;
}

/**
 * Removes cached credentials and what the integrations wrote; with `all`, also the SSO sessions of the config.
 * With `dryRun`, lists what it would remove and removes nothing.
 */
export async function logout(ctx: CoreContext, request: LogoutRequest): Promise<{ removed: string[] }> {
  const { store } = ctx;
  const removed: string[] = [];
  const dryRun = request.dryRun === true;
  const drop = async (namespace: string, key: string) => (dryRun ? (await store.read(namespace, key)) !== undefined : store.remove(namespace, key));
  if (request.all) {
    for (const [namespace, label] of Object.entries(NAMESPACE_LABELS)) {
      let count = 0;
      for (const { key } of await store.list(namespace)) if (await drop(namespace, key)) count++;
      if (count > 0) removed.push(`${count} ${label}`);
    }
    removed.push(...(await logoutIntegrations(ctx, { all: true, dryRun })));
    for (const provider of Object.values(ctx.config.providers)) removed.push(...((await sessionHooksOf(provider).logout?.(ctx, provider, { dryRun })) ?? []));
    return { removed };
  }
  const subject = subjectFor(ctx.config, request.identity);
  const name = subjectName(subject);
  const key = subjectKey(ctx.config, subject, ctx.env);
  if (await drop(CREDENTIALS_NAMESPACE, key)) removed.push(`credentials: ${name ?? 'ambient'}`);
  removed.push(...(await logoutIntegrations(ctx, { subject: name, dryRun })));
  return { removed };
}
