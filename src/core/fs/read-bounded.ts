// The one way ecr-auth reads a file it did not just create: a regular file of bounded size, or a clear refusal.
// A FIFO, a device or a socket in place of a config, a token file or a cache entry is refused without being
// waited on (stat first, then an O_NONBLOCK open checked again with fstat, so a swap between the two cannot
// block either); a file larger than the cap is refused before it is read into memory. Dependency-free (node:fs
// only) so a small fast path can use it without loading the rest of the core.
import { closeSync, constants, fstatSync, openSync, readSync, statSync } from 'node:fs';
import { open, stat } from 'node:fs/promises';

/** The default cap: far above any config, token file or cache entry this tool reads (a Docker config is ~1 KB). */
export const DEFAULT_MAX_BYTES = 4 * 1024 * 1024;

/** Why a file was refused: not a regular file (FIFO, device, socket, directory) or larger than the cap. */
export type RefusedReason = 'not-a-file' | 'too-large';

/** A path that exists but is not something this tool reads; `message` says what it is and what was expected. */
export class RefusedFileError extends Error {
  readonly path: string;
  readonly reason: RefusedReason;
  /** What is there: 'a FIFO', 'a character device', 'a directory', '5.0 MB'... */
  readonly found: string;

  constructor(path: string, reason: RefusedReason, found: string, maxBytes: number) {
    super(
      reason === 'too-large'
        ? `${path} is ${found}, more than the ${formatBytes(maxBytes)} ecr-auth reads from such a file`
        : `${path} is ${found}, not a regular file`,
    );
    this.name = 'RefusedFileError';
    this.path = path;
    this.reason = reason;
    this.found = found;
  }
}

export interface ReadBoundedOptions {
  /** Largest size accepted, in bytes; default DEFAULT_MAX_BYTES. */
  maxBytes?: number;
}

interface StatLike {
  isFile(): boolean;
  isDirectory(): boolean;
  isFIFO(): boolean;
  isSocket(): boolean;
  isCharacterDevice(): boolean;
  isBlockDevice(): boolean;
  size: number | bigint;
}

/** 'a FIFO', 'a directory'... for a stat that is not a regular file. */
export function fileTypeName(info: StatLike): string {
  if (info.isDirectory()) return 'a directory';
  if (info.isFIFO()) return 'a FIFO (named pipe)';
  if (info.isSocket()) return 'a socket';
  if (info.isCharacterDevice()) return 'a character device';
  if (info.isBlockDevice()) return 'a block device';
  return 'not a regular file';
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** Throws RefusedFileError unless `info` is a regular file within the cap. */
function check(path: string, info: StatLike, maxBytes: number): void {
  if (!info.isFile()) throw new RefusedFileError(path, 'not-a-file', fileTypeName(info), maxBytes);
  if (Number(info.size) > maxBytes) throw new RefusedFileError(path, 'too-large', formatBytes(Number(info.size)), maxBytes);
}

function isMissing(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

/** A read buffer sized from the file's stat, grown (up to one byte past the cap) for files that report no size. */
class Chunks {
  buffer: Uint8Array;
  length = 0;
  private readonly path: string;
  private readonly maxBytes: number;

  constructor(path: string, maxBytes: number, size: number) {
    this.path = path;
    this.maxBytes = maxBytes;
    this.buffer = new Uint8Array(Math.min(maxBytes, Math.max(size, 4096)) + 1);
  }

  room(): number {
    if (this.length === this.buffer.length) {
      const grown = new Uint8Array(Math.min(this.maxBytes + 1, this.buffer.length * 2));
      grown.set(this.buffer);
      this.buffer = grown;
    }
    return this.buffer.length - this.length;
  }

  /** Counts bytes just read; true at the end of the file. Throws once more than the cap has been read. */
  add(bytesRead: number): boolean {
    this.length += bytesRead;
    if (this.length > this.maxBytes) {
      throw new RefusedFileError(this.path, 'too-large', `more than ${formatBytes(this.maxBytes)}`, this.maxBytes);
    }
    return bytesRead === 0;
  }

  text(): string {
    return new TextDecoder('utf-8', { ignoreBOM: true }).decode(this.buffer.subarray(0, this.length));
  }
}

/** O_NONBLOCK where the platform has it: opening a FIFO that replaced the file after the stat returns at once. */
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0);

/**
 * The UTF-8 text of the regular file at `path` (symlinks followed), or undefined when nothing is there.
 * Throws RefusedFileError for a FIFO, device, socket or directory (never opened blocking) and for a file over
 * the cap; other errors (EACCES, EIO...) are thrown as the system reports them.
 */
export async function readBounded(path: string, options: ReadBoundedOptions = {}): Promise<string | undefined> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  let info;
  try {
    info = await stat(path);
  } catch (error) {
    if (isMissing(error)) return undefined;
    throw error;
  }
  check(path, info, maxBytes);
  let handle;
  try {
    handle = await open(path, OPEN_FLAGS);
  } catch (error) {
    if (isMissing(error)) return undefined;
    throw error;
  }
  try {
    const opened = await handle.stat();
    check(path, opened, maxBytes);
    // read at most one byte past the cap: a file that grew after the fstat is still refused, never read whole
    const chunks = new Chunks(path, maxBytes, Number(opened.size));
    for (;;) {
      const room = chunks.room();
      const { bytesRead } = await handle.read(chunks.buffer, chunks.length, room, null);
      if (chunks.add(bytesRead)) return chunks.text();
    }
  } finally {
    await handle.close();
  }
}

/** readBounded, synchronously (for entry points that must answer before loading anything else). */
export function readBoundedSync(path: string, options: ReadBoundedOptions = {}): string | undefined {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  let fd: number;
  try {
    check(path, statSync(path), maxBytes);
    fd = openSync(path, OPEN_FLAGS);
  } catch (error) {
    if (isMissing(error)) return undefined;
    throw error;
  }
  try {
    const opened = fstatSync(fd);
    check(path, opened, maxBytes);
    const chunks = new Chunks(path, maxBytes, Number(opened.size));
    for (;;) {
      const room = chunks.room();
      if (chunks.add(readSync(fd, chunks.buffer, chunks.length, room, null))) return chunks.text();
    }
  } finally {
    closeSync(fd);
  }
}
