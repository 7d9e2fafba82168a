// `logout`: removes what this tool cached and the Docker entries it wrote, for one identity or all; nothing else.
import type { CoreContext } from '../context.ts';
import { readDockerLedger, removeDockerLogins } from '../docker/login.ts';
import type { LedgerEntry } from '../docker/ledger.ts';
import { CREDENTIALS_NAMESPACE } from '../identity/ensure-chain.ts';
import { subjectFor, subjectKey, subjectName } from '../identity/subject.ts';
import { HOSTS_NAMESPACE, type HostRecord } from '../registry/login.ts';
import { TOKENS_NAMESPACE, type CachedToken } from '../registry/token.ts';
import { removeSsoToken } from '../sso/ensure-token.ts';
import type { LogoutRequest } from '../session-types.ts';
import { storeOf } from './store-of.ts';

/** What each cache namespace holds, for the summary `logout --all` prints. */
const NAMESPACE_LABELS: Record<string, string> = {
  [CREDENTIALS_NAMESPACE]: 'cached identity credentials',
  [TOKENS_NAMESPACE]: 'cached registry tokens',
  [HOSTS_NAMESPACE]: 'registry host records',
  accounts: 'account-name lookups',
};

/**
 * Removes cached credentials, tokens and our Docker entries; with `all`, also the SSO sessions of the config.
 * With `dryRun`, lists what it would remove and removes nothing.
 */
export async function logout(ctx: CoreContext, request: LogoutRequest): Promise<{ removed: string[] }> {
  const store = storeOf(ctx);
  const removed: string[] = [];
  const dryRun = request.dryRun === true;
  const drop = async (namespace: string, key: string) => (dryRun ? (await store.read(namespace, key)) !== undefined : store.remove(namespace, key));
  const dropDocker = async (filter: (entry: LedgerEntry) => boolean) =>
    dryRun ? (await readDockerLedger(ctx.env)).filter(filter) : removeDockerLogins(ctx.env, filter);
  if (request.all) {
    for (const [namespace, label] of Object.entries(NAMESPACE_LABELS)) {
      let count = 0;
      for (const { key } of await store.list(namespace)) if (await drop(namespace, key)) count++;
      if (count > 0) removed.push(`${count} ${label}`);
    }
    for (const e of await dropDocker(() => true)) removed.push(`docker ${e.mode}: ${e.host}`);
    for (const provider of Object.values(ctx.config.providers)) {
      if (provider.kind === 'aws/iam-identity-center' && (await removeSsoToken(ctx, provider, { onlyOurs: true, dryRun }))) removed.push(`sso session: ${provider.name}`);
    }
    return { removed };
  }
  const subject = subjectFor(ctx.config, request.identity);
  const name = subjectName(subject);
  const key = subjectKey(ctx.config, subject, ctx.env);
  if (await drop(CREDENTIALS_NAMESPACE, key)) removed.push(`credentials: ${name ?? 'ambient'}`);
  for (const { key: k, value } of await store.list<CachedToken>(TOKENS_NAMESPACE)) {
    if (value.subject === name && (await drop(TOKENS_NAMESPACE, k))) removed.push(`registry token: ${value.public ? 'ECR Public' : value.region}`);
  }
  const hosts = new Set<string>();
  for (const { key: host, value } of await store.list<HostRecord>(HOSTS_NAMESPACE)) {
    if (value.subject === name) {
      hosts.add(host);
      await drop(HOSTS_NAMESPACE, host);
    }
  }
  for (const e of await dropDocker((e) => e.identity === name || hosts.has(e.host))) removed.push(`docker ${e.mode}: ${e.host}`);
  return { removed };
}
