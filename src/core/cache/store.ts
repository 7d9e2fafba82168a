// The credential cache on disk: one small JSON file per (namespace, key), written atomically with owner-only
// permissions, with a lock path per entry for single-flight refreshes across processes.
import { createHash } from 'node:crypto';
import { chmod, lstat, readdir, unlink } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Logger } from '../context.ts';
import { silentLogger } from '../context.ts';
import { EcrAuthError } from '../errors.ts';
import { describeWriteFailure, errorCode, readTextIfExists, writeFileAtomic } from '../fs/atomic-file.ts';
import { gitWorkTreeOf } from '../fs/git-work-tree.ts';

/** A namespaced key-value store of JSON values; keys are free-form (identity names contain `/` and `.`). */
export interface CacheStore {
  dir: string;
  read<T>(namespace: string, key: string): Promise<T | undefined>;
  write(namespace: string, key: string, value: unknown): Promise<void>;
  remove(namespace: string, key: string): Promise<boolean>;
  list<T>(namespace: string): Promise<Array<{ key: string; value: T }>>;
  lockPath(namespace: string, key: string): string;
  pathOf(namespace: string, key: string): string;
}

/** The envelope around every cached value; anything else in the directory reads as absent. */
export interface CacheEnvelope<T = unknown> {
  version: 1;
  key: string;
  writtenAt: string;
  value: T;
}

export interface CacheStoreOptions {
  /** Clock for `writtenAt`; default Date.now. */
  now?: () => number;
}

/** The file name part for a key: first 32 hex digits of its sha256. */
export function hashKey(key: string): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 32);
}

/** Opens (lazily: nothing is created until the first write) the cache rooted at `dir`. */
export function openCacheStore(dir: string, log: Logger = silentLogger, options: CacheStoreOptions = {}): CacheStore {
  const root = resolve(dir);
  const now = options.now ?? Date.now;
  const pathOf = (namespace: string, key: string) => join(root, checkNamespace(namespace), `${hashKey(key)}.json`);
  const decode = <T>(text: string, path: string, key?: string): CacheEnvelope<T> | undefined => {
    const envelope = parseEnvelope<T>(text);
    if (envelope && (key === undefined || envelope.key === key)) return envelope;
    log.verbose(`ignoring cache file ${path}: not an ecr-auth cache entry${envelope ? ' for this key' : ''} (it will be overwritten)`);
    return undefined;
  };
  return {
    dir: root,
    pathOf,
    lockPath: (namespace, key) => join(root, 'locks', `${checkNamespace(namespace)}-${hashKey(key)}.lock`),
    async read<T>(namespace: string, key: string) {
      const path = pathOf(namespace, key);
      const text = await readEntryText(path, log);
      return text === undefined ? undefined : decode<T>(text, path, key)?.value;
    },
    async write(namespace, key, value) {
      await warnIfInsideGitWorkTree(root, log);
      const envelope: CacheEnvelope = { version: 1, key, writtenAt: new Date(now()).toISOString(), value };
      const text = `${JSON.stringify(envelope, null, 2)}\n`;
      const path = pathOf(namespace, key);
      try {
        await writeFileAtomic(path, text, { mode: 0o600, dirMode: 0o700, replaceSymlink: true });
      } catch (error) {
        throw new EcrAuthError('E_CACHE', `cannot write the cache entry ${path}: ${describeWriteFailure(error)}`, {
          hint: `free space or make ${root} writable by this user, or point ECR_AUTH_CACHE_DIR at a writable directory`,
          cause: error,
        });
      }
    },
    async remove(namespace, key) {
      try {
        await unlink(pathOf(namespace, key));
        return true;
      } catch (error) {
        if (errorCode(error) === 'ENOENT') return false;
        throw error;
      }
    },
    async list<T>(namespace: string) {
      const folder = join(root, checkNamespace(namespace));
      const names = await readdir(folder).catch((error) => (errorCode(error) === 'ENOENT' ? [] : Promise.reject(error)));
      const entries: Array<{ key: string; value: T }> = [];
      for (const name of names.filter((n) => /^[0-9a-f]{32}\.json$/.test(n)).sort()) {
        const path = join(folder, name);
        const text = await readEntryText(path, log).catch(() => undefined);
        const envelope = text === undefined ? undefined : decode<T>(text, path);
        if (envelope && hashKey(envelope.key) === name.slice(0, 32)) entries.push({ key: envelope.key, value: envelope.value });
      }
      return entries;
    },
  };
}

