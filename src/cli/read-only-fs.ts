// `node:fs/promises` as the bundled bins see it (scripts/bundle-bins.mjs substitutes this module for it in
// dist/cli/ecr-auth-cached.cjs and dist/cli/docker-credential-ecr-auth.cjs). The core's own functions run there
// unchanged, but the reads a cached answer makes (a few dozen: config search, memo, caches, Docker config) are done
// synchronously: no thread-pool round trip each, and node:fs/promises (with the streams it loads) is never loaded.
// A cached answer changes nothing, so every call that would change a file rejects: the run then falls through to
// the full CLI, whose node:fs/promises is the real one.
import * as fs from 'node:fs';

export const constants = fs.constants;

export async function readFile(path: fs.PathLike, options?: { encoding?: BufferEncoding | null } | BufferEncoding | null) {
  return fs.readFileSync(path, options as BufferEncoding);
}

export async function readdir(path: fs.PathLike, options?: { withFileTypes?: false } | BufferEncoding | null) {
  return fs.readdirSync(path, options as BufferEncoding);
}

export async function stat(path: fs.PathLike) {
  return fs.statSync(path);
}

export async function lstat(path: fs.PathLike) {
  return fs.lstatSync(path);
}

export async function access(path: fs.PathLike, mode?: number): Promise<void> {
  fs.accessSync(path, mode);
}

export async function readlink(path: fs.PathLike) {
  return fs.readlinkSync(path, 'utf8');
}

/** A call that would change the file system: never made by a cached answer. */
function refused(name: string) {
  return async (..._args: unknown[]): Promise<never> => {
    throw new Error(`fs.${name}: a cached answer changes no file (the full CLI does it)`);
  };
}

const WRITE_FLAGS = fs.constants.O_WRONLY | fs.constants.O_RDWR | fs.constants.O_CREAT | fs.constants.O_TRUNC | fs.constants.O_APPEND;

/** A FileHandle for reading (stat, read, readFile, close), over a descriptor opened synchronously; write modes reject. */
export async function open(path: fs.PathLike, flags: number | string = 'r') {
  if (typeof flags === 'number' ? (flags & WRITE_FLAGS) !== 0 : flags !== 'r') return refused(`open(${String(flags)})`)();
  const fd = fs.openSync(path, flags);
  return {
    fd,
    async stat() {
      return fs.fstatSync(fd);
    },
    async read(buffer: NodeJS.ArrayBufferView, offset?: number, length?: number, position?: number | null) {
      return { bytesRead: fs.readSync(fd, buffer, offset ?? 0, length ?? buffer.byteLength - (offset ?? 0), position ?? null), buffer };
    },
    async readFile(options?: { encoding?: BufferEncoding | null } | BufferEncoding | null) {
      return fs.readFileSync(fd, options as BufferEncoding);
    },
    async close() {
      fs.closeSync(fd);
    },
  };
}

export const mkdir = refused('mkdir');
export const rename = refused('rename');
export const unlink = refused('unlink');
export const chmod = refused('chmod');
export const utimes = refused('utimes');
export const link = refused('link');
export const writeFile = refused('writeFile');
export const rm = refused('rm');
export const appendFile = refused('appendFile');
