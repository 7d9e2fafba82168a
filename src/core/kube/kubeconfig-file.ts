// Where the kubeconfig is and how it is changed: read as a regular file of bounded size (a FIFO or device is
// refused, never waited on), changed by a pure function, written atomically (mode 0600) under a lock in our cache,
// and only when the text changed.
import { stat } from 'node:fs/promises';
import { delimiter, isAbsolute, join, resolve } from 'node:path';
import type { CoreContext } from '../context.ts';
import { EcrAuthError } from '../errors.ts';
import { errorCode, readTextIfExists, resolveWriteTarget, writeFileAtomic } from '../fs/atomic-file.ts';
import { withLock } from '../fs/lock.ts';
import { type Env, homeDir } from '../paths.ts';

const MAX_BYTES = 16 * 1024 * 1024;

/** The configured path (`~` and relative paths resolved), else the first KUBECONFIG entry, else ~/.kube/config. */
export function kubeconfigPath(env: Env, cwd: string, configured?: string): string {
  if (configured) {
    const expanded = configured === '~' || configured.startsWith('~/') ? join(homeDir(env), configured.slice(1)) : configured;
    return isAbsolute(expanded) ? expanded : resolve(cwd, expanded);
  }
  const first = env.KUBECONFIG?.split(delimiter).find((p) => p !== '');
  return first ? resolve(cwd, first) : join(homeDir(env), '.kube', 'config');
}

/** The file's text, undefined when absent; anything but a regular file of at most 16 MiB is refused. */
export async function readKubeconfig(path: string): Promise<string | undefined> {
  const info = await stat(path).catch((error) => (errorCode(error) === 'ENOENT' ? undefined : Promise.reject(error)));
  if (info === undefined) return undefined;
  if (!info.isFile()) throw new EcrAuthError('E_KUBECONFIG', `${path} is not a regular file`, { hint: 'point the integration at a kubeconfig file (spec.cluster.kubeconfig.path)' });
  if (info.size > MAX_BYTES) throw new EcrAuthError('E_KUBECONFIG', `${path} is larger than 16 MiB`, { hint: 'that is no kubeconfig: check the path' });
  return readTextIfExists(path, { code: 'E_KUBECONFIG' });
}

/** Applies `change` to the file under its lock; writes only when the text changed. Returns whether it wrote. */
export async function updateKubeconfig(ctx: CoreContext, path: string, change: (text: string | undefined) => string | undefined, mode = 0o600): Promise<boolean> {
  const target = await resolveWriteTarget(path);
  return withLock(ctx.store.lockPath('kubeconfig', target), async () => {
    const before = await readKubeconfig(target);
    const after = change(before);
    if (after === undefined || after === before) return false;
    await writeFileAtomic(target, after, { mode });
    return true;
  });
}
