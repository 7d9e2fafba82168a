// `ecr-auth:with-auth`: ensures the identity (and the registry logins of the named integrations), then runs the
// command(s) through a shell with the identity's AWS credentials in the environment. Success = every exit code 0.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { ensureIdentity, ensureRegistries, identityEnvironment, integrationEnvironment, keepFresh, type KeepFresh } from '../../core/session.ts';
import { formatError } from '../../core/errors.ts';
import { childEnvironment } from '../../core/child-env.ts';
import { type CommandOptions, commandLines } from '../lib/commands.ts';
import { failureParagraphs, loginLines } from '../lib/login-report.ts';
import { runShell } from '../lib/run-shell.ts';
import { isVerbose, type NxRun, processIo, type SharedOptions, type TaskIo, taskCoreContext } from '../lib/task-context.ts';

/** The executor's options (schema.json). */
export interface WithAuthOptions extends SharedOptions, CommandOptions {
  /** Working directory, relative to the workspace root. */
  cwd?: string;
  env?: Record<string, string>;
  identity?: string;
  integrations?: string[];
  /** Run `commands` at the same time instead of one after another. */
  parallel?: boolean;
  /** Renew credentials and Docker logins while the command runs; it gets a credentials endpoint, not fixed keys. */
  keepFresh?: boolean;
}

/** Option names Nx may also repeat in `__unparsed__`; they are not passed on to the command. */
export const OWN_OPTIONS: ReadonlySet<string> = new Set([
  'command', 'commands', 'args', 'cwd', 'env', 'identity', 'integrations', 'parallel', 'config', 'minValidity', 'min-validity',
  'keepFresh', 'keep-fresh',
]);

/** Runs with-auth; `io` is the task process unless a test passes another. */
export async function runWithAuth(options: WithAuthOptions, run: NxRun, io: TaskIo): Promise<{ success: boolean }> {
  const verbose = isVerbose(run, io.env);
  const lines = commandLines(options, OWN_OPTIONS);
  if (lines.length === 0) {
    io.write('ecr-auth: with-auth needs a `command` or `commands` option');
    return { success: false };
  }
  const cwd = options.cwd ? resolve(run.root, options.cwd) : run.root;
  if (!existsSync(cwd)) {
    io.write(`ecr-auth: the working directory ${cwd} (option cwd) does not exist`);
    return { success: false };
  }
  let env: Record<string, string>;
  let fresh: KeepFresh | undefined;
  try {
    const ctx = await taskCoreContext(options, run, io);
    const session = await ensureIdentity(ctx, options.identity);
    if (options.integrations?.length) {
      const outcome = await ensureRegistries(ctx, { integrations: options.integrations });
      for (const line of loginLines(outcome, ctx.now())) io.print(line);
      for (const paragraph of failureParagraphs(outcome, verbose)) io.write(paragraph);
      if (outcome.failures.length > 0) return { success: false };
    }
    const request = options.integrations?.length
      ? { integrations: options.integrations }
      : { ...(session.identity === undefined ? {} : { identity: session.identity }), autoProvisionOnly: true };
    if (options.keepFresh) {
      const registries = options.integrations?.length ? { registries: { integrations: options.integrations } } : {};
      fresh = await keepFresh(ctx, { ...(session.identity === undefined ? {} : { identity: session.identity }), ...registries });
    }
    const extra = { ...(fresh ? fresh.env : identityEnvironment(session)), ...(await integrationEnvironment(ctx, request)) };
    env = childEnvironment(io.env, extra, options.env);
  } catch (error) {
    io.write(formatError(error, verbose));
    return { success: false };
  }
  try {
    const codes = options.parallel
      ? await Promise.all(lines.map((line) => runShell(line, { cwd, env })))
      : await sequence(lines, (line) => runShell(line, { cwd, env }));
    return { success: codes.every((code) => code === 0) };
  } finally {
    await fresh?.stop();
  }
}

/** Runs one after another and stops at the first failure, as `&&` would. */
async function sequence(lines: string[], runOne: (line: string) => Promise<number>): Promise<number[]> {
  const codes: number[] = [];
  for (const line of lines) {
    const code = await runOne(line);
    codes.push(code);
    if (code !== 0) break;
  }
  return codes;
}

/** The Nx executor. */
export default async function withAuthExecutor(options: WithAuthOptions, context: NxRun): Promise<{ success: boolean }> {
  return runWithAuth(options, context, processIo());
}
