// What Docker will actually send to a registry: which config.json it reads, which store answers for the host
// (credHelpers, credsStore, auths), what that store holds, and why it may not be what ecr-auth wrote. The analysis
// is pure (whoShadows); readDockerCredential asks the store the way Docker would.
import { createHash } from 'node:crypto';
import { join, resolve } from 'node:path';
import { Buffer } from 'node:buffer';
import type { DockerConfig } from '../docker/config-model.ts';
import { dockerStoreFor } from '../docker/config-model.ts';
import type { LedgerEntry } from '../docker/ledger.ts';
import { readTextIfExists } from '../fs/atomic-file.ts';
import type { Env } from '../paths.ts';

export interface DockerCredential {
  username: string;
  password: string;
}

/** Where Docker keeps a host's credential: "auths", "credsStore <name>" or "credHelpers <name>". */
export function storeLabel(config: DockerConfig, host: string): string {
  const store = dockerStoreFor(config, host);
  return store.kind === 'auths' ? 'auths' : `${store.kind === 'helper' ? 'credHelpers' : 'credsStore'} "${store.name}"`;
}

/** The auths entry Docker's file store finds for host (also under "https://host" and "http://host", as Docker normalizes). */
export function authsEntryFor(config: DockerConfig, host: string): DockerCredential | undefined {
  const auths = config.auths ?? {};
  for (const key of [host, `https://${host}`, `http://${host}`, `https://${host}/`, `https://${host}/v1/`]) {
    if (!Object.hasOwn(auths, key)) continue;
    const auth = auths[key]?.auth;
    if (typeof auth !== 'string' || auth === '') continue;
    const decoded = Buffer.from(auth, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon > 0) return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
  }
  return undefined;
}

/** The credential Docker gets for host: from the helper or store it asks, else the auths entry. Throws on a helper failure. */
export async function readDockerCredential(config: DockerConfig, host: string, env: Env): Promise<DockerCredential | undefined> {
  const store = dockerStoreFor(config, host);
  if (store.kind === 'auths') return authsEntryFor(config, host);
  const { getCredential } = await import('../docker/creds-store.ts');
  const got = await getCredential(store.name, host, env);
  return got && got.Secret ? { username: got.Username, password: got.Secret } : undefined;
}

/** Why what ecr-auth wrote for host is not what Docker reads, or undefined when nothing stands in the way. Pure. */
export function whoShadows(config: DockerConfig, configPath: string, host: string, ledger: readonly LedgerEntry[]): { problem: string; fix: string } | undefined {
  const here = resolve(configPath);
  const ours = ledger.filter((e) => e.host === host);
  const mine = ours.find((e) => resolve(e.configPath) === here);
  const store = dockerStoreFor(config, host);
  if (!mine) {
    const elsewhere = ours[0];
    if (!elsewhere) return undefined;
    return {
      problem: `ecr-auth wrote the ${host} login to ${elsewhere.configPath}, but Docker reads ${here} here`,
      fix: `set DOCKER_CONFIG=${join(elsewhere.configPath, '..')} (as when you logged in), or run \`ecr-auth ecr-login\` with this DOCKER_CONFIG`,
    };
  }
  if (mine.mode === 'auths' && store.kind === 'store') {
    return {
      problem: `credsStore "${store.name}" in ${here} shadows the auths entry ecr-auth wrote for ${host}: Docker asks the store, not auths`,
      fix: 'run `ecr-auth ecr-login` again (settings.docker.mode auto stores through the credsStore), or set settings.docker.mode: helper',
    };
  }
  if (store.kind === 'helper' && store.name !== 'ecr-auth' && mine.mode !== 'store') {
    return {
      problem: `credHelpers["${host}"] = "${store.name}" in ${here} shadows the ${mine.mode} entry ecr-auth wrote`,
      fix: `remove credHelpers["${host}"] from ${here}, or use settings.docker.mode: helper`,
    };
  }
  if (mine.mode === 'store' && store.kind === 'store' && mine.helper !== store.name) {
    return {
      problem: `ecr-auth stored the ${host} login in docker-credential-${mine.helper}, but credsStore is now "${store.name}"`,
      fix: 'run `ecr-auth ecr-login` again to store it where Docker now looks',
    };
  }
  if (mine.mode === 'store' && store.kind === 'auths') {
    return {
      problem: `ecr-auth stored the ${host} login in docker-credential-${mine.helper}, but ${here} no longer sets credsStore`,
      fix: 'run `ecr-auth ecr-login` again to write it to auths',
    };
  }
  return undefined;
}

/** The Docker context the CLI uses and its daemon endpoint, as `docker context show` decides. */
export interface DockerContextView {
  name: string;
  /** Where the name came from: DOCKER_HOST, DOCKER_CONTEXT, config.json currentContext, or the default. */
  source: string;
  endpoint?: string;
  /** The named context has no metadata: Docker refuses to run. */
  missing?: boolean;
}

/** The context Docker will use: DOCKER_HOST, else DOCKER_CONTEXT, else currentContext, else "default". */
export async function dockerContext(env: Env, config: DockerConfig, configPath: string): Promise<DockerContextView> {
  if (env.DOCKER_HOST) return { name: 'default', source: 'DOCKER_HOST', endpoint: env.DOCKER_HOST };
  const fromEnv = env.DOCKER_CONTEXT;
  const fromConfig = typeof config.currentContext === 'string' && config.currentContext ? config.currentContext : undefined;
  const name = fromEnv ?? fromConfig ?? 'default';
  const source = fromEnv ? 'DOCKER_CONTEXT' : fromConfig ? `currentContext in ${configPath}` : 'default';
  if (name === 'default') return { name, source, endpoint: 'unix:///var/run/docker.sock' };
  const metaPath = join(configPath, '..', 'contexts', 'meta', createHash('sha256').update(name).digest('hex'), 'meta.json');
  const text = await readTextIfExists(metaPath).catch(() => undefined);
  if (text === undefined) return { name, source, missing: true };
  try {
    const meta = JSON.parse(text) as { Endpoints?: { docker?: { Host?: unknown } } };
    const host = meta.Endpoints?.docker?.Host;
    return { name, source, ...(typeof host === 'string' ? { endpoint: host } : {}) };
  } catch {
    return { name, source, missing: true };
  }
}