/**
 * Caches a credential that was just obtained and can be obtained again (a registry token, role credentials, an
 * account id: nothing rotated, so nothing is lost when the write fails). A failed write is a warning and the
 * credential is used from memory; the next run obtains it again. (A rotated secret follows the other rule: see
 * sso/ensure-token.ts, which keeps it somewhere durable or fails.)
 */
export async function cacheOrWarn(store: CacheStore, log: Logger, namespace: string, key: string, value: unknown, what: string): Promise<void> {
  try {
    await store.write(namespace, key, value);
  } catch (error) {
    if (!(error instanceof EcrAuthError)) throw error;
    log.warn(`${what} is used, but could not be cached (${error.message}); the next run obtains it again`);
  }
}

/**
 * A cache file's text, or undefined when there is none. A symlink is never followed (it reads as absent and the next
 * write replaces the link, not its target); a file open to other users is tightened to 0600, with a warning.
 */
async function readEntryText(path: string, log: Logger): Promise<string | undefined> {
  const info = await lstat(path).catch(() => undefined);
  if (info?.isSymbolicLink()) {
    log.verbose(`ignoring cache file ${path}: a symbolic link is never followed (the next write replaces it with a file)`);
    return undefined;
  }
  if (info !== undefined && !info.isFile() && !info.isDirectory()) {
    // a FIFO, socket or device is never opened (it could block); like a corrupt entry it reads as absent and the
    // next write replaces it with a file
    log.verbose(`ignoring cache file ${path}: not a regular file (the next write replaces it with a file)`);
    return undefined;
  }
  let text: string | undefined;
  try {
    text = await readTextIfExists(path);
  } catch (error) {
    // a directory stays an error (E_CACHE naming it: a user's data may be in it); an oversized file reads as absent
    if (!(error instanceof EcrAuthError) || info === undefined || info.isDirectory()) throw error;
    log.verbose(`ignoring cache file ${path}: ${error.message} (the next write replaces it)`);
    return undefined;
  }
  if (text !== undefined && info?.isFile() && (info.mode & 0o077) !== 0) {
    const mode = (info.mode & 0o777).toString(8);
    const done = await chmod(path, 0o600).then(() => 'tightened it to 0600', () => `could not tighten it: run chmod 600 "${path}"`);
    log.warn(`the cache file ${path} was readable by other users (mode ${mode}); ${done}`);
  }
  return text;
}

/** The envelope in a cache file's text, or undefined when it is corrupt or foreign. */
export function parseEnvelope<T>(text: string): CacheEnvelope<T> | undefined {
  try {
    const value = JSON.parse(text) as Partial<CacheEnvelope<T>> | null;
    if (value && typeof value === 'object' && value.version === 1 && typeof value.key === 'string' && 'value' in value) {
      return value as CacheEnvelope<T>;
    }
  } catch {
    // corrupt: reads as absent
  }
  return undefined;
}

function checkNamespace(namespace: string): string {
  if (!/^[a-z0-9][a-z0-9._-]*$/i.test(namespace) || namespace === 'locks') {
    throw new Error(`invalid cache namespace ${JSON.stringify(namespace)}`);
  }
  return namespace;
}

/** Directories already warned about, per logger: a store opened with the silent logger must not use up the warning. */
const warnedDirs = new WeakMap<Logger, Set<string>>();

/** Warns once per process, logger and directory when the cache sits inside a git work tree (credentials next to code). */
async function warnIfInsideGitWorkTree(dir: string, log: Logger): Promise<void> {
  if (log === silentLogger) return;
  const warned = warnedDirs.get(log) ?? new Set<string>();
  warnedDirs.set(log, warned);
  if (warned.has(dir)) return;
  warned.add(dir);
  const tree = await gitWorkTreeOf(dir);
  if (tree === undefined) return;
  log.warn(`the ecr-auth cache ${dir} is inside the git work tree ${tree}: credentials are cached inside a repository; set ECR_AUTH_CACHE_DIR outside it and make sure it is git-ignored`);
}
