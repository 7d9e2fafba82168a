// Running the CLI and the credential helper in-process (runCli / runCredentialHelper: the whole programs, minus the
// process): a hostile-input table of 150+ cases runs in seconds instead of spawning 150 Node processes. Every run is
// raced against a time-out, so a hang is a failing case ("hang"), never a stuck test file.
import { Readable } from 'node:stream';
import { runCli } from '../../../src/cli/main.ts';
import { runCredentialHelper } from '../../../src/cli/credential-helper.ts';

export interface RunResult {
  code: number | 'hang';
  stdout: string;
  stderr: string;
  ms: number;
}

/** How long one in-process case may take before it counts as a hang (generous: the machine is shared). */
export const CASE_TIMEOUT_MS = 20_000;

async function raced(work: (out: { stdout: string; stderr: string }) => Promise<number>, timeoutMs: number): Promise<RunResult> {
  const out = { stdout: '', stderr: '' };
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<'hang'>((done) => {
    timer = setTimeout(() => done('hang'), timeoutMs);
  });
  try {
    const code = await Promise.race([work(out), hang]);
    return { code, ...out, ms: performance.now() - started };
  } finally {
    clearTimeout(timer);
  }
}

/** `ecr-auth ...argv` in-process, with exactly `env` and `cwd` (CI=true unless env says otherwise: never a browser). */
export function cliInProcess(argv: readonly string[], env: Record<string, string>, cwd: string, timeoutMs = CASE_TIMEOUT_MS): Promise<RunResult> {
  return raced(
    (out) =>
      runCli(argv, {
        stdout: { write: (chunk: string) => (out.stdout += chunk) },
        stderr: { write: (chunk: string) => (out.stderr += chunk) },
        stdin: Readable.from([]),
        env: { CI: 'true', ...env },
        cwd,
        isTTY: { stdin: false, stdout: false, stderr: false },
        platform: 'linux',
      }),
    timeoutMs,
  );
}

/** `docker-credential-ecr-auth <verb>` in-process, with `stdin` as Docker sends it. */
export function helperInProcess(verb: string, stdin: string, env: Record<string, string>, cwd: string, timeoutMs = CASE_TIMEOUT_MS): Promise<RunResult> {
  return raced(
    (out) =>
      runCredentialHelper({
        argv: [verb],
        stdin,
        env: { CI: 'true', ...env },
        cwd,
        stdout: (text) => void (out.stdout += text),
        stderr: (text) => void (out.stderr += text),
      }),
    timeoutMs,
  );
}
