// Builds the CoreContext an executor hands to the core: the task's environment, the workspace root as working
// directory, whether a person can answer, and a logger that writes to the task's output (never a secret).
import type { CoreContext, Interaction, Logger } from '../../core/context.ts';
import type { ResolvedConfig } from '../../core/config/model.ts';
import { parseDuration } from '../../core/duration.ts';
import type { Env } from '../../core/paths.ts';

/** What the executor knows about its terminal: read from process.stdin/stderr by the caller, injected for tests. */
export interface Terminal {
  stdinIsTty: boolean;
  stderrIsTty: boolean;
  platform: string;
}

/** True when CI is set to anything but "false" or "0". */
export function isCi(env: Env): boolean {
  const value = env.CI?.trim().toLowerCase();
  return value !== undefined && value !== '' && value !== 'false' && value !== '0';
}

/** Whether a browser can open and whether a person can answer a prompt. */
export function interactionFor(env: Env, terminal: Terminal): Interaction {
  const ci = isCi(env);
  const human = terminal.stdinIsTty && terminal.stderrIsTty && !ci;
  const remote = Boolean(env.SSH_CONNECTION || env.SSH_TTY);
  const desktop = terminal.platform === 'darwin' || terminal.platform === 'win32' || Boolean(env.DISPLAY || env.WAYLAND_DISPLAY);
  const browser = !ci && (Boolean(env.BROWSER?.trim()) || (desktop && !remote));
  return { browser, human };
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
      : parseDuration(input.minValidity, 'minValidity');
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
