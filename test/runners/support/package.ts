// ecr-auth as users get it: `npm pack` of this repository (dist/ is fresh: vitest's global setup builds it),
// installed into a temporary project with npm, next to whatever else the project needs (turbo). Installs use
// the real npm cache (--prefer-offline), so only the first run on a machine downloads anything.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { ok, type Ran, REPO, run } from './sandbox.ts';

/** Packs the repository into `dir`; returns the tarball's path. */
export async function packEcrAuth(dir: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  const packed = ok(await run('npm', ['pack', '--json', '--pack-destination', dir], { cwd: REPO, env: npmEnv() }), 'npm pack');
  const json = packed.stdout.slice(packed.stdout.indexOf('['));
  const [entry] = JSON.parse(json.slice(0, json.lastIndexOf(']') + 1)) as Array<{ filename: string }>;
  if (!entry) throw new Error(`npm pack printed no file:\n${packed.all}`);
  return join(dir, entry.filename);
}

/** npm in `cwd` with the caller's environment (its cache), offline-first, quiet, update checks off. */
export function npm(args: string[], cwd: string, timeout = 300_000): Promise<Ran> {
  return run('npm', [...args, '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], { cwd, env: npmEnv(), timeout });
}

/** `npm install` in `root` (the packages its package.json lists), offline-first. */
export async function npmInstall(root: string): Promise<void> {
  ok(await npm(['install'], root, 240_000), 'npm install');
}

/** The caller's environment for npm itself (its cache and registry settings), with update checks off. */
function npmEnv(): Record<string, string> {
  const env = Object.fromEntries(Object.entries(process.env).filter((entry): entry is [string, string] => entry[1] !== undefined));
  return { ...env, npm_config_update_notifier: 'false' };
}
