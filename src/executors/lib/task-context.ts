// The executor side of building a CoreContext: the config from the workspace root, the environment and terminal of
// the task process, a logger on the task output. Executors call this and nothing else to reach the core's inputs.
import process from 'node:process';
import type { CoreContext, Logger } from '../../core/context.ts';
import { loadContext, type Terminal } from '../../core/make-context.ts';
import type { Env } from '../../core/paths.ts';

/** The options every ecr-auth executor shares. */
export interface SharedOptions {
  /** A config file, relative to the workspace root; default: the usual search from the workspace root. */
  config?: string;
  minValidity?: string;
}

/** The parts of Nx's ExecutorContext used here (Nx 21-24 all provide them). */
export interface NxRun {
  root: string;
  isVerbose?: boolean;
}

/** Where an executor run takes its environment from: the real process unless a test injects another. */
export interface TaskIo {
  env: Env;
  terminal: Terminal;
  /** A result line on stdout. */
  print(line: string): void;
  /** A diagnostic or error paragraph on stderr. */
  write(line: string): void;
}

/** The task process's environment, terminal and stderr. */
export function processIo(): TaskIo {
  const env = { ...process.env };
  // The AWS SDK warns on every run under Node 20 (which ecr-auth supports); keep task output to what matters. Set
  // after the snapshot, so commands run by with-auth do not inherit it.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  return {
    env,
    terminal: { stdinIsTTY: Boolean(process.stdin.isTTY), stderrIsTTY: Boolean(process.stderr.isTTY), platform: process.platform },
    print: (line) => process.stdout.write(`${line}\n`),
    write: (line) => process.stderr.write(`${line}\n`),
  };
}

/** True when Nx runs verbose or ECR_AUTH_VERBOSE=1. */
export function isVerbose(run: NxRun, env: Env): boolean {
  return Boolean(run.isVerbose) || env.ECR_AUTH_VERBOSE === '1' || env.NX_VERBOSE_LOGGING === 'true';
}

/** A logger writing to the task output; verbose lines only with `nx --verbose` or ECR_AUTH_VERBOSE=1. */
export function taskLogger(write: (line: string) => void, verbose: boolean): Logger {
  return {
    info: (message) => write(message),
    warn: (message) => write(`⚠ ${message}`),
    verbose: (message) => (verbose ? write(message) : undefined),
  };
}

/** Loads the config and builds the CoreContext for one task. Throws EcrAuthError on a config or option problem. */
export async function taskCoreContext(options: SharedOptions, run: NxRun, io: TaskIo): Promise<CoreContext> {
  return loadContext({
    env: io.env,
    cwd: run.root,
    ...(options.config ? { configPath: options.config } : {}),
    minValidity: { text: options.minValidity, option: 'minValidity' },
    terminal: io.terminal,
    log: taskLogger(io.write, isVerbose(run, io.env)),
  });
}
