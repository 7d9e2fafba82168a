// Runs the child command of `exec`: inherited stdio, its exit code passed back (128+n for a signal, as shells
// do), termination signals sent to us forwarded to it.
import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import process from 'node:process';
import { EcrAuthError } from '../core/errors.ts';

/** Exit codes when the command cannot be started, as POSIX shells use them. */
export const NOT_FOUND_EXIT = 127;
export const NOT_EXECUTABLE_EXIT = 126;

/** A child that could not start, with the shell-style exit code to return. */
export class ChildStartError extends EcrAuthError {
  readonly exitStatus: number;

  constructor(command: string, cause: NodeJS.ErrnoException) {
    const notFound = cause.code === 'ENOENT';
    super('E_EXEC', notFound ? `command not found: ${command}` : `cannot run ${command}: ${cause.code ?? cause.message}`, {
      hint: notFound ? 'check the name, and that it is on PATH' : 'check that the file is executable',
      cause,
    });
    this.exitStatus = notFound ? NOT_FOUND_EXIT : NOT_EXECUTABLE_EXIT;
  }
}

/** The exit status a shell reports for a child killed by `signal`: 128 + its number. */
export function signalExitStatus(signal: NodeJS.Signals): number {
  return 128 + (constants.signals[signal] ?? 0);
}

const FORWARDED: NodeJS.Signals[] = ['SIGTERM', 'SIGHUP'];

/**
 * Runs `command args` and resolves with its exit status; rejects with ChildStartError when it cannot start.
 * SIGINT from a terminal reaches the child directly (same process group), so we only keep it from killing us.
 */
export function runChild(command: string, args: readonly string[], options: { env: Record<string, string>; cwd: string }): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, [...args], { stdio: 'inherit', env: options.env, cwd: options.cwd });
    const forward = (signal: NodeJS.Signals) => void child.kill(signal);
    const ignore = () => {};
    const cleanup = () => {
      for (const signal of FORWARDED) process.off(signal, forward);
      process.off('SIGINT', ignore);
    };
    for (const signal of FORWARDED) process.on(signal, forward);
    process.on('SIGINT', ignore);
    child.once('error', (error: NodeJS.ErrnoException) => {
      cleanup();
      reject(new ChildStartError(command, error));
    });
    child.once('exit', (code, signal) => {
      cleanup();
      resolve(code ?? (signal ? signalExitStatus(signal) : 1));
    });
  });
}
