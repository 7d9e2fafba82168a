// Vitest global setup: makes sure dist/ (the CLI, the credential helper, the Nx plugin) is built from the current
// sources before any test spawns it. Skips the build when dist is newer than every source file.
import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

export default function setup(): void {
  const stamp = (() => {
    try {
      return statSync('dist/.build-stamp').mtimeMs;
    } catch {
      return 0;
    }
  })();
  const sources = Math.max(newestMtime('src'), newestMtime('scripts'), statSync('package.json').mtimeMs, statSync('tsconfig.build.json').mtimeMs);
  if (stamp > sources) return;
  execFileSync('npm', ['run', 'build', '--silent'], { stdio: 'inherit' });
}
