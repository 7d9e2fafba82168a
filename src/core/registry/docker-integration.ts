// What the integration kinds whose credential is a Docker registry login (aws/ecr, aws/ecr-public) share: log in to
// each registry, report each in `status`, and remove our tokens, host records and Docker entries at `logout`.
import type { CoreContext } from '../context.ts';
import { own } from '../config/names.ts';
import { type DockerConfig, readDockerConfig } from '../docker/config-file.ts';
import { authDigest, type LedgerEntry } from '../docker/ledger.ts';
import { ECR_AUTH_HELPER, readDockerLedger, removeDockerLogins } from '../docker/login.ts';
import type { LogoutScope, RegistryLogin, StatusEntry } from '../session-types.ts';
import { isFresh } from '../cache/freshness.ts';
import { ensureRegistryLogin, HOSTS_NAMESPACE, type HostRecord } from './login.ts';
import type { RegistryTarget } from './targets.ts';
import { type CachedToken, tokenKey, TOKENS_NAMESPACE } from './token.ts';

/** Logs Docker in to each registry of an integration, concurrently. */
export async function ensureDockerLogins(ctx: CoreContext, targets: RegistryTarget[]): Promise<RegistryLogin[]> {
  return Promise.all(targets.map((target) => ensureRegistryLogin(ctx, ctx.config, target)));
}

/** Whether the Docker config still holds the entry the ledger says we wrote (`docker logout` removes it). */
function stillInDocker(config: DockerConfig | undefined, entry: LedgerEntry): boolean {
  if (config === undefined) return false;
  if (entry.mode === 'helper') return own(config.credHelpers, entry.host) === ECR_AUTH_HELPER;
  const auth = own(config.auths, entry.host);
  if (auth === undefined) return false;
  if (entry.mode === 'store') return true;
  return typeof auth.auth === 'string' && (entry.authDigest === undefined || authDigest(auth.auth) === entry.authDigest);
}

/**
 * One `registry` line per registry: valid when its token is cached and Docker still has our entry for it (the
 * ledger says what we wrote; the Docker config says whether it is still there).
 */
export async function dockerLoginStatus(ctx: CoreContext, integration: { name: string }, targets: RegistryTarget[]): Promise<StatusEntry[]> {
  const ledger = await readDockerLedger(ctx.env);
  const dockerConfigs = new Map<string, Promise<DockerConfig | undefined>>();
  const dockerConfig = (path: string) => {
    if (!dockerConfigs.has(path)) dockerConfigs.set(path, readDockerConfig(ctx.env, { path }).then((r) => (r.exists ? r.config : undefined), () => undefined));
    return dockerConfigs.get(path)!;
  };
  const entries: StatusEntry[] = [];
  for (const target of targets) {
    const token = await ctx.store.read<CachedToken>(TOKENS_NAMESPACE, tokenKey(ctx, ctx.config, target));
    const docker = ledger.find((e) => e.host === target.host);
    const present = docker !== undefined && stillInDocker(await dockerConfig(docker.configPath), docker);
    const where = docker ? `docker:${docker.mode}${docker.helper ? `:${docker.helper}` : ''} (${docker.configPath})` : undefined;
    const storedIn = docker && !present ? `not in ${docker.configPath} any more (docker logout?)` : where;
    entries.push({
      kind: 'registry',
      name: `${target.host} (${integration.name})`,
      valid: token !== undefined && present && isFresh(token.expiresAt, ctx.now(), 0),
      ...(token?.expiresAt !== undefined ? { expiresAt: token.expiresAt } : {}),
      ...(storedIn !== undefined ? { storedIn } : {}),
    });
  }
  return entries;
}

/** Removes registry tokens, host records and our Docker entries: of one subject, or all of them (dryRun: lists them). */
export async function logoutDockerLogins(ctx: CoreContext, scope: LogoutScope): Promise<string[]> {
  const { store } = ctx;
  const removed: string[] = [];
  const dryRun = scope.dryRun === true;
  const drop = async (namespace: string, key: string) => (dryRun ? (await store.read(namespace, key)) !== undefined : store.remove(namespace, key));
  const dropDocker = async (filter: (entry: LedgerEntry) => boolean) =>
    dryRun ? (await readDockerLedger(ctx.env)).filter(filter) : removeDockerLogins(ctx.env, filter);
  if ('all' in scope) {
    for (const [namespace, label] of [[TOKENS_NAMESPACE, 'cached registry tokens'], [HOSTS_NAMESPACE, 'registry host records']] as const) {
      let count = 0;
      for (const { key } of await store.list(namespace)) if (await drop(namespace, key)) count++;
      if (count > 0) removed.push(`${count} ${label}`);
    }
    for (const e of await dropDocker(() => true)) removed.push(`docker ${e.mode}: ${e.host}`);
    return removed;
  }
  const name = scope.subject;
  for (const { key, value } of await store.list<CachedToken>(TOKENS_NAMESPACE)) {
    if (value.subject === name && (await drop(TOKENS_NAMESPACE, key))) {
      removed.push(`registry token: ${value.label ?? ((value as { public?: boolean }).public ? 'ECR Public' : value.region)}`);
    }
  }
  const hosts = new Set<string>();
  for (const { key: host, value } of await store.list<HostRecord>(HOSTS_NAMESPACE)) {
    if (value.subject === name) {
      hosts.add(host);
      await drop(HOSTS_NAMESPACE, host);
    }
  }
  for (const e of await dropDocker((e) => e.identity === name || hosts.has(e.host))) removed.push(`docker ${e.mode}: ${e.host}`);
  return removed;
}
