// Whether a path lies inside a git work tree: credentials there are a `git add -A` away from a commit.
import { stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';

/** The nearest directory at or above `dir` that holds a `.git` (a work tree), or undefined. */
export async function gitWorkTreeOf(dir: string): Promise<string | undefined> {
  for (let current = resolve(dir); ; current = dirname(current)) {
    if (await stat(join(current, '.git')).then(() => true, () => false)) return current;
    if (dirname(current) === current) return undefined;
  }
}
