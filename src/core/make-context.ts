// The one way to build a CoreContext: the CLI, the Nx executors, the credential helper's refresh path and the tests
// all call makeContext (config in hand) or loadContext (config read from disk first).
import { openCacheStore } from './cache/store.ts';
import { loadConfig } from './config/load.ts';
import { DEFAULT_SETTINGS, type ResolvedConfig } from './config/model.ts';
import type { CoreContext, Interaction, Logger } from './context.ts';
import { silentLogger } from './context.ts';
import { parseMinValidity } from './duration.ts';
import { isEcrAuthError } from './errors.ts';
import { detectInteraction } from './interaction.ts';
import { cacheDir, type Env } from './paths.ts';

/** What the caller knows about its terminal; absent means nobody can answer (the credential helper, child processes). */
export interface Terminal {
  platform: string;
  stdinIsTTY: boolean;
  stderrIsTTY: boolean;
  /** --no-browser. */
  noBrowser?: boolean;
}

export interface ContextInput {
  env: Env;
  cwd: string;
  config: ResolvedConfig;
  /** A minimum validity as the user wrote it ("15m") and the option it came from; empty = the config's setting. */
  minValidity?: { text: string | undefined; option: string };
  terminal?: Terminal;
  log?: Logger;
  now?: () => number;
}

const NOBODY: Interaction = { browser: false, human: false };

/** A config with nothing in it, for commands that run without a config file. */
export function emptyConfig(): ResolvedConfig {
  return { providers: {}, identities: {}, integrations: {}, settings: structuredClone(DEFAULT_SETTINGS), warnings: [] };
}

function minValidityOf(input: Pick<ContextInput, 'minValidity'>): number | undefined {
  const text = input.minValidity?.text;
  return text === undefined || text === '' ? undefined : parseMinValidity(text, input.minValidity!.option);
}

/** The context for a config already in hand. Throws E_USAGE when the minimum validity is not a duration. */
export function makeContext(input: ContextInput): CoreContext {
  const log = input.log ?? silentLogger;
  return {
    env: input.env,
    cwd: input.cwd,
    now: input.now ?? Date.now,
    config: input.config,
    minValidityMs: minValidityOf(input) ?? input.config.settings.minValidityMs,
    interaction: input.terminal ? detectInteraction({ env: input.env, ...input.terminal }) : NOBODY,
    log,
    store: openCacheStore(cacheDir(input.env), log),
  };
}

export interface LoadContextInput extends Omit<ContextInput, 'config'> {
  /** --config PATH (relative to cwd); wins over ECR_AUTH_CONFIG and the search. */
  configPath?: string;
  /** Without an explicit config, a search that finds none yields an empty config instead of E_CONFIG_NOT_FOUND. */
  configOptional?: boolean;
}

/** Reads the config (a bad minimum validity fails first), then builds the context; logs the source and warnings. */
export async function loadContext(input: LoadContextInput): Promise<CoreContext> {
  minValidityOf(input);
  let config: ResolvedConfig;
  try {
    config = await loadConfig({ cwd: input.cwd, env: input.env, ...(input.configPath === undefined ? {} : { configPath: input.configPath }) });
  } catch (error) {
    const searched = input.configPath === undefined && !input.env.ECR_AUTH_CONFIG;
    if (!(input.configOptional && searched && isEcrAuthError(error, 'E_CONFIG_NOT_FOUND'))) throw error;
    config = emptyConfig();
  }
  const ctx = makeContext({ ...input, config });
  if (config.source) ctx.log.verbose(`config: ${config.source}`);
  for (const warning of config.warnings) ctx.log.verbose(`config: ${warning}`);
  return ctx;
}
