// The one child-process runner, for `exec` (a command and its arguments) and the Nx executors (a shell line):
// execa underneath, inherited or piped output, the child's exit code passed back (128+n for signal n, as shells
// do, for every signal: SIGQUIT 131, SIGSEGV 139, SIGTERM 143), termination signals sent to us forwarded to it.
// execa is imported only when a child is about to run: it costs ~140 ms of CPU to load (user 0.24 s vs 0.10 s for
// `await import('node:child_process')`, hyperfine -N -r 15 on the 2-core CI machine), which the CLI's other
// commands and the credential helper do not pay.
import { constants } from 'node:os';
import process from 'node:process';
import { EcrAuthError } from '../core/errors.ts';

/** Exit codes when the command cannot be started, as POSIX shells use them. */
export const NOT_FOUND_EXIT = 127;
export const NOT_EXECUTABLE_EXIT = 126;

/** A child that could not start, with the shell-style exit code to return. */
export class ChildStartError extends EcrAuthError {
  readonly exitStatus: number;

  constructor(command: string, cause: { code?: string; message: string }) {
    const notFound = cause.code === 'ENOENT';
    super('E_EXEC', notFound ? `command not found: ${command}` : `cannot run ${command}: ${cause.code ?? cause.message}`, {
      hint: notFound ? 'check the name, and that it is on PATH' : 'check that the file is executable',
      cause,
    });
    this.exitStatus = notFound ? NOT_FOUND_EXIT : NOT_EXECUTABLE_EXIT;
  }
}

/** The exit status a shell reports for a child killed by `signal`: 128 + its number (every signal Node knows). */
export function signalExitStatus(signal: NodeJS.Signals): number {
  const number = constants.signals[signal];
  return number === undefined ? 1 : 128 + number;
}

/** How a child runs: its environment (exactly this, nothing inherited), its folder, and where its output goes. */
export interface ChildOptions {
  env: Record<string, string>;
  cwd: string;
  /** Run `command` as one line through the platform shell (args must then be empty). */
  shell?: boolean;
  /** 'inherit' (default) streams to our stdout/stderr; 'pipe' hands every chunk to onOutput. */
  stdio?: 'inherit' | 'pipe';
  onOutput?(chunk: string): void;
  /**
   * SIGINT: 'ignore' (default) when the child shares our terminal, which sends it SIGINT itself; 'forward' when
   * SIGINT may reach only us (an Nx task runner stopping its tasks).
   */
  sigint?: 'ignore' | 'forward';
}

const FORWARDED: NodeJS.Signals[] = ['SIGTERM', 'SIGHUP'];

/**
 * Runs `command args` and resolves with its exit status (128+n when killed by signal n); rejects with
 * ChildStartError when it cannot start (127 not found, 126 not executable).
 */
export async function runChild(command: string, args: readonly string[], options: ChildOptions): Promise<number> {
  const { execa } = await import('execa');
  const piped = options.stdio === 'pipe';
  const child = execa(command, [...args], {
    env: options.env,
    extendEnv: false,
    cwd: options.cwd,
    shell: options.shell === true,
    stdin: piped ? 'ignore' : 'inherit',
    stdout: piped ? 'pipe' : 'inherit',
    stderr: piped ? 'pipe' : 'inherit',
    buffer: false,
    reject: false,
    stripFinalNewline: false,
  });
  const forward = (signal: NodeJS.Signals) => void child.kill(signal);
  const onInt = options.sigint === 'forward' ? forward : () => {};
  for (const signal of FORWARDED) process.on(signal, forward);
  process.on('SIGINT', onInt);
  if (piped) {
    const emit = (chunk: Buffer | string) => options.onOutput?.(chunk.toString());
    child.stdout?.on('data', emit);
    child.stderr?.on('data', emit);
  }
  try {
    const result = await child;
    if (result.signal) return signalExitStatus(result.signal);
    if (typeof result.exitCode === 'number') return result.exitCode;
    throw new ChildStartError(command, { code: (result as { code?: string }).code, message: result.shortMessage ?? 'the command did not start' });
  } finally {
    for (const signal of FORWARDED) process.off(signal, forward);
    process.off('SIGINT', onInt);
  }
}
