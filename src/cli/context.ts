// Builds the CoreContext a command hands to the session: the environment, a clock, the config, the effective
// minimum validity, how the user can be reached, and a logger on stderr.
import type { CoreContext } from '../core/context.ts';
import { loadConfig } from '../core/config/load.ts';
import type { ResolvedConfig } from '../core/config/model.ts';
import { DEFAULT_SETTINGS } from '../core/config/model.ts';
import { parseMinValidity } from '../core/duration.ts';
import { isEcrAuthError } from '../core/errors.ts';
import type { GlobalOptions } from './args.ts';
import { detectInteraction } from '../core/interaction.ts';
import type { CliIo } from './io.ts';
import { stderrLogger } from './output.ts';

export interface ContextOptions {
  /**
   * The command can work without a config file (ad-hoc `--registry` with the ambient chain, `logout --all`):
   * when the search finds none, an empty config is used. An explicit --config / ECR_AUTH_CONFIG must still exist.
   */
  configOptional?: boolean;
}

/** A config with nothing in it, for commands that run without a config file. */
export function emptyConfig(): ResolvedConfig {
  return { providers: {}, identities: {}, integrations: {}, settings: structuredClone(DEFAULT_SETTINGS), warnings: [] };
}

async function configFor(io: CliIo, globals: GlobalOptions, options: ContextOptions): Promise<ResolvedConfig> {
  try {
    return await loadConfig({ cwd: io.cwd, env: io.env, ...(globals.config === undefined ? {} : { configPath: globals.config }) });
  } catch (error) {
    const searched = globals.config === undefined && !io.env.ECR_AUTH_CONFIG;
    if (options.configOptional && searched && isEcrAuthError(error, 'E_CONFIG_NOT_FOUND')) return emptyConfig();
    throw error;
  }
}

/** The CoreContext for one CLI run. A bad --min-validity fails before the config is read. */
export async function buildContext(
  io: CliIo,
  globals: GlobalOptions,
  options: ContextOptions = {},
  now: () => number = Date.now,
): Promise<CoreContext> {
  const flagMinValidity = globals.minValidity === undefined ? undefined : parseMinValidity(globals.minValidity, '--min-validity');
  const config = await configFor(io, globals, options);
  const log = stderrLogger(io.stderr, globals.verbose);
  if (config.source) log.verbose(`config: ${config.source}`);
  for (const warning of config.warnings) log.verbose(`config: ${warning}`);
  return {
    env: io.env,
    cwd: io.cwd,
    now,
    config,
    minValidityMs: flagMinValidity ?? config.settings.minValidityMs,
    interaction: detectInteraction({
      env: io.env,
      platform: io.platform,
      stdinIsTTY: io.isTTY.stdin,
      stderrIsTTY: io.isTTY.stderr,
      noBrowser: globals.noBrowser,
    }),
    log,
  };
}
