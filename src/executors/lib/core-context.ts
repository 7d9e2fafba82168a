// Builds the CoreContext an executor hands to the core: the task's environment, the workspace root as working
// directory, whether a person can answer, and a logger that writes to the task's output (never a secret).
import type { CoreContext, Interaction, Logger } from '../../core/context.ts';
import type { ResolvedConfig } from '../../core/config/model.ts';
import { parseMinValidity } from '../../core/duration.ts';
import { detectInteraction } from '../../core/interaction.ts';
import type { Env } from '../../core/paths.ts';

/** What the executor knows about its terminal: read from process.stdin/stderr by the caller, injected for tests. */
export interface Terminal {
  stdinIsTty: boolean;
  stderrIsTty: boolean;
  platform: string;
}

/** Whether a browser can open and whether a person can answer a prompt (the core's one rule, fed the task's terminal). */
export function interactionFor(env: Env, terminal: Terminal): Interaction {
  return detectInteraction({ env, platform: terminal.platform, stdinIsTTY: terminal.stdinIsTty, stderrIsTTY: terminal.stderrIsTty });
}

/** A logger writing to the task output; verbose lines only with `nx --verbose` or ECR_AUTH_VERBOSE=1. */
export function taskLogger(write: (line: string) => void, verbose: boolean): Logger {
  return {
    info: (message) => write(message),
    warn: (message) => write(`⚠ ${message}`),
    verbose: (message) => (verbose ? write(message) : undefined),
  };
}

export interface ContextInput {
  env: Env;
  cwd: string;
  config: ResolvedConfig;
  /** The executor's minValidity option ("15m", "1h"); the config's setting when absent. */
  minValidity?: string;
  terminal: Terminal;
  log: Logger;
  now?: () => number;
}

/** The CoreContext for one executor run. Throws E_USAGE when minValidity is not a duration. */
export function coreContext(input: ContextInput): CoreContext {
  const minValidityMs =
    input.minValidity === undefined || input.minValidity === ''
      ? input.config.settings.minValidityMs
      : parseMinValidity(input.minValidity, 'minValidity');
  return {
    env: input.env,
    cwd: input.cwd,
    now: input.now ?? Date.now,
    config: input.config,
    minValidityMs,
    interaction: interactionFor(input.env, input.terminal),
    log: input.log,
  };
}
