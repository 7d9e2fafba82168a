// `logout`: removes what this tool cached and the Docker entries it wrote, for one identity or all; nothing else.
import type { CoreContext } from '../context.ts';
import { removeDockerLogins } from '../docker/login.ts';
import { CREDENTIALS_NAMESPACE } from '../identity/ensure-chain.ts';
import { chainKeys } from '../identity/chain-key.ts';
import { chainOf, subjectFor, subjectName } from '../identity/subject.ts';
import { HOSTS_NAMESPACE, type HostRecord } from '../registry/login.ts';
import { TOKENS_NAMESPACE, type CachedToken } from '../registry/token.ts';
import { removeSsoToken } from '../sso/ensure-token.ts';
import type { LogoutRequest } from '../session-types.ts';
import { storeOf } from './store-of.ts';

const ALL_NAMESPACES = [CREDENTIALS_NAMESPACE, TOKENS_NAMESPACE, HOSTS_NAMESPACE, 'accounts'];

/** Removes cached credentials, tokens and our Docker entries; with `all`, also the SSO sessions of the config. */
export async function logout(ctx: CoreContext, request: LogoutRequest): Promise<{ removed: string[] }> {
  const store = storeOf(ctx);
  const removed: string[] = [];
  if (request.all) {
    for (const namespace of ALL_NAMESPACES) {
      for (const { key } of await store.list(namespace)) {
        if (await store.remove(namespace, key)) removed.push(`${namespace}: ${namespace === HOSTS_NAMESPACE ? key : '1 entry'}`);
      }
    }
    for (const e of await removeDockerLogins(ctx.env, () => true)) removed.push(`docker ${e.mode}: ${e.host}`);
    for (const provider of Object.values(ctx.config.providers)) {
      if (provider.kind === 'aws/iam-identity-center' && (await removeSsoToken(ctx, provider))) removed.push(`sso session: ${provider.name}`);
    }
    return { removed: compact(removed) };
  }
  const subject = subjectFor(ctx.config, request.identity);
  const name = subjectName(subject);
  const key = chainKeys(ctx.config, chainOf(ctx.config, subject), ctx.env).at(-1)!;
  if (await store.remove(CREDENTIALS_NAMESPACE, key)) removed.push(`credentials: ${name ?? 'ambient'}`);
  for (const { key: k, value } of await store.list<CachedToken>(TOKENS_NAMESPACE)) {
    if (value.subject === name && (await store.remove(TOKENS_NAMESPACE, k))) removed.push(`registry token: ${value.public ? 'ecr-public' : value.region}`);
  }
  const hosts = new Set<string>();
  for (const { key: host, value } of await store.list<HostRecord>(HOSTS_NAMESPACE)) {
    if (value.subject === name) {
      hosts.add(host);
      await store.remove(HOSTS_NAMESPACE, host);
    }
  }
  for (const e of await removeDockerLogins(ctx.env, (e) => e.identity === name || hosts.has(e.host))) removed.push(`docker ${e.mode}: ${e.host}`);
  return { removed: compact(removed) };
}

function compact(lines: string[]): string[] {
  const counts = new Map<string, number>();
  for (const line of lines) counts.set(line, (counts.get(line) ?? 0) + 1);
  return [...counts].map(([line, n]) => (n > 1 ? `${line} ×${n}` : line));
}
