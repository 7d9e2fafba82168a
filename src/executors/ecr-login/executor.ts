// `ecr-auth:ecr-login`: logs Docker in to the named integrations, the registries of an identity, or ad-hoc hosts.
// One `✓ ECR login` line per registry; any failure fails the task. Never cacheable: its effect is outside the
// workspace (the Docker config and the credential cache), so every target running it sets `cache: false`.
import { ensureRegistries } from '../../core/session.ts';
import { formatError } from '../../core/errors.ts';
import { failureParagraphs, loginLines } from '../lib/login-report.ts';
import { isVerbose, type NxRun, processIo, type SharedOptions, type TaskIo, taskCoreContext } from '../lib/task-context.ts';

/** The executor's options (schema.json). */
export interface EcrLoginOptions extends SharedOptions {
  integrations?: string[];
  identity?: string;
  registries?: string[];
}

/** The registry request the options describe: only what was given, so the core applies its defaults. */
export function registryRequest(options: EcrLoginOptions) {
  return {
    ...(options.integrations?.length ? { integrations: options.integrations } : {}),
    ...(options.identity ? { identity: options.identity } : {}),
    ...(options.registries?.length ? { registries: options.registries } : {}),
  };
}

/** Runs the login; `io` is the task process unless a test passes another. */
export async function runEcrLogin(options: EcrLoginOptions, run: NxRun, io: TaskIo): Promise<{ success: boolean }> {
  const verbose = isVerbose(run, io.env);
  try {
    const ctx = await taskCoreContext(options, run, io);
    const outcome = await ensureRegistries(ctx, registryRequest(options));
    for (const line of loginLines(outcome, ctx.now())) io.print(line);
    for (const paragraph of failureParagraphs(outcome, verbose)) io.write(paragraph);
    if (outcome.logins.length === 0 && outcome.failures.length === 0) {
      io.write('ecr-auth: no registry to log in to: name integrations or registries, or add integrations to the config');
    }
    return { success: outcome.failures.length === 0 };
  } catch (error) {
    io.write(formatError(error, verbose));
    return { success: false };
  }
}

/** The Nx executor. */
export default async function ecrLoginExecutor(options: EcrLoginOptions, context: NxRun): Promise<{ success: boolean }> {
  return runEcrLogin(options, context, processIo());
}
