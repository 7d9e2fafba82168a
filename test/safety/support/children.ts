// Child processes for the safety tests: `node [--import tsx] script args...`, each printing "ready" once its imports
// are done, so that a test can release many of them at the same instant (a line on stdin) or kill one mid-work.
// A `.ts` script runs through tsx; a `.mjs` one (on the built core in dist/) runs on plain Node, three times cheaper.
import { type ChildProcess, spawn } from 'node:child_process';
import process from 'node:process';

export interface Child {
  process: ChildProcess;
  /** Resolves when the child printed its "ready" line (its modules are loaded). */
  ready: Promise<void>;
  /** Resolves when the child has exited, with its exit code, signal and output. */
  done: Promise<ChildResult>;
  /** Everything the child printed on stdout after "ready". */
  output(): string;
  /** Sends "go" on stdin: the child starts its work. */
  go(): void;
}

export interface ChildResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Starts `node [--import tsx] script ...args` with `env` (merged over PATH) and watches for its "ready" line. */
export function startChild(script: string, args: string[], env: Record<string, string | undefined> = {}): Child {
  const loader = script.endsWith('.ts') ? ['--import', 'tsx'] : [];
  const child = spawn(process.execPath, [...loader, script, ...args], {
    env: { PATH: process.env.PATH, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let signalReady: () => void = () => {};
  let failReady: (error: Error) => void = () => {};
  const ready = new Promise<void>((resolve, reject) => {
    signalReady = resolve;
    failReady = reject;
  });
  child.stdout?.on('data', (chunk) => {
    stdout += String(chunk);
    if (stdout.startsWith('ready\n')) signalReady();
  });
  child.stderr?.on('data', (chunk) => (stderr += String(chunk)));
  child.stdin?.on('error', () => {}); // a child killed before "go" closes its stdin
  const done = new Promise<ChildResult>((resolve) => {
    child.on('close', (code, signal) => {
      failReady(new Error(`child ${script} exited (${code ?? signal}) before it was ready: ${stderr}`));
      resolve({ code, signal, stdout: stdout.replace(/^ready\n/, ''), stderr });
    });
  });
  ready.catch(() => {});
  return {
    process: child,
    ready,
    done,
    output: () => stdout.replace(/^ready\n/, ''),
    go: () => child.stdin?.end('go\n'),
  };
}

/** Starts `count` children, waits until all are ready, releases them together and waits for all to exit. */
export async function runTogether(count: number, make: (i: number) => Child): Promise<ChildResult[]> {
  const children = Array.from({ length: count }, (_, i) => make(i));
  await Promise.all(children.map((c) => c.ready));
  for (const c of children) c.go();
  return Promise.all(children.map((c) => c.done));
}

/** In a child: announces "ready" and resolves when the parent says "go" (or closes stdin). */
export function waitForGo(): Promise<void> {
  process.stdout.write('ready\n');
  return new Promise((resolve) => {
    const release = () => {
      process.stdin.destroy();
      resolve();
    };
    process.stdin.once('data', release);
    process.stdin.once('end', release);
  });
}
