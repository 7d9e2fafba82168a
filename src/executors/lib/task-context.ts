// The executor side of building a CoreContext: reads the config from the workspace root, takes the environment and
// terminal of the task process. Executors call this and nothing else to reach the core's inputs.
import process from 'node:process';
import type { CoreContext } from '../../core/context.ts';
import { loadConfig } from '../../core/config/load.ts';
import type { Env } from '../../core/paths.ts';
import { coreContext, taskLogger, type Terminal } from './core-context.ts';

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
    terminal: { stdinIsTty: Boolean(process.stdin.isTTY), stderrIsTty: Boolean(process.stderr.isTTY), platform: process.platform },
    print: (line) => process.stdout.write(`${line}\n`),
    write: (line) => process.stderr.write(`${line}\n`),
  };
}

/** True when Nx runs verbose or ECR_AUTH_VERBOSE=1. */
export function isVerbose(run: NxRun, env: Env): boolean {
  return Boolean(run.isVerbose) || env.ECR_AUTH_VERBOSE === '1' || env.NX_VERBOSE_LOGGING === 'true';
}

/** Loads the config and builds the CoreContext for one task. Throws EcrAuthError on a config or option problem. */
export async function taskCoreContext(options: SharedOptions, run: NxRun, io: TaskIo): Promise<CoreContext> {
  const config = await loadConfig({ cwd: run.root, env: io.env, ...(options.config ? { configPath: options.config } : {}) });
  return coreContext({
    env: io.env,
    cwd: run.root,
    config,
    ...(options.minValidity !== undefined ? { minValidity: options.minValidity } : {}),
    terminal: io.terminal,
    log: taskLogger(io.write, isVerbose(run, io.env)),
  });
}
