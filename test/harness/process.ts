import { spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { readFile } from 'node:fs/promises';

// A long-running child (registry, dockerd) whose stdout and stderr go to a log file kept for failure messages.
export interface LoggedProcess {
  readonly pid: number;
  readonly logFile: string;
  // Resolves when the process has exited (never rejects).
  readonly exited: Promise<{ code: number | null; signal: string | null; error?: Error }>;
  hasExited(): boolean;
  // SIGTERM to `pid` (default: the child), SIGKILL after timeoutMs; resolves once the child has exited.
  stop(options?: { pid?: number; timeoutMs?: number }): Promise<void>;
  // The last lines of the log, for error messages.
  logTail(lines?: number): Promise<string>;
}

const live = new Set<number>();
let exitHookInstalled = false;

// Kills whatever is still running when the test worker exits, so no daemon outlives a crashed test file.
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const pid of live) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  });
}

// Starts `command args` with its output appended to logFile.
export function spawnLogged(
  command: string,
  args: readonly string[],
  options: { env: NodeJS.ProcessEnv; logFile: string; cwd?: string },
): LoggedProcess {
  installExitHook();
  const fd = openSync(options.logFile, 'a');
  const child = spawn(command, args, { env: options.env, cwd: options.cwd, stdio: ['ignore', fd, fd] });
  closeSync(fd);
  let done = false;
  const exited = new Promise<{ code: number | null; signal: string | null; error?: Error }>((resolve) => {
    child.once('error', (error) => {
      done = true;
      resolve({ code: null, signal: null, error });
    });
    child.once('exit', (code, signal) => {
      done = true;
      resolve({ code, signal });
    });
  });
  const pid = child.pid ?? -1;
  if (pid > 0) live.add(pid);
  void exited.then(() => live.delete(pid));

  const signal = (target: number, name: NodeJS.Signals): void => {
    try {
      process.kill(target, name);
    } catch {
      // already gone
    }
  };
  return {
    pid,
    logFile: options.logFile,
    exited,
    hasExited: () => done,
    async stop({ pid: target = pid, timeoutMs = 10_000 } = {}) {
      if (done || target <= 0) return;
      signal(target, 'SIGTERM');
      const timer = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), timeoutMs).unref());
      if ((await Promise.race([exited, timer])) === 'timeout') {
        signal(target, 'SIGKILL');
        if (target !== pid) signal(pid, 'SIGKILL');
        await exited;
      }
    },
    async logTail(lines = 30) {
      const text = await readFile(options.logFile, 'utf8').catch(() => '');
      return text.split('\n').slice(-lines - 1).join('\n');
    },
  };
}

// Polls `probe` until it returns true; fails early, with the log tail, if `owner` exits first.
export async function waitUntil(
  what: string,
  probe: () => Promise<boolean>,
  options: { owner?: LoggedProcess; timeoutMs?: number; intervalMs?: number } = {},
): Promise<void> {
  const { owner, timeoutMs = 20_000, intervalMs = 50 } = options;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await probe().catch(() => false)) return;
    if (owner?.hasExited()) {
      const status = await owner.exited;
      const how = status.error ? status.error.message : `exit code ${status.code ?? status.signal}`;
      throw new Error(`${what}: process exited (${how}); log ${owner.logFile}:\n${await owner.logTail()}`);
    }
    if (Date.now() > deadline) {
      const log = owner ? `; log ${owner.logFile}:\n${await owner.logTail()}` : '';
      throw new Error(`${what}: not ready after ${timeoutMs} ms${log}`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
