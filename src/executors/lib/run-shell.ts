// Runs one command line through the platform shell with the output streamed to the task's output, like
// nx:run-commands. The environment (with credentials) goes to the child as env, never on the command line.
import { spawn } from 'node:child_process';
import process from 'node:process';

export interface ShellRun {
  cwd: string;
  env: Record<string, string>;
  /** 'inherit' streams to the task's output; 'pipe' lets tests collect it. */
  stdio?: 'inherit' | 'pipe';
  onOutput?(chunk: string): void;
}

/** Runs `line` in a shell; resolves with its exit code (128 + signal number style codes for signals, 1 on spawn error). */
export function runShell(line: string, run: ShellRun): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(line, { shell: true, cwd: run.cwd, env: run.env, stdio: run.stdio === 'pipe' ? ['ignore', 'pipe', 'pipe'] : 'inherit' });
    const forward = (signal: NodeJS.Signals) => () => child.kill(signal);
    const onTerm = forward('SIGTERM');
    const onInt = forward('SIGINT');
    process.once('SIGTERM', onTerm);
    process.once('SIGINT', onInt);
    const done = (code: number) => {
      process.off('SIGTERM', onTerm);
      process.off('SIGINT', onInt);
      resolve(code);
    };
    child.stdout?.on('data', (chunk: Buffer) => run.onOutput?.(chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => run.onOutput?.(chunk.toString()));
    child.once('error', (error) => {
      (run.onOutput ?? ((text: string) => process.stderr.write(text)))(`ecr-auth: cannot start a shell: ${error.message}\n`);
      done(1);
    });
    child.once('close', (code, signal) => done(code ?? (signal ? 128 + signalNumber(signal) : 1)));
  });
}

function signalNumber(signal: NodeJS.Signals): number {
  return ({ SIGHUP: 1, SIGINT: 2, SIGKILL: 9, SIGTERM: 15 } as Record<string, number>)[signal] ?? 1;
}
