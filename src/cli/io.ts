// What the CLI touches of the outside world, passed in so tests run commands in-process with fake streams.
import process from 'node:process';
import type { Env } from '../core/paths.ts';

/** Somewhere text can be written (process.stdout, or a buffer in tests). */
export interface TextSink {
  write(chunk: string): unknown;
}

/** The CLI's window on the process: streams, environment, working directory, terminals and platform. */
export interface CliIo {
  stdout: TextSink;
  stderr: TextSink;
  stdin: NodeJS.ReadableStream;
  env: Env;
  cwd: string;
  isTTY: { stdin: boolean; stdout: boolean; stderr: boolean };
  platform: NodeJS.Platform;
}

/** The real process as a CliIo; the environment is a snapshot taken now. */
export function processIo(): CliIo {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: { ...process.env },
    cwd: process.cwd(),
    isTTY: { stdin: !!process.stdin.isTTY, stdout: !!process.stdout.isTTY, stderr: !!process.stderr.isTTY },
    platform: process.platform,
  };
}
