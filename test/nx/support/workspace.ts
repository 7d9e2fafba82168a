// Real Nx workspaces for the e2e tests: the package built privately (tsc into a temp dir, so a concurrent build
// of dist/ cannot race us) and packed with `npm pack`, then installed with a chosen Nx version next to it.
// Commands run with a clean environment: a temporary HOME, the AWS emulator's endpoints, no AWS_* of ours.
import { cp, mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { execa } from 'execa';

const REPO = join(import.meta.dirname, '..', '..', '..');

/** Output of a finished command. */
export interface Ran {
  exitCode: number;
  all: string;
}

async function run(file: string, args: string[], options: { cwd: string; env?: Record<string, string>; timeout?: number }): Promise<Ran> {
  const result = await execa(file, args, {
    cwd: options.cwd,
    env: options.env ?? {},
    extendEnv: options.env === undefined,
    all: true,
    reject: false,
    timeout: options.timeout ?? 120_000,
    stdin: 'ignore',
  });
  return { exitCode: result.exitCode ?? 1, all: String(result.all ?? '') };
}

function check(ran: Ran, what: string): Ran {
  if (ran.exitCode !== 0) throw new Error(`${what} failed (exit ${ran.exitCode}):\n${ran.all.slice(-4000)}`);
  return ran;
}

/** npm's own cache directory, so installs under a temporary HOME stay offline-fast. */
export async function npmCache(): Promise<string> {
  return (await run('npm', ['config', 'get', 'cache'], { cwd: REPO })).all.trim().split('\n').pop()!;
}

/** Builds the package into `dir/package` and packs it; returns the tarball's path. */
export async function buildAndPack(dir: string): Promise<string> {
  const pkg = join(dir, 'package');
  await mkdir(pkg, { recursive: true });
  check(await run('npx', ['tsc', '-p', 'tsconfig.build.json', '--outDir', join(pkg, 'dist')], { cwd: REPO, timeout: 180_000 }), 'tsc build');
  check(await run('node', ['scripts/copy-assets.mjs', '--out', join(pkg, 'dist')], { cwd: REPO }), 'copy-assets');
  await cp(join(REPO, 'package.json'), join(pkg, 'package.json'));
  const packed = check(await run('npm', ['pack', '--json', '--pack-destination', dir], { cwd: pkg }), 'npm pack');
  const json = packed.all.slice(packed.all.indexOf('['));
  const [entry] = JSON.parse(json.slice(0, json.lastIndexOf(']') + 1)) as Array<{ filename: string }>;
  if (!entry) throw new Error(`npm pack printed no file:\n${packed.all}`);
  return join(dir, entry.filename);
}

/** Writes files (objects as JSON) under `root`. */
export async function writeTree(root: string, files: Record<string, unknown>): Promise<void> {
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), typeof content === 'string' ? content : `${JSON.stringify(content, null, 2)}\n`);
  }
}

/** Installs `nx@<version>` and the tarball as devDependencies (npm cache first). */
export async function installWorkspace(root: string, nxVersion: string, tarball: string, cache: string): Promise<void> {
  check(
    await run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error', '-D', `nx@${nxVersion}`, tarball], {
      cwd: root,
      env: { ...process.env, npm_config_cache: cache } as Record<string, string>,
      timeout: 240_000,
    }),
    `npm install nx@${nxVersion}`,
  );
}

/** Runs the workspace's own `nx` with exactly `env`. */
export function nx(root: string, args: string[], env: Record<string, string>): Promise<Ran> {
  return run(join(root, 'node_modules', '.bin', 'nx'), args, { cwd: root, env, timeout: 120_000 });
}

/** Reads a JSON file of the workspace. */
export async function readJsonFile(root: string, path: string): Promise<any> {
  return JSON.parse(await readFile(join(root, path), 'utf8'));
}

export { check };
