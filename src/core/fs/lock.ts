// A cross-process exclusive lock on a file path, so that twenty processes starting together do one login,
// one token call and one write. Lock file created whole (hard link) + heartbeat (mtime) + takeover of dead or stale
// holders.
// Why not proper-lockfile 4 (measured in test/safety/lock-vs-proper-lockfile.test.ts, which compares the two): after
// a holder is SIGKILLed (Ctrl-C'd CI job, OOM kill), this lock is taken over as soon as the next process sees the
// holder's pid is dead on this host (45 ms on the 2-core machine), while proper-lockfile, which knows only the mtime,
// blocks every waiter until its `stale` passes (2183 ms at its minimum of 2 s; 10 s by default). Both run under Deno,
// so Deno is not the reason.
import { mkdir, unlink, utimes } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { clearInterval, setInterval } from 'node:timers';
import { setTimeout as sleep } from 'node:timers/promises';
import { EcrAuthError } from '../errors.ts';
import { errorCode, removeStaleTemps } from './atomic-file.ts';
import { RefusedFileError } from './read-bounded.ts';
import {
  describeHolder,
  isAbandoned,
  type LockRecord,
  type LockSnapshot,
  newLockRecord,
  readLockSnapshot,
  tryCreateLockFile,
} from './lock-record.ts';

export interface LockOptions {
  /** Give up after this long; default 60 s. */
  timeoutMs?: number;
  /** A lock whose mtime is older than this is taken over (hung holder, holder on another host); default 15 s. */
  staleMs?: number;
  /** Called once when the lock is busy and this process starts waiting (e.g. to print "waiting for..."). */
  onWait?: () => void;
}

/**
 * How long a process waits for a lock whose holder may itself be waiting behind an interactive sign-in: the SSO
 * lock is held through a whole browser or device-code login (up to 10 min, waited for up to 11 min), and a registry
 * token or identity link lock is held while its holder waits for that SSO lock. So these wait 12 min: a second Nx
 * task started during a sign-in waits for it instead of failing with E_LOCK_TIMEOUT. A dead or hung holder is still
 * taken over after `staleMs`, so the long wait only ever applies to a holder that is alive and working.
 */
export const BEHIND_SIGN_IN_LOCK_TIMEOUT_MS = 12 * 60_000;

/** Runs fn while holding the exclusive lock at lockPath (a file); released when fn settles. Not reentrant. */
export async function withLock<T>(lockPath: string, fn: () => Promise<T>, options: LockOptions = {}): Promise<T> {
  const staleMs = options.staleMs ?? 15_000;
  const record = await acquire(lockPath, options.timeoutMs ?? 60_000, staleMs, options.onWait);
  const heartbeat = setInterval(() => {
    const now = new Date();
    utimes(lockPath, now, now).catch(() => {});
  }, Math.max(20, Math.floor(staleMs / 3)));
  heartbeat.unref?.();
  try {
    return await fn();
  } finally {
    clearInterval(heartbeat);
    await release(lockPath, record);
  }
}

async function acquire(lockPath: string, timeoutMs: number, staleMs: number, onWait?: () => void): Promise<LockRecord> {
  const deadline = Date.now() + timeoutMs;
  let delay = 5;
  let waiting = false;
  await mkdir(dirname(lockPath), { recursive: true, mode: 0o700 }).catch((error) => {
    throw lockIoError(lockPath, error);
  });
  for (;;) {
    const record = newLockRecord(Date.now());
    if (await tryCreateLockFile(lockPath, record).catch((error) => Promise.reject(lockIoError(lockPath, error)))) {
      return record;
    }
    const snapshot = await readLockSnapshot(lockPath).catch((error) => Promise.reject(lockIoError(lockPath, error)));
    if (snapshot === undefined) continue; // released between our attempt and our look
    if (isAbandoned(snapshot, Date.now(), staleMs) && (await takeOver(lockPath, staleMs))) continue;
    if (Date.now() >= deadline) throw timeoutError(lockPath, snapshot, timeoutMs);
    if (!waiting) {
      waiting = true;
      onWait?.();
    }
    await sleep(delay * (0.5 + Math.random()));
    delay = Math.min(delay * 1.5, 200);
  }
}

/**
 * Removes an abandoned lock. Waiters serialize on a short-lived guard file and re-check under it, so two waiters
 * that both saw the same dead holder cannot remove each other's fresh lock. False when the guard is busy.
 */
async function takeOver(lockPath: string, staleMs: number): Promise<boolean> {
  const guardPath = `${lockPath}.takeover`;
  if (!(await tryCreateLockFile(guardPath, newLockRecord(Date.now())))) {
    const guard = await readLockSnapshot(guardPath);
    if (guard && isAbandoned(guard, Date.now(), staleMs)) await removeQuietly(guardPath);
    return false;
  }
  try {
    const snapshot = await readLockSnapshot(lockPath);
    if (snapshot && isAbandoned(snapshot, Date.now(), staleMs)) await removeQuietly(lockPath);
    return true;
  } finally {
    await removeQuietly(guardPath);
  }
}

/** Removes the lock only if it is still ours (a waiter may have taken it over while we hung), and stale record temps. */
async function release(lockPath: string, record: LockRecord): Promise<void> {
  const snapshot = await readLockSnapshot(lockPath).catch(() => undefined);
  if (snapshot?.record?.token === record.token) await removeQuietly(lockPath);
  await removeStaleTemps(dirname(lockPath), basename(lockPath), Date.now());
}

async function removeQuietly(path: string): Promise<void> {
  await unlink(path).catch(() => {});
}

function timeoutError(lockPath: string, snapshot: LockSnapshot, timeoutMs: number): EcrAuthError {
  return new EcrAuthError(
    'E_LOCK_TIMEOUT',
    `Timed out after ${Math.round(timeoutMs / 1000)}s waiting for the lock ${lockPath} (${describeHolder(snapshot.record)})`,
    { hint: `If no other ecr-auth process is running, remove the lock file and try again: rm -f "${lockPath}"` },
  );
}

function lockIoError(lockPath: string, error: unknown): EcrAuthError {
  const why = error instanceof RefusedFileError ? error.message : errorCode(error) ?? String(error);
  return new EcrAuthError('E_CACHE', `Cannot create the lock file ${lockPath} (${why})`, {
    hint: `Make ${dirname(lockPath)} writable by this user, or point ECR_AUTH_CACHE_DIR at a writable directory.`,
  });
}
