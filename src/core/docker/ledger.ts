// The record of the Docker entries THIS tool wrote (which config.json, which host, which store), so that logout
// removes exactly those and nothing a user or another tool put there. Kept in the cache dir, updated under a lock.
import { createHash } from 'node:crypto';
import { dirname, join } from 'node:path';
import type { Logger } from '../context.ts';
import { silentLogger } from '../context.ts';
import { describeWriteFailure, readTextIfExists, writeFileAtomic } from '../fs/atomic-file.ts';
import { EcrAuthError } from '../errors.ts';
import { withLock } from '../fs/lock.ts';
import { cacheDir, type Env } from '../paths.ts';

/** One Docker entry this tool wrote. `authDigest` (a truncated sha256 of the `auth` value) tells whether it is still ours. */
export interface LedgerEntry {
  configPath: string;
  host: string;
  mode: 'auths' | 'store' | 'helper';
  /** The credsStore helper the secret went to (mode store). */
  helper?: string;
  identity?: string;
  writtenAt: string;
  authDigest?: string;
}

/** `<cache dir>/docker-entries.json`. */
export function dockerLedgerPath(env: Env): string {
  return join(cacheDir(env), 'docker-entries.json');
}

/** A short fingerprint of an `auth` value: enough to recognise it, useless to recover it. */
export function authDigest(auth: string): string {
  return createHash('sha256').update(auth).digest('hex').slice(0, 16);
}

/** The entries this tool wrote, for status; a missing or unreadable ledger is empty. */
export async function readDockerLedger(env: Env, log: Logger = silentLogger): Promise<LedgerEntry[]> {
  const path = dockerLedgerPath(env);
  const text = await readTextIfExists(path);
  if (text === undefined) return [];
  try {
    const value = JSON.parse(text) as unknown;
    if (Array.isArray(value)) return value.filter(isLedgerEntry);
  } catch {
    // fall through
  }
  log.verbose(`ignoring ${path}: not a ledger of Docker entries (it will be rewritten)`);
  return [];
}

/** Runs `fn` on the ledger under its lock and saves the entries it returns (when they differ). */
export async function updateDockerLedger<T>(
  env: Env,
  fn: (entries: LedgerEntry[]) => Promise<{ entries: LedgerEntry[]; result: T }>,
  log: Logger = silentLogger,
): Promise<T> {
  return withLock(join(cacheDir(env), 'locks', 'docker-entries.lock'), async () => {
    const before = await readDockerLedger(env, log);
    const { entries, result } = await fn(before);
    if (JSON.stringify(entries) !== JSON.stringify(before)) {
      const path = dockerLedgerPath(env);
      try {
        await writeFileAtomic(path, `${JSON.stringify(entries, null, 2)}\n`, { mode: 0o600, dirMode: 0o700, replaceSymlink: true });
      } catch (error) {
        throw new EcrAuthError('E_CACHE', `cannot update ${path}, the list of Docker entries ecr-auth wrote: ${describeWriteFailure(error)}`, {
          hint: `free space or make ${dirname(path)} writable, then run the command again (until then \`ecr-auth logout\` may leave an entry behind)`,
          cause: error,
        });
      }
    }
    return result;
  });
}

function isLedgerEntry(value: unknown): value is LedgerEntry {
  const entry = value as Partial<LedgerEntry> | null;
  return (
    !!entry &&
    typeof entry.configPath === 'string' &&
    typeof entry.host === 'string' &&
    (entry.mode === 'auths' || entry.mode === 'store' || entry.mode === 'helper')
  );
}
