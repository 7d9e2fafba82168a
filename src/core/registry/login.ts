// One registry login: a token (cached or fetched) stored where Docker looks for it, and the host remembered so the
// credential helper and `status` can find its token later without the config.
import type { CacheStore } from '../cache/store.ts';
import type { ResolvedConfig } from '../config/model.ts';
import type { CoreContext } from '../context.ts';
import { warnIfDockerConfigInGitWorkTree } from '../docker/git-work-tree.ts';
import { saveDockerLogin } from '../docker/login.ts';
import { subjectName } from '../identity/subject.ts';
import type { RegistryLogin } from '../session-types.ts';
import type { RegistryTarget } from './targets.ts';
import { ensureRegistryToken, type SubjectCredentials } from './token.ts';

/** Cache namespace mapping a registry host to the token that serves it. */
export const HOSTS_NAMESPACE = 'hosts';

export interface HostRecord {
  host: string;
  tokenKey: string;
  integration?: string;
  subject: string | undefined;
  region: string;
  /** The minimum validity in force when it was written: the credential helper applies it without loading the config. */
  minValidityMs: number;
  configPath?: string;
}

/** Ensures Docker can reach one registry, reusing a valid token. */
export async function ensureRegistryLogin(
  ctx: CoreContext,
  store: CacheStore,
  config: ResolvedConfig,
  target: RegistryTarget,
  credentials?: SubjectCredentials,
): Promise<RegistryLogin> {
  const { token, source, key } = await ensureRegistryToken(ctx, store, config, target, credentials);
  const saved = await saveDockerLogin({
    env: ctx.env,
    host: target.host,
    username: token.username,
    password: token.password,
    mode: config.settings.docker.mode,
    log: ctx.log,
    ...(subjectName(target.subject) ? { identity: subjectName(target.subject) } : {}),
  });
  if (saved.mode === 'auths') await warnIfDockerConfigInGitWorkTree(saved.configPath, ctx.log);
  const record: HostRecord = {
    host: target.host,
    tokenKey: key,
    subject: subjectName(target.subject),
    region: target.region,
    minValidityMs: ctx.minValidityMs,
    ...(target.integration ? { integration: target.integration } : {}),
    ...(config.source ? { configPath: config.source } : {}),
  };
  const previous = await store.read<HostRecord>(HOSTS_NAMESPACE, target.host);
  if (JSON.stringify(previous) !== JSON.stringify(record)) await store.write(HOSTS_NAMESPACE, target.host, record);
  return {
    host: target.host,
    ...(target.integration ? { integration: target.integration } : {}),
    identity: subjectName(target.subject),
    region: target.region,
    expiresAt: token.expiresAt,
    source,
    storedIn: saved.storedIn,
  };
}
