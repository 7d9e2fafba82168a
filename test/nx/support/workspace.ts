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

/** The variables of our environment through which Node.js and npm reach the network (a CA bundle, proxies). */
const NETWORK_VARIABLES = ['NODE_EXTRA_CA_CERTS', 'HTTPS_PROXY', 'HTTP_PROXY', 'NO_PROXY', 'https_proxy', 'http_proxy', 'no_proxy'];
/** The npm settings a command under a temporary HOME would lose with ~/.npmrc and npm's global npmrc. */
const NPM_SETTINGS = ['cache', 'cafile', 'registry', 'proxy', 'https-proxy', 'noproxy'];

/**
 * How npm reaches its registry on this machine, for commands run under a temporary HOME (which has no ~/.npmrc) and
 * on a Node.js line from .tmp/node-lines (whose npm reads that line's global npmrc, not the system's): npm's cache,
 * CA file, registry and proxies as npm sees them here, as npm_config_* variables, plus the CA and proxy variables of
 * our environment. Without them an install that needs a packument (`nx add` with ecr-auth's optional Nx peers) spends
 * 70 s per packument retrying a TLS handshake behind an intercepting proxy (SELF_SIGNED_CERT_IN_CHAIN) before it falls
 * back to the stale cache, which looks like a hang.
 */
export async function npmEnv(): Promise<Record<string, string>> {
  const env: Record<string, string> = {};
  const got = await run('npm', ['config', 'get', ...NPM_SETTINGS], { cwd: REPO });
  for (const match of got.all.matchAll(/^([a-z-]+)=(.*)$/gm)) {
    const [, key, value] = match as unknown as [string, string, string];
    if (NPM_SETTINGS.includes(key) && value !== '' && value !== 'null' && value !== 'undefined') env[`npm_config_${key.replaceAll('-', '_')}`] = value;
  }
  for (const name of NETWORK_VARIABLES) if (process.env[name]) env[name] = process.env[name];
  return env;
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

/** Installs `nx@<version>` and the tarball as devDependencies (npm cache first; `npm` from npmEnv()). */
export async function installWorkspace(root: string, nxVersion: string, tarball: string, npm: Record<string, string>): Promise<void> {
  check(
    await run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error', '-D', `nx@${nxVersion}`, tarball], {
      cwd: root,
      env: { ...process.env, ...npm } as Record<string, string>,
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
