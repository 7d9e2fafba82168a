// One registry login: a token (cached or fetched) stored where Docker looks for it, and the host remembered so the
// credential helper and `status` can find its token later without the config.
import { cacheOrWarn } from '../cache/store.ts';
import type { ResolvedConfig } from '../config/model.ts';
import type { CoreContext } from '../context.ts';
import { audit } from '../audit/sink.ts';
import { warnIfDockerConfigInGitWorkTree } from '../docker/git-work-tree.ts';
import { saveDockerLogin } from '../docker/login.ts';
import { subjectName } from '../identity/subject.ts';
import type { RegistryLogin } from '../session-types.ts';
import type { RegistryTarget } from './targets.ts';
import { ensureRegistryToken } from './token.ts';
import { HOSTS_NAMESPACE, type HostRecord } from './host-record.ts';

export { HOSTS_NAMESPACE, type HostRecord } from './host-record.ts';

/** Ensures Docker can reach one registry, reusing a valid token. */
export async function ensureRegistryLogin(
  ctx: CoreContext,
  config: ResolvedConfig,
  target: RegistryTarget,
): Promise<RegistryLogin> {
  const { store } = ctx;
  const { token, source, key } = await ensureRegistryToken(ctx, config, target);
  const identity = subjectName(target.subject);
  const event = {
    event: 'write' as const,
    target: 'docker',
    ...(identity ? { identity } : {}),
    ...(target.accountId ? { account: target.accountId } : {}),
    region: target.region,
    registry: target.host,
    ...(target.integration ? { integration: target.integration } : {}),
  };
  let saved: Awaited<ReturnType<typeof saveDockerLogin>>;
  try {
    saved = await saveDockerLogin({
      env: ctx.env,
      host: target.host,
      username: token.username,
      password: token.password,
      mode: config.settings.docker.mode,
      log: ctx.log,
      ...(identity ? { identity } : {}),
    });
  } catch (error) {
    await audit(ctx, { ...event, outcome: 'failure', error: (error as { code?: string }).code ?? 'E_INTERNAL' });
    throw error;
  }
  if (saved.changed) await audit(ctx, { ...event, outcome: 'success', path: saved.configPath, detail: saved.storedIn });
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
  if (JSON.stringify(previous) !== JSON.stringify(record)) {
    await cacheOrWarn(store, ctx.log, HOSTS_NAMESPACE, target.host, record, `the login to ${target.host}`);
  }
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
