// A user's file we add entries to (.npmrc, .yarnrc.yml): read as a regular file of bounded size (a FIFO or device
// is refused, never waited on), changed by a pure function, written atomically under a lock in our cache (a
// symlink at the path is written through), and only when the text changed.
import { stat } from 'node:fs/promises';
import type { CoreContext } from '../context.ts';
import { EcrAuthError, type ErrorCode } from '../errors.ts';
import { errorCode, readTextIfExists, resolveWriteTarget, writeFileAtomic } from './atomic-file.ts';
import { withLock } from './lock.ts';

const MAX_BYTES = 4 * 1024 * 1024;

/** The file's text, undefined when absent; anything but a regular file of at most 4 MiB is refused. */
export async function readOwnedFile(path: string, code: ErrorCode = 'E_CONFIG'): Promise<string | undefined> {
  const info = await stat(path).catch((error) => (errorCode(error) === 'ENOENT' ? undefined : Promise.reject(error)));
  if (info === undefined) return undefined;
  if (!info.isFile() || info.size > MAX_BYTES) {
    throw new EcrAuthError(code, `${path} is not a regular file of at most 4 MiB; it was left unchanged`, { hint: `move ${path} out of the way or fix it` });
  }
  return readTextIfExists(path, { code });
}

/** Applies `change` under the file's lock; writes (mode 0600 for a new file) only when the text changed. */
export async function updateOwnedFile(ctx: CoreContext, path: string, change: (text: string | undefined) => string | undefined, code: ErrorCode = 'E_CONFIG'): Promise<boolean> {
  const target = await resolveWriteTarget(path);
  return withLock(ctx.store.lockPath('owned-files', target), async () => {
    const before = await readOwnedFile(target, code);
    const after = change(before);
    if (after === undefined || after === before) return false;
    const mode = before === undefined ? 0o600 : (await stat(target)).mode & 0o777;
    await writeFileAtomic(target, after, { mode });
    return true;
  });
}
