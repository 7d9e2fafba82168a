// Reading and updating Docker's config.json on disk: one locked read-modify-write, atomic, keeping the file's
// mode and owner, never touching a file it cannot parse, and not writing at all when nothing changed.
import { createHash } from 'node:crypto';
import { access, constants, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import process from 'node:process';
import { EcrAuthError } from '../errors.ts';
import { errorCode, readTextIfExists, writeFileAtomic } from '../fs/atomic-file.ts';
import { type LockOptions, withLock } from '../fs/lock.ts';
import { cacheDir, dockerConfigDir, type Env } from '../paths.ts';
import { type DockerConfig, parseDockerConfig, serializeDockerConfig } from './config-model.ts';
import { rewriteDockerConfigText } from './config-text.ts';

export {
  type DockerAuthEntry,
  type DockerConfig,
  dockerStoreFor,
  encodeAuth,
  parseDockerConfig,
  removeAuth,
  removeCredHelper,
  serializeDockerConfig,
  setAuth,
  setCredHelper,
  setStoreMarker,
} from './config-model.ts';

/** `$DOCKER_CONFIG/config.json`, else `~/.docker/config.json`. */
export function dockerConfigPath(env: Env): string {
  return join(dockerConfigDir(env), 'config.json');
}

export interface DockerConfigOptions {
  /** Another config.json than the one the environment names (e.g. one recorded in the ledger). */
  path?: string;
  lock?: LockOptions;
}

/** The Docker config as it is now ({} when there is no file); throws E_DOCKER_CONFIG when it cannot be understood. */
export async function readDockerConfig(env: Env, options: { path?: string } = {}): Promise<{ path: string; config: DockerConfig; exists: boolean }> {
  const path = options.path ?? dockerConfigPath(env);
  const text = await readConfigText(path);
  return { path, config: parseDockerConfig(text ?? '', path), exists: text !== undefined };
}

/**
 * Read-modify-write of config.json under a cross-process lock. `mutate` gets the parsed config and returns the new
 * one (or undefined for "no change"); the file is rewritten atomically only when the result differs.
 */
export async function updateDockerConfig(
  env: Env,
  mutate: (config: DockerConfig) => DockerConfig | undefined,
  options: DockerConfigOptions = {},
): Promise<{ path: string; changed: boolean; config: DockerConfig }> {
  const path = resolve(options.path ?? dockerConfigPath(env));
  return withLock(dockerConfigLockPath(env, path), async () => {
    const text = await readConfigText(path);
    const before = parseDockerConfig(text ?? '', path);
    const after = mutate(structuredClone(before));
    if (after === undefined || serializeDockerConfig(after) === serializeDockerConfig(before)) {
      return { path, changed: false, config: before };
    }
    const existing = text === undefined ? undefined : await stat(path);
    if (existing && ((existing.mode & 0o222) === 0 || !(await access(path, constants.W_OK).then(() => true, () => false)))) {
      throw writeError(path, 'is read-only');
    }
    const owner = existing && process.getuid?.() === 0 && existing.uid !== 0 ? { uid: existing.uid, gid: existing.gid } : {};
    try {
      // edits in place: every byte of what ecr-auth does not own stays as it was (numbers, order, duplicate keys)
      await writeFileAtomic(path, rewriteDockerConfigText(text ?? '', before, after), { mode: existing ? existing.mode & 0o777 : 0o600, dirMode: 0o700, ...owner });
    } catch (error) {
      throw writeError(path, `cannot be written (${errorCode(error) ?? String(error)})`);
    }
    return { path, changed: true, config: after };
  }, options.lock);
}

/** The lock serializing writers of one config.json; kept in our cache dir so Docker's directory gets no extra files. */
export function dockerConfigLockPath(env: Env, configPath: string): string {
  const digest = createHash('sha256').update(resolve(configPath)).digest('hex').slice(0, 32);
  return join(cacheDir(env), 'locks', `docker-config-${digest}.lock`);
}

function readConfigText(path: string): Promise<string | undefined> {
  return readTextIfExists(path, {
    code: 'E_DOCKER_CONFIG',
    hint: `Docker expects a readable JSON file at ${path}: move what is there aside (mv "${path}" "${path}.bak") or set DOCKER_CONFIG to another directory.`,
  });
}

function writeError(path: string, what: string): EcrAuthError {
  return new EcrAuthError('E_DOCKER_CONFIG', `The Docker config ${path} ${what}; nothing was changed`, {
    hint: `Make ${path} and its directory writable by this user (chmod u+w), or set DOCKER_CONFIG to a writable directory.`,
  });
}
