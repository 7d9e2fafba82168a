#!/usr/bin/env node
// The `ecr-auth` program as installed (bundled by scripts/bundle-bins.mjs into dist/cli/ecr-auth.cjs). It answers
// `--version`, `--help` and a cached `ecr-login` / `login` / `get-login-password` by itself, reading a few files with
// node:fs, so that those cost about what starting Node costs; everything else (and any doubt) runs the full CLI
// (main.ts), loaded only then. See cached-answer.ts for when it answers.
import { writeSync } from 'node:fs';
import module from 'node:module';
import process from 'node:process';

/** Set by the bundler: the version and the main help text, rendered from the command table at build time. */
declare const ECR_AUTH_BAKED: { version: string; help: string } | undefined;
/** Set by the bundler: loads cached-answer.ts bundled on its own (so that --version does not even parse it). */
declare const __ecrAuthCachedAnswer: (() => typeof import('./cached-answer.ts')) | undefined;

interface Answer {
  stdout?: string;
  stderr?: string;
  code: number;
}

/** main.ts's answers to `ecr-auth`, `--version`, `--help`, `-h` and `help`, as rendered at build time. */
export function bakedAnswer(argv: readonly string[], baked: { version: string; help: string } | undefined): Answer | undefined {
  if (!baked) return undefined;
  if (argv.length === 0) return { stderr: baked.help, code: 2 };
  if (argv.length !== 1) return undefined;
  if (argv[0] === '--version') return { stdout: `${baked.version}\n`, code: 0 };
  if (argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') return { stdout: baked.help, code: 0 };
  return undefined;
}

/** A module of the package relative to this one: its .ts source (tsx, vitest), or its .js build beside the bundle. */
const moduleUrl = (path: string) => new URL(`${path}${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url).href;

/**
 * Writes to fd 1 or 2 directly: a few hundred bytes, and process.stdout alone (streams, a socket or tty) would cost
 * a good part of the time this file saves. Falls back to the stream when the descriptor would block.
 */
function print(fd: 1 | 2, text: string): void {
  const bytes = Buffer.from(text);
  let done = 0;
  try {
    while (done < bytes.length) done += writeSync(fd, bytes, done);
  } catch {
    (fd === 1 ? process.stdout : process.stderr).write(bytes.subarray(done));
  }
}

async function cachedAnswerModule(): Promise<typeof import('./cached-answer.ts')> {
  // Node >= 22.1 keeps the compiled code on disk, in the OS temp dir (no-op before)
  (module as { enableCompileCache?: () => unknown }).enableCompileCache?.();
  if (typeof __ecrAuthCachedAnswer === 'function') return __ecrAuthCachedAnswer();
  return (await import(moduleUrl('./cached-answer'))) as typeof import('./cached-answer.ts');
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const cachedAnswer = async (input: import('./cached-answer.ts').CachedAnswerInput) => (await cachedAnswerModule()).cachedAnswer(input);
  const answer: Answer | undefined =
    bakedAnswer(argv, typeof ECR_AUTH_BAKED === 'undefined' ? undefined : ECR_AUTH_BAKED) ??
    (await cachedAnswer({ argv, env: process.env, cwd: process.cwd(), now: Date.now(), memoUrl: moduleUrl('../core/config/memo') }).then(
      (cached) => cached && { ...cached, code: 0 },
    ));
  if (answer) {
    if (answer.stdout) print(1, answer.stdout);
    if (answer.stderr) print(2, answer.stderr);
    process.exitCode = answer.code;
    return;
  }
  const { runMain } = (await import(moduleUrl('./main'))) as typeof import('./main.ts');
  runMain(argv);
}

void main();
