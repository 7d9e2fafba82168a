// Whether a person can answer, and whether a browser can open: decided once from the terminal and environment.
import type { Interaction } from './context.ts';
import type { Env } from './paths.ts';

export interface InteractionFacts {
  env: Env;
  platform: string;
  stdinIsTTY: boolean;
  stderrIsTTY: boolean;
  /** --no-browser. */
  noBrowser?: boolean;
}

/** True when CI is set to anything but "", "false" or "0". */
export function isCi(env: Env): boolean {
  const ci = env.CI?.trim().toLowerCase();
  return ci !== undefined && ci !== '' && ci !== 'false' && ci !== '0';
}

/**
 * human: stdin and stderr are terminals and not in CI. browser: not --no-browser, and BROWSER is set, or a
 * graphical session exists (DISPLAY/WAYLAND_DISPLAY; macOS and Windows always have one, unless reached over SSH).
 */
export function detectInteraction(facts: InteractionFacts): Interaction {
  const { env } = facts;
  const human = facts.stdinIsTTY && facts.stderrIsTTY && !isCi(env);
  // in CI nothing waits for a browser, whatever BROWSER or DISPLAY say
  if (facts.noBrowser || isCi(env)) return { human, browser: false };
  if (env.BROWSER) return { human, browser: true };
  const graphical = !!(env.DISPLAY || env.WAYLAND_DISPLAY);
  const overSsh = !!(env.SSH_CONNECTION || env.SSH_CLIENT || env.SSH_TTY);
  if (overSsh) return { human, browser: graphical };
  const desktop = facts.platform === 'darwin' || facts.platform === 'win32';
  return { human, browser: desktop || graphical };
}
