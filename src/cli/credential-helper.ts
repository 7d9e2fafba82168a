#!/usr/bin/env node
// docker-credential-ecr-auth: the Docker credential-helper protocol. `get` for a cached host answers from two small
// files without loading the config or any AWS module; a stale or unknown ECR host is refreshed through the session.
// stdout carries protocol only; diagnostics go to stderr.
import module from 'node:module';
import process from 'node:process';
import { isMainModule } from './is-main.ts';
import { formatError, isEcrAuthError } from '../core/errors.ts';
import {
  CREDENTIALS_NOT_FOUND,
  formatGetAnswer,
  formatListAnswer,
  parseHelperAction,
  parseHelperRequest,
} from '../core/docker/helper-protocol.ts';
import { cachedHostCredential, forgetHost, knownHosts } from '../core/session/host-credential.ts';
import type { Env } from '../core/paths.ts';

export interface HelperIo {
  argv: string[];
  stdin: string;
  env: Env;
  cwd: string;
  stdout(text: string): void;
  stderr(text: string): void;
}

async function refreshed(io: HelperIo, host: string, record: Parameters<typeof import('../core/session/host-credential.ts').refreshHostCredential>[2]) {
  const [{ loadContext }, { refreshHostCredential }] = await Promise.all([
    import('../core/make-context.ts'),
    import('../core/session/host-credential.ts'),
  ]);
  const verbose = io.env.ECR_AUTH_VERBOSE === '1';
  const ctx = await loadContext({
    env: io.env,
    cwd: io.cwd,
    ...(record?.configPath ? { configPath: record.configPath } : {}),
    log: {
      info: () => {},
      warn: (m: string) => io.stderr(`docker-credential-ecr-auth: ${m}\n`),
      verbose: (m: string) => (verbose ? io.stderr(`docker-credential-ecr-auth: ${m}\n`) : undefined),
    },
  });
  return refreshHostCredential(ctx, host, record);
}

/** Runs one helper call; returns the exit code. */
export async function runCredentialHelper(io: HelperIo): Promise<number> {
  try {
    const request = parseHelperRequest(parseHelperAction(io.argv[0]), io.stdin);
    switch (request.action) {
      case 'get': {
        const answer = await cachedHostCredential(io.env, Date.now(), request.serverURL);
        if (answer.kind === 'foreign') throw new NotFound();
        const credential =
          answer.kind === 'hit' ? answer.credential : await refreshed(io, answer.host, answer.record).catch(notFoundWithoutConfig);
        if (credential === undefined) throw new NotFound(); // an ECR host no integration names and never logged in
        io.stdout(formatGetAnswer({ ServerURL: credential.host, Username: credential.username, Secret: credential.password }) + '\n');
        return 0;
      }
      case 'list':
        io.stdout(formatListAnswer(await knownHosts(io.env)) + '\n');
        return 0;
      case 'erase':
        await forgetHost(io.env, request.serverURL);
        return 0;
      case 'store':
        // Docker calls store after `docker login HOST` when credHelpers[HOST] is us: ECR credentials come from
        // `ecr-auth login`, so there is nothing to keep. Accept silently, as amazon-ecr-credential-helper does.
        return 0;
    }
  } catch (error) {
    if (error instanceof NotFound) {
      io.stdout(`${CREDENTIALS_NOT_FOUND}\n`);
      return 1;
    }
    io.stdout(`${isEcrAuthError(error) ? error.message : String(error)}\n`);
    io.stderr(`${formatError(error, io.env.ECR_AUTH_VERBOSE === '1')}\n`);
    return 1;
  }
}

class NotFound extends Error {}

function notFoundWithoutConfig(error: unknown): never {
  if (isEcrAuthError(error, 'E_CONFIG_NOT_FOUND')) throw new NotFound();
  throw error;
}

/** The whole of stdin (empty for a terminal). */
export async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) return '';
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Runs the helper as this process, setting process.exitCode; `stdin` when the caller has read it already. */
export function runHelperMain(argv: string[] = process.argv.slice(2), stdin?: string): void {
  // Node >= 22.1 keeps compiled code on disk (no-op before): what a run imports later (the AWS SDK, zod) loads faster.
  (module as { enableCompileCache?: () => unknown }).enableCompileCache?.();
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  void (stdin !== undefined ? Promise.resolve(stdin) : argv[0] === 'list' ? Promise.resolve('') : readStdin())
    .then((input) =>
      runCredentialHelper({
        argv,
        stdin: input,
        env: process.env,
        cwd: process.cwd(),
        stdout: (t) => process.stdout.write(t),
        stderr: (t) => process.stderr.write(t),
      }),
    )
    .then((code) => {
      process.exitCode = code;
    });
}

// No top-level await, so that nothing that require()s this module (Nx) is refused.
// (The installed bin is the bundled src/cli/helper-bin.ts, which answers a cached `get` itself.)
if (isMainModule(import.meta.url)) runHelperMain();
