// The content of a lock file (who holds it) and the rule for when a waiter may take it over.
import { randomBytes } from 'node:crypto';
import { link, open, stat, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { hostname } from 'node:os';
import process from 'node:process';
import { errorCode } from './atomic-file.ts';
import { readBounded } from './read-bounded.ts';

/** What a lock holder writes into its lock file. `token` tells its own lock apart from a successor's. */
export interface LockRecord {
  pid: number;
  hostname: string;
  acquiredAt: string;
  token: string;
}

/** What a waiter sees of a lock: its record (undefined while the holder is still writing it) and its mtime. */
export interface LockSnapshot {
  record: LockRecord | undefined;
  mtimeMs: number;
}

/** A fresh record for this process. */
export function newLockRecord(now: number): LockRecord {
  return { pid: process.pid, hostname: hostname(), acquiredAt: new Date(now).toISOString(), token: randomBytes(8).toString('hex') };
}

/** Errors of a file system without hard links (FAT, some network shares): creation falls back to O_EXCL. */
const NO_HARD_LINKS = new Set(['EPERM', 'ENOTSUP', 'ENOSYS', 'EOPNOTSUPP', 'EXDEV']);

/**
 * Creates the lock file exclusively, record included; false when it already exists. The record is written to a
 * temp file first and hard-linked into place, so a holder killed at any moment never leaves an empty lock (which
 * no waiter could tell from a live one before staleMs). Without hard links: O_EXCL create, then write.
 */
export async function tryCreateLockFile(path: string, record: LockRecord): Promise<boolean> {
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  await writeFile(temp, JSON.stringify(record), { flag: 'wx', mode: 0o600 });
  try {
    await link(temp, path);
    return true;
  } catch (error) {
    if (errorCode(error) === 'EEXIST') return false;
    if (!NO_HARD_LINKS.has(errorCode(error) ?? '')) throw error;
  } finally {
    await unlink(temp).catch(() => {});
  }
  let handle;
  try {
    handle = await open(path, 'wx', 0o600);
  } catch (error) {
    if (errorCode(error) === 'EEXIST') return false;
    throw error;
  }
  try {
    await handle.writeFile(JSON.stringify(record));
  } finally {
    await handle.close();
  }
  return true;
}

/** The lock as it is now, or undefined when there is none. */
export async function readLockSnapshot(path: string): Promise<LockSnapshot | undefined> {
  try {
    // bounded: a FIFO or a huge file in place of a lock is refused (RefusedFileError), never waited on
    const [text, info] = await Promise.all([readBounded(path, { maxBytes: 64 * 1024 }), stat(path)]);
    if (text === undefined) return undefined;
    return { record: parseLockRecord(text), mtimeMs: info.mtimeMs };
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return undefined;
    throw error;
  }
}

/** The record in a lock file's text, or undefined when it is empty, partial or foreign. */
export function parseLockRecord(text: string): LockRecord | undefined {
  try {
    const value = JSON.parse(text) as Partial<LockRecord> | null;
    if (value && typeof value.pid === 'number' && typeof value.hostname === 'string' && typeof value.token === 'string') {
      return { pid: value.pid, hostname: value.hostname, acquiredAt: String(value.acquiredAt ?? ''), token: value.token };
    }
  } catch {
    // a holder between creating the file and writing its record
  }
  return undefined;
}

/**
 * True when a waiter may take the lock over: its holder is a process on this host that no longer exists,
 * or the lock has not been refreshed for staleMs (a hung holder, or one on another host).
 */
export function isAbandoned(snapshot: LockSnapshot, now: number, staleMs: number, isAlive = processIsAlive): boolean {
  const { record } = snapshot;
  if (record && record.hostname === hostname() && record.pid !== process.pid && !isAlive(record.pid)) return true;
  return now - snapshot.mtimeMs > staleMs;
}

/** Whether a process with this pid exists on this host; only a definite "no such process" counts as dead. */
export function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return errorCode(error) !== 'ESRCH';
  }
}

/** A short description of the holder for error messages (no secrets: pid, host and time only). */
export function describeHolder(record: LockRecord | undefined): string {
  return record ? `held by pid ${record.pid} on ${record.hostname} since ${record.acquiredAt}` : 'holder unknown';
}
