// The audit log on disk: JSON lines appended under a cross-process lock, rotated by size (the full file becomes
// `<path>.1`, replacing the previous one), files 0600 in a 0700 directory. Reading returns both, oldest first.
import { createHash } from 'node:crypto';
import { appendFile, mkdir, rename, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { readTextIfExists } from '../fs/atomic-file.ts';
import { withLock } from '../fs/lock.ts';
import { cacheDir, type Env } from '../paths.ts';
import type { AuditEvent } from './event.ts';

/** Rotate once the file would grow past this. */
export const AUDIT_MAX_BYTES = 5 * 1024 * 1024;

/** Appends one event, rotating first when the file would pass maxBytes. */
export async function appendAuditEvent(env: Env, path: string, event: AuditEvent, maxBytes = AUDIT_MAX_BYTES): Promise<void> {
  const line = `${JSON.stringify(event)}\n`;
  await withLock(auditLockPath(env, path), async () => {
    await mkdir(dirname(path), { recursive: true, mode: 0o700 });
    const size = await stat(path).then((s) => s.size, () => 0);
    if (size > 0 && size + line.length > maxBytes) await rename(path, `${path}.1`);
    await appendFile(path, line, { mode: 0o600 });
  });
}

/** The lock serializing writers of one audit log, kept in our cache dir. */
export function auditLockPath(env: Env, path: string): string {
  return join(cacheDir(env), 'locks', `audit-${createHash('sha256').update(resolve(path)).digest('hex').slice(0, 32)}.lock`);
}

/** Every event of the log and its rotated predecessor, oldest first; lines that are not events are skipped. */
export async function readAuditEvents(path: string): Promise<AuditEvent[]> {
  const events: AuditEvent[] = [];
  for (const file of [`${path}.1`, path]) {
    const text = await readTextIfExists(file, { code: 'E_CONFIG', hint: `settings.audit_log names ${path}: make it a readable file` });
    for (const line of text?.split('\n') ?? []) {
      if (!line.trim()) continue;
      try {
        const value = JSON.parse(line) as AuditEvent;
        if (value && typeof value.time === 'string' && typeof value.event === 'string') events.push(value);
      } catch {
        // a torn or foreign line: skipped
      }
    }
  }
  return events;
}

/** The events of one identity (or SSO provider) since a time, oldest first. Pure. */
export function filterAuditEvents(events: readonly AuditEvent[], filter: { identity?: string; sinceMs?: number }): AuditEvent[] {
  return events.filter(
    (e) =>
      (filter.identity === undefined || e.identity === filter.identity || e.provider === filter.identity) &&
      (filter.sinceMs === undefined || Date.parse(e.time) >= filter.sinceMs),
  );
}
