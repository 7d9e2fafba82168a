// Timing of whole processes, side by side: every round runs each command once, in turn (so drift on a shared machine
// touches them alike), after a few warm-up rounds. Each run is timed by bash's `time` keyword (getrusage of the
// child): wall time, and CPU time (user + system), which a busy machine disturbs far less than wall time.
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A process to time. */
export interface Command {
  label: string;
  argv: readonly string[];
  /** The whole environment of the process (nothing is inherited). Every command of one comparison gets the same. */
  env: Record<string, string>;
  cwd?: string;
  stdin?: string;
  /** Runs before each timed run (untimed), e.g. to reset a file the command changes. */
  before?: () => Promise<void>;
}

/** Summary of one command's timings, in milliseconds. */
export interface Stats {
  runs: number;
  median: number;
  q1: number;
  q3: number;
  iqr: number;
  min: number;
  samples: number[];
}

/** Wall and CPU statistics of one command. */
export interface Timing {
  label: string;
  wall: Stats;
  cpu: Stats;
}

/** One timed run, in milliseconds. */
export interface Run {
  wall: number;
  cpu: number;
  stdout: string;
  stderr: string;
}

/** The q-quantile of sorted values (linear interpolation). */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const at = (sorted.length - 1) * q;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (at - lo);
}

/** Median, quartiles and IQR of samples. */
export function summarize(samples: readonly number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  const q1 = quantile(sorted, 0.25);
  const q3 = quantile(sorted, 0.75);
  return { runs: sorted.length, median: quantile(sorted, 0.5), q1, q3, iqr: q3 - q1, min: sorted[0]!, samples: [...samples] };
}

// fd 3 of bash is a pipe to us: `time` writes "real user sys" (seconds, ms precision) there; the command keeps the
// original stderr (saved on fd 4) and sees neither extra descriptor.
const TIMED = 'TIMEFORMAT="%3R %3U %3S"; exec 4>&2; { time "$@" 2>&4 3>&- 4>&- ; } 2>&3';

/** Runs a command once; resolves with its wall and CPU time, rejects when it fails. */
export function timeOnce(command: Command): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['-c', TIMED, 'timed', ...command.argv], {
      env: command.env,
      cwd: command.cwd,
      stdio: ['pipe', 'pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let times = '';
    child.stdout!.on('data', (d) => (stdout += d));
    child.stderr!.on('data', (d) => (stderr += d));
    (child.stdio[3] as NodeJS.ReadableStream).on('data', (d) => (times += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const [real, user, sys] = times.trim().split(/\s+/).map((v) => Number(v) * 1000);
      if (code !== 0) reject(new Error(`${command.label} exited ${code}: ${stderr.trim() || stdout.trim()}`));
      else if (!Number.isFinite(real) || !Number.isFinite(user) || !Number.isFinite(sys)) reject(new Error(`${command.label}: no timing (${times})`));
      else resolve({ wall: real!, cpu: user! + sys!, stdout, stderr });
    });
    child.stdin!.end(command.stdin ?? '');
  });
}

/** The variables in which two environments differ (names only), sorted. */
export function environmentDifference(a: Record<string, string>, b: Record<string, string>): string[] {
  const names = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...names].filter((name) => a[name] !== b[name]).sort();
}

/**
 * Throws unless every command has exactly the same environment: a ratio between two processes only means something
 * when neither gets work the other is spared (NODE_EXTRA_CA_CERTS alone makes Node parse a CA bundle at start).
 */
export function assertSameEnvironment(commands: readonly Command[]): void {
  const [first, ...rest] = commands;
  for (const command of rest) {
    const differ = environmentDifference(first!.env, command.env);
    if (differ.length > 0) {
      throw new Error(`compared commands must run in the same environment: ${first!.label} and ${command.label} differ in ${differ.join(', ')}`);
    }
  }
}

/** Times the commands round-robin: `warmup` untimed rounds, then `runs` timed rounds. All get the same environment. */
export async function compare(commands: readonly Command[], options: { runs: number; warmup?: number }): Promise<Timing[]> {
  assertSameEnvironment(commands);
  const warmup = options.warmup ?? 3;
  const runs = commands.map(() => [] as Run[]);
  for (let round = 0; round < warmup + options.runs; round++) {
    for (const [i, command] of commands.entries()) {
      await command.before?.();
      const run = await timeOnce(command);
      if (round >= warmup) runs[i]!.push(run);
    }
  }
  return commands.map((c, i) => ({
    label: c.label,
    wall: summarize(runs[i]!.map((r) => r.wall)),
    cpu: summarize(runs[i]!.map((r) => r.cpu)),
  }));
}

/** GNU time, which reports a child's peak resident set size (getrusage ru_maxrss); Debian package `time`. */
export const GNU_TIME = '/usr/bin/time';

/**
 * The peak RSS of each command in KiB (median of `runs`, round-robin, `before` run untimed before each), measured by
 * GNU time around the process itself (`-f %M`). Same-environment rule as compare().
 */
export async function peakRss(commands: readonly Command[], runs: number): Promise<Array<{ label: string; kib: Stats }>> {
  assertSameEnvironment(commands);
  const samples = commands.map(() => [] as number[]);
  const dir = await mkdtemp(join(tmpdir(), 'ea-rss-'));
  try {
    for (let round = 0; round < runs; round++) {
      for (const [i, command] of commands.entries()) {
        await command.before?.();
        const out = join(dir, `${i}.txt`);
        await timeOnce({ ...command, argv: [GNU_TIME, '-f', '%M', '-o', out, ...command.argv] });
        samples[i]!.push(Number((await readFile(out, 'utf8')).trim().split('\n').at(-1)));
      }
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return commands.map((c, i) => ({ label: c.label, kib: summarize(samples[i]!) }));
}
