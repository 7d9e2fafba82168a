#!/usr/bin/env node
// The `docker-credential-ecr-auth` program as installed (bundled by scripts/bundle-bins.mjs into
// dist/cli/docker-credential-ecr-auth.cjs). A `get` for a host whose token is cached and fresh is answered here from
// two small files; every other call (and a stale, unknown or odd host) runs the full helper (credential-helper.ts),
// loaded only then, with the stdin already read.
import { fstatSync, readFileSync, writeSync } from 'node:fs';
import process from 'node:process';
import { formatGetAnswer, parseHelperRequest } from '../core/docker/helper-protocol.ts';
import { cachedHostCredential } from '../core/session/cached-host.ts';

/** The `get` answer from the cache, or undefined when the full helper must decide. Never throws. */
export async function cachedGet(argv: readonly string[], stdin: string, env: NodeJS.ProcessEnv, now: number): Promise<string | undefined> {
  if (argv.length !== 1 || argv[0] !== 'get') return undefined;
  try {
    const request = parseHelperRequest('get', stdin);
    if (request.action !== 'get') return undefined;
    const answer = await cachedHostCredential(env, now, request.serverURL);
    if (answer.kind !== 'hit') return undefined;
    const { host, username, password } = answer.credential;
    return `${formatGetAnswer({ ServerURL: host, Username: username, Secret: password })}\n`;
  } catch {
    return undefined;
  }
}

/** stdout without process.stdout (see bin.ts print), falling back to the stream when the pipe would block. */
function print(text: string): void {
  const bytes = Buffer.from(text);
  let done = 0;
  try {
    while (done < bytes.length) done += writeSync(1, bytes, done);
  } catch {
    process.stdout.write(bytes.subarray(done));
  }
}

/**
 * The whole of stdin: read from fd 0 directly when it is a pipe, a socket (a Node parent's pipe) or a file (Docker's
 * case), else from the stream (whose set-up alone costs more than the rest of a cached answer).
 */
async function readStdin(): Promise<string> {
  try {
    const info = fstatSync(0);
    if (info.isFIFO() || info.isSocket() || info.isFile()) return readFileSync(0, 'utf8');
  } catch {
    // a non-blocking pipe with nothing yet (EAGAIN), or no fd 0: the stream waits for it
  }
  if (process.stdin.isTTY) return '';
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const stdin = argv[0] === 'get' ? await readStdin() : undefined;
  const answer = stdin === undefined ? undefined : await cachedGet(argv, stdin, process.env, Date.now());
  if (answer !== undefined) {
    print(answer);
    return;
  }
  const ext = import.meta.url.endsWith('.ts') ? '.ts' : '.js';
  const { runHelperMain } = (await import(new URL(`./credential-helper${ext}`, import.meta.url).href)) as typeof import('./credential-helper.ts');
  runHelperMain(argv, stdin);
}

void main();
