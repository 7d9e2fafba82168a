// Writing a file so that readers see either the old or the new content, never a torn one, with the
// permissions set before the first byte lands; and reading a file that may legitimately be absent.
import { randomBytes } from 'node:crypto';
import { fsync } from 'node:fs';
import { type FileHandle, lstat, mkdir, open, readdir, readlink, rename, unlink } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import { EcrAuthError, type ErrorCode } from '../errors.ts';
import { readBounded, RefusedFileError } from './read-bounded.ts';

export interface WriteFileAtomicOptions {
  /** Mode of the written file; default 0o600. Applied at creation and again with chmod (umask cannot widen it). */
  mode?: number;
  /** Mode of directories it has to create; default 0o700. */
  dirMode?: number;
  /** Owner to give the new file (best effort), e.g. to keep a user's file theirs when running under sudo. */
  uid?: number;
  gid?: number;
  /** Replace a symlink at `path` by the file instead of writing through it (files only this tool reads: its cache). */
  replaceSymlink?: boolean;
}

/** Follows a chain of symlinks to the path that would really be written, even when the final target is missing. */
export async function resolveWriteTarget(path: string): Promise<string> {
  let current = resolve(path);
  for (let hops = 0; hops < 40; hops++) {
    let link: string;
    try {
      if (!(await lstat(current)).isSymbolicLink()) return current;
      link = await readlink(current);
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return current;
      throw error;
    }
    current = isAbsolute(link) ? link : resolve(dirname(current), link);
  }
  throw new EcrAuthError('E_CACHE', `Too many levels of symbolic links at ${path}`, {
    hint: 'Fix the symlink loop, or point the path at a regular file.',
  });
}

/** A temp file older than this was left by a writer that died mid-write (a write takes milliseconds). */
export const STALE_TEMP_MS = 10 * 60_000;

/**
 * Replaces `path` atomically: a temp file beside it (random name, O_EXCL, mode set at creation), write, fsync,
 * rename over the target, fsync the directory (best effort). A symlink at `path` is written through, so it survives
 * (unless `replaceSymlink`).
 * Temp files of this target that a killed writer left behind are removed once older than STALE_TEMP_MS.
 */
export async function writeFileAtomic(
  path: string,
  data: string | Uint8Array,
  options: WriteFileAtomicOptions = {},
): Promise<void> {
  const mode = options.mode ?? 0o600;
  const target = options.replaceSymlink ? resolve(path) : await resolveWriteTarget(path);
  const dir = dirname(target);
  await mkdir(dir, { recursive: true, mode: options.dirMode ?? 0o700 });
  const temp = join(dir, `.${basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(temp, 'wx', mode);
  let renamed = false;
  try {
    try {
      await handle.chmod(mode);
      if (options.uid !== undefined && options.gid !== undefined) await handle.chown(options.uid, options.gid).catch(() => {});
      await handle.writeFile(data);
      await syncHandle(handle);
    } finally {
      await handle.close();
    }
    await rename(temp, target);
    renamed = true;
  } finally {
    if (!renamed) await unlink(temp).catch(() => {});
  }
  await syncDirectory(dir);
  await removeStaleTemps(dir, basename(target), Date.now());
}

/** Removes `.<name>.<12 hex>.tmp` files older than STALE_TEMP_MS from dir: what killed writers left (best effort). */
export async function removeStaleTemps(dir: string, name: string, now: number): Promise<void> {
  const prefix = `.${name}.`;
  const names = await readdir(dir).catch(() => [] as string[]);
  for (const entry of names) {
    if (!entry.startsWith(prefix) || !/^[0-9a-f]{12}\.tmp$/.test(entry.slice(prefix.length))) continue;
    const temp = join(dir, entry);
    const info = await lstat(temp).catch(() => undefined);
    if (info?.isFile() && now - info.mtimeMs > STALE_TEMP_MS) await unlink(temp).catch(() => {});
  }
}

/**
 * fsync(2) on the handle's descriptor. Not FileHandle.sync(): Yarn Plug'n'Play's fs layer wraps file handles and
 * its sync() throws "Method not implemented." (E_INTERNAL in `yarn ecr-auth login`); the descriptor of a file on
 * disk is a real one there, and node:fs fsync works on it under Node, PnP and Deno alike.
 */
function syncHandle(handle: FileHandle): Promise<void> {
  return new Promise((resolve, reject) => fsync(handle.fd, (error) => (error ? reject(error) : resolve())));
}

/** fsync of a directory so the rename itself is durable; not every platform allows it, so failures are ignored. */
async function syncDirectory(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r');
    try {
      await syncHandle(handle);
    } finally {
      await handle.close();
    }
  } catch {
    // Windows and some file systems refuse to open or fsync a directory: the rename is still atomic.
  }
}

export interface ReadTextOptions {
  /** Error code for a path that exists but cannot be read as a file; default E_CACHE. */
  code?: ErrorCode;
  /** What the user should do when it cannot be read; a sensible default is given. */
  hint?: string;
  /** Largest size accepted (see read-bounded.ts); default 4 MB. */
  maxBytes?: number;
}

/**
 * The file's text, or undefined when it does not exist. Every file ecr-auth reads goes through here (or through
 * read-bounded.ts directly): a FIFO, device, socket or directory is refused without being waited on, a file over
 * the size cap is refused before it is read, and either is an EcrAuthError, as is an unreadable file.
 */
export async function readTextIfExists(path: string, options: ReadTextOptions = {}): Promise<string | undefined> {
  try {
    return await readBounded(path, { maxBytes: options.maxBytes });
  } catch (error) {
    if (error instanceof RefusedFileError) {
      throw new EcrAuthError(options.code ?? 'E_CACHE', error.message, {
        hint: options.hint ?? `Move ${path} out of the way (ecr-auth only reads regular files of bounded size), then run the command again.`,
      });
    }
    const code = errorCode(error);
    if (code === 'ENOENT') return undefined;
    const what =
      code === 'EISDIR' ? 'is a directory, not a file' : code === 'EACCES' || code === 'EPERM' ? 'is not readable (permission denied)' : `cannot be read (${code ?? 'unknown error'})`;
    throw new EcrAuthError(options.code ?? 'E_CACHE', `${path} ${what}`, {
      hint: options.hint ?? `Move ${path} out of the way or fix its permissions, then run the command again.`,
    });
  }
}

/** Words for why a write failed: "no space left on the device (ENOSPC)", "permission denied (EACCES)"... */
export function describeWriteFailure(error: unknown): string {
  if (error instanceof EcrAuthError) return error.message;
  const code = errorCode(error);
  const words: Record<string, string> = {
    ENOSPC: 'no space left on the device', EDQUOT: 'disk quota exceeded', EROFS: 'read-only file system',
    EACCES: 'permission denied', EPERM: 'operation not permitted', EIO: 'input/output error',
    ENOTDIR: 'a path component is not a directory', EISDIR: 'it is a directory',
  };
  if (code === undefined) return error instanceof Error ? error.message : String(error);
  return Object.hasOwn(words, code) ? `${words[code]} (${code})` : code;
}

/** The `code` of a Node system error (ENOENT, EEXIST...), if there is one. */
export function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}
