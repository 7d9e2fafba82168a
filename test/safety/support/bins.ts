// Running the built bins as users run them: `node dist/cli/main.js ...` or the credential helper, with exactly the
// environment given (nothing of the test runner's), optionally as `nobody` (setpriv) so that permissions bite even
// when the tests run as root; and a small pool so a table of cases spawns a few at a time on a 2-core machine.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import process from 'node:process';

/** The built CLI and credential helper (vitest's global setup rebuilds dist/ when sources changed). */
export const CLI_BIN = resolve('dist/cli/main.js');
export const HELPER_BIN = resolve('dist/cli/credential-helper.js');

/** setpriv, when this machine has it: needed to run a case as another user when the tests run as root. */
export const SETPRIV = ['/usr/bin/setpriv', '/bin/setpriv'].find((path) => existsSync(path));
export const RUNNING_AS_ROOT = process.getuid?.() === 0;
/** uid/gid of `nobody`/`nogroup` on Debian and Ubuntu. */
export const NOBODY_ID = 65534;
/** Whether a case can run as a user without the test runner's rights (root: via setpriv; otherwise it already is). */
export const CAN_RUN_UNPRIVILEGED = !RUNNING_AS_ROOT || SETPRIV !== undefined;

export interface BinResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface BinOptions {
  /** The child's whole environment (PATH is added from ours when missing). */
  env: Record<string, string>;
  cwd: string;
  /** Written to stdin, which is then closed; stdin is closed empty otherwise. */
  stdin?: string;
  /** Run as nobody:nogroup with no supplementary groups (only when running as root). */
  unprivileged?: boolean;
  /** Node flags before the script, e.g. ['--import', preload]. */
  nodeArgs?: string[];
}

/** Runs `node bin ...argv` and resolves with its exit code and complete output. */
export function runBin(bin: string, argv: readonly string[], options: BinOptions): Promise<BinResult> {
  const node = [process.execPath, ...(options.nodeArgs ?? []), bin, ...argv];
  const drop = options.unprivileged && RUNNING_AS_ROOT;
  if (drop && !SETPRIV) throw new Error('setpriv is needed to run a case as nobody');
  const [file, ...args] = drop ? [SETPRIV!, `--reuid=${NOBODY_ID}`, `--regid=${NOBODY_ID}`, '--clear-groups', ...node] : node;
  return new Promise((done, fail) => {
    const child = spawn(file!, args, { env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...options.env }, cwd: options.cwd });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += String(chunk)));
    child.stderr.on('data', (chunk) => (stderr += String(chunk)));
    child.stdin.on('error', () => {});
    child.on('error', fail);
    child.on('close', (code, signal) => done({ code, signal, stdout, stderr }));
    child.stdin.end(options.stdin ?? '');
  });
}

/** `ecr-auth ...argv`. */
export const runCli = (argv: readonly string[], options: BinOptions) => runBin(CLI_BIN, argv, options);
/** `docker-credential-ecr-auth <verb>` with `stdin`. */
export const runHelper = (verb: string, stdin: string, options: BinOptions) => runBin(HELPER_BIN, [verb], { ...options, stdin });

/** Maps `items` through `work` with at most `size` running at once; results keep the order of `items`. */
export async function inPool<T, R>(items: readonly T[], size: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(size, items.length) }, worker));
  return results;
}
