// `status`: every SSO session, identity and registry of the config: valid or not, expiry, where stored.
// Reads local files only: it never calls AWS and never loads the SDK.
import { isFresh } from '../cache/freshness.ts';
import type { CoreContext } from '../context.ts';
import { type DockerConfig, readDockerConfig } from '../docker/config-file.ts';
import { authDigest, type LedgerEntry } from '../docker/ledger.ts';
import { ECR_AUTH_HELPER, readDockerLedger } from '../docker/login.ts';
import { own } from '../config/names.ts';
import { CREDENTIALS_NAMESPACE, type CachedCredentials } from '../identity/ensure-chain.ts';
import { subjectKey } from '../identity/subject.ts';
import { integrationTargets } from '../registry/targets.ts';
import { tokenKey, TOKENS_NAMESPACE, type CachedToken } from '../registry/token.ts';
import { readSsoTokenStatus } from '../sso/ensure-token.ts';
import type { StatusEntry } from '../session-types.ts';
import { storeOf } from './store-of.ts';

/** Every identity and registry of the config, from the caches. */
export async function status(ctx: CoreContext): Promise<StatusEntry[]> {
  const { config } = ctx;
  const store = storeOf(ctx);
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
    entry('identity', name, cached?.credentials.expiresAt, ambient ? 'environment' : store.pathOf(CREDENTIALS_NAMESPACE, key), cached !== undefined || ambient);
  }
  const ledger = await readDockerLedger(ctx.env);
  const dockerConfigs = new Map<string, Promise<DockerConfig | undefined>>();
  const dockerConfig = (path: string) => {
    if (!dockerConfigs.has(path)) dockerConfigs.set(path, readDockerConfig(ctx.env, { path }).then((r) => (r.exists ? r.config : undefined), () => undefined));
    return dockerConfigs.get(path)!;
  };
  for (const integration of Object.values(config.integrations)) {
    for (const target of integrationTargets(integration)) {
      const token = await store.read<CachedToken>(TOKENS_NAMESPACE, tokenKey(ctx, config, target));
      const docker = ledger.find((e) => e.host === target.host);
      // the ledger says what we wrote; the Docker config says whether it is still there (`docker logout` removes it)
      const present = docker !== undefined && stillInDocker(await dockerConfig(docker.configPath), docker);
      const where = docker ? `docker:${docker.mode}${docker.helper ? `:${docker.helper}` : ''} (${docker.configPath})` : undefined;
      const storedIn = docker && !present ? `not in ${docker.configPath} any more (docker logout?)` : where;
      entry('registry', `${target.host} (${integration.name})`, token?.expiresAt, storedIn, token !== undefined && present);
    }
  }
  return entries;
}

/** Whether the Docker config still holds the entry the ledger says we wrote (and, for auths, the same secret). */
function stillInDocker(config: DockerConfig | undefined, entry: LedgerEntry): boolean {
  if (config === undefined) return false;
  if (entry.mode === 'helper') return own(config.credHelpers, entry.host) === ECR_AUTH_HELPER;
  const auth = own(config.auths, entry.host);
  if (auth === undefined) return false;
  if (entry.mode === 'store') return true;
  return typeof auth.auth === 'string' && (entry.authDigest === undefined || authDigest(auth.auth) === entry.authDigest);
}
