// What every benchmark section gets and gives back, and the tables they share.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Emulator } from '../../test/emulator/index.ts';
import type { Stats, Timing } from './measure.ts';

export interface BenchContext {
  emulator: Emulator;
  /** The package directory whose dist/ is measured (package.json beside it). */
  pkg: string;
  /** Timed rounds per comparison. */
  runs: number;
  /**
   * The environments the cached comparisons run in, each given to every command of a comparison alike (the floor
   * included): `plain` (no NODE_* variable) always, and the bench's own NODE_EXTRA_CA_CERTS / NODE_OPTIONS when set.
   */
  nodeEnvs: NodeEnv[];
  log(message: string): void;
}

export interface SectionResult {
  title: string;
  /** Markdown body. */
  lines: string[];
  /** One-line results for the summary at the top. */
  headlines: string[];
}

/** Variables of the Node runtime added to a workspace's environment, under a name for the report. */
export interface NodeEnv {
  name: string;
  vars: Record<string, string>;
}

/** The Node variables that change what a Node start costs (NODE_EXTRA_CA_CERTS: a CA bundle parsed at start). */
export const NODE_START_VARS = ['NODE_EXTRA_CA_CERTS', 'NODE_OPTIONS', 'NODE_COMPILE_CACHE'];

/** `plain`, and `as invoked` when the bench's own environment sets any of NODE_START_VARS. */
export function nodeEnvsOf(env: NodeJS.ProcessEnv): NodeEnv[] {
  const vars = Object.fromEntries(NODE_START_VARS.filter((name) => env[name]).map((name) => [name, env[name]!]));
  const names = Object.keys(vars);
  return [{ name: 'plain (no NODE_* variable)', vars: {} }, ...(names.length > 0 ? [{ name: `with ${names.join(', ')} (as the bench was started)`, vars }] : [])];
}

/** The path of one of the package's bins, as package.json names it (what npm links into node_modules/.bin). */
function binPath(ctx: BenchContext, name: string): string {
  const pkg = JSON.parse(readFileSync(join(resolve(ctx.pkg), 'package.json'), 'utf8')) as { bin: Record<string, string> };
  return join(resolve(ctx.pkg), pkg.bin[name]!);
}

/** `node <the ecr-auth bin>`: what a user runs. */
export const cliArgv = (ctx: BenchContext, ...args: string[]) => [process.execPath, binPath(ctx, 'ecr-auth'), ...args];

/** `node <pkg>/dist/cli/main.js`: the full CLI, unbundled (what the bin loads when the caches cannot answer). */
export const fullCliArgv = (ctx: BenchContext, ...args: string[]) => [process.execPath, join(resolve(ctx.pkg), 'dist/cli/main.js'), ...args];

/** `node <the docker-credential-ecr-auth bin>` */
export const helperArgv = (ctx: BenchContext, ...args: string[]) => [process.execPath, binPath(ctx, 'docker-credential-ecr-auth'), ...args];

/** The one password the emulator issues for every ECR token (so a real registry can accept all of them). */
export const BENCH_ECR_PASSWORD = `bench-${'x'.repeat(60)}-fixed-password`;

/** The bare Node start every cached path is held against, in the environment of the commands it is compared with. */
export const bareNode = (env: Record<string, string>) => ({ label: '`node -e 0`', argv: [process.execPath, '-e', '0'], env });

/**
 * One line saying what environment every command of a comparison got: the variable names, with the values of those
 * that change a Node start (the temporary paths and the emulator's endpoints are named only).
 */
export function describeEnvironment(env: Record<string, string>): string {
  const shown = Object.keys(env)
    .sort()
    .map((name) => (NODE_START_VARS.includes(name) ? `${name}=${env[name]}` : name));
  const unset = NODE_START_VARS.filter((name) => env[name] === undefined);
  return `Environment of every command in this table, the floor included (nothing else inherited): ${shown.join(', ')}; unset: ${unset.join(', ')}.`;
}

const ms = (s: Stats) => `${s.median.toFixed(1)} (${s.iqr.toFixed(1)})`;
const x = (a: Stats, b: Stats) => `${(a.median / b.median).toFixed(2)}x`;

/** A markdown table of timings, each with its ratio to `base` (the first row when not given). */
export function timingTable(timings: readonly Timing[], base: Timing = timings[0]!): string[] {
  return [
    `| command | wall ms, median (IQR) | CPU ms, median (IQR) | wall vs ${base.label} | CPU vs ${base.label} |`,
    '|---|---:|---:|---:|---:|',
    ...timings.map((t) => `| ${t.label} | ${ms(t.wall)} | ${ms(t.cpu)} | ${x(t.wall, base.wall)} | ${x(t.cpu, base.cpu)} |`),
  ];
}

/** "1.18x wall, 1.31x CPU" */
export function ratios(a: Timing, b: Timing): string {
  return `${x(a.wall, b.wall)} wall, ${x(a.cpu, b.cpu)} CPU`;
}
