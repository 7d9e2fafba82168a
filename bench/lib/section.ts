// What every benchmark section gets and gives back, and the tables they share.
import { join, resolve } from 'node:path';
import type { Emulator } from '../../test/emulator/index.ts';
import type { Stats, Timing } from './measure.ts';

export interface BenchContext {
  emulator: Emulator;
  /** The package directory whose dist/ is measured (package.json beside it). */
  pkg: string;
  /** Timed rounds per comparison. */
  runs: number;
  log(message: string): void;
}

export interface SectionResult {
  title: string;
  /** Markdown body. */
  lines: string[];
  /** One-line results for the summary at the top. */
  headlines: string[];
}

/** `node <pkg>/dist/cli/main.js` */
export const cliArgv = (ctx: BenchContext, ...args: string[]) => [process.execPath, join(resolve(ctx.pkg), 'dist/cli/main.js'), ...args];

/** `node <pkg>/dist/cli/credential-helper.js` */
export const helperArgv = (ctx: BenchContext, ...args: string[]) => [process.execPath, join(resolve(ctx.pkg), 'dist/cli/credential-helper.js'), ...args];

/** The one password the emulator issues for every ECR token (so a real registry can accept all of them). */
export const BENCH_ECR_PASSWORD = `bench-${'x'.repeat(60)}-fixed-password`;

/** The bare Node start every cached path is held against. */
export const bareNode = { label: '`node -e 0`', argv: [process.execPath, '-e', '0'] };

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
