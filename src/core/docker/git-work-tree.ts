// Docker's config.json inside a git work tree (DOCKER_CONFIG pointed into a repository, or a home directory that
// is one) holds registry passwords in auths mode: a `git add -A` away from a commit. Warned about once per process.
import { dirname, resolve } from 'node:path';
import type { Logger } from '../context.ts';
import { gitWorkTreeOf } from '../fs/git-work-tree.ts';

export { gitWorkTreeOf };

const warned = new Set<string>();

/** Warns (once per process and file) when a Docker config that now holds a password sits inside a git work tree. */
export async function warnIfDockerConfigInGitWorkTree(configPath: string, log: Logger): Promise<void> {
  const path = resolve(configPath);
  if (warned.has(path)) return;
  warned.add(path);
  const tree = await gitWorkTreeOf(dirname(path));
  if (tree === undefined) return;
  log.warn(
    `the Docker config ${path} holds registry passwords and is inside the git work tree ${tree}: make sure it is ` +
      'git-ignored, or set DOCKER_CONFIG outside the repository (or settings.docker.mode helper, which writes no password there)',
  );
}
