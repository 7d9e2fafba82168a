// Runs one command line through the platform shell with the output streamed to the task's output, like
// nx:run-commands. The environment (with credentials) goes to the child as env, never on the command line.
// The process handling is the CLI's one runner (src/cli/child.ts): the same exit codes as `ecr-auth exec`.
import process from 'node:process';
import { ChildStartError, runChild } from '../../cli/child.ts';

export interface ShellRun {
  cwd: string;
  env: Record<string, string>;
  /** 'inherit' streams to the task's output; 'pipe' lets tests collect it. */
  stdio?: 'inherit' | 'pipe';
  onOutput?(chunk: string): void;
}

/** Runs `line` in a shell; resolves with its exit code (128+n when killed by signal n; 127/126 when no shell starts). */
export async function runShell(line: string, run: ShellRun): Promise<number> {
  try {
    return await runChild(line, [], {
      shell: true,
      cwd: run.cwd,
      env: run.env,
      stdio: run.stdio ?? 'inherit',
      ...(run.onOutput ? { onOutput: run.onOutput } : {}),
      sigint: 'forward',
    });
  } catch (error) {
    if (!(error instanceof ChildStartError)) throw error;
    (run.onOutput ?? ((text: string) => process.stderr.write(text)))(`ecr-auth: cannot start a shell: ${error.message}\n`);
    return error.exitStatus;
  }
}
