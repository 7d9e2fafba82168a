// Runs the whole CLI in-process (runCli) with captured stdout/stderr and no stdin, as a test's `cli(...)` helper.
import { Readable } from 'node:stream';
import type { CliIo } from '../../src/cli/io.ts';
import { runCli } from '../../src/cli/main.ts';

export interface CapturedRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** One CLI run: `env` is the whole environment, `tty` makes stdin, stdout and stderr terminals. */
export async function runCliCaptured(argv: string[], options: { env: Record<string, string | undefined>; cwd: string; tty?: boolean }): Promise<CapturedRun> {
  let stdout = '';
  let stderr = '';
  const tty = options.tty ?? false;
  const io: CliIo = {
    stdout: { write: (chunk: string) => (stdout += chunk) },
    stderr: { write: (chunk: string) => (stderr += chunk) },
    stdin: Readable.from([]),
    env: options.env,
    cwd: options.cwd,
    isTTY: { stdin: tty, stdout: tty, stderr: tty },
    platform: 'linux',
  };
  const code = await runCli(argv, io);
  return { code, stdout, stderr };
}
