// The thin shell around validateConfig: finds the config file (cosmiconfig, from the working directory up to the
// filesystem root), reads it, and turns every failure into an EcrAuthError that names the file.
import { stat } from 'node:fs/promises';
import { platform } from 'node:os';
import { dirname, isAbsolute, join, parse as parsePath, resolve } from 'node:path';
import { cosmiconfig, defaultLoaders } from 'cosmiconfig';
import type { Loader } from 'cosmiconfig';
import { EcrAuthError } from '../errors.ts';
import type { Env } from '../paths.ts';
import { homeDir } from '../paths.ts';
import { ConfigError } from './config-error.ts';
import { jsonErrorOffset, lineColumn } from './json-position.ts';
import type { ResolvedConfig } from './model.ts';
import { validateConfig } from './validate.ts';

/** The module name: `ecr-auth.config.*`, `.ecr-authrc*`, `package.json#ecr-auth`. */
export const MODULE_NAME = 'ecr-auth';

/** Where the search looks in each directory, first match wins. */
export const SEARCH_PLACES = [
  'ecr-auth.config.ts', 'ecr-auth.config.mjs', 'ecr-auth.config.js', 'ecr-auth.config.json',
  'ecr-auth.config.yaml', 'ecr-auth.config.yml',
  '.ecr-authrc', '.ecr-authrc.json', '.ecr-authrc.yaml', '.ecr-authrc.yml',
  'package.json',
];

export interface LoadConfigOptions {
  cwd: string;
  env: Env;
  /** --config PATH; wins over ECR_AUTH_CONFIG and the search. Relative to cwd. */
  configPath?: string;
}

const CREATE_HINT =
  'create ecr-auth.config.yaml at the root of the workspace (`nx g ecr-auth:init` writes one), check it with ' +
  '`ecr-auth validate`, or point --config / ECR_AUTH_CONFIG at a file';

function syntaxError(filepath: string, language: string, detail: string, cause: unknown, at?: { line: number; column: number }): EcrAuthError {
  const where = at ? `${filepath}:${at.line}:${at.column}` : filepath;
  return new EcrAuthError('E_CONFIG', `${where}: invalid ${language}: ${detail}`, { hint: 'fix the syntax at that line', cause });
}

const loadJson: Loader = (filepath, content) => {
  try {
    return JSON.parse(content) as unknown;
  } catch (error) {
    const offset = jsonErrorOffset(content);
    const at = offset === undefined ? undefined : lineColumn(content, offset);
    const detail = (error as Error).message.split(/, (?:\.\.\.)?"/)[0]!.replace(/ in JSON at position \d+.*$/s, '');
    throw syntaxError(filepath, 'JSON', detail, error, at);
  }
};

const loadYaml: Loader = (filepath, content) => {
  try {
    return defaultLoaders['.yaml'](filepath, content);
  } catch (error) {
    const { mark, reason } = error as { mark?: { line: number; column: number }; reason?: string };
    const at = mark ? { line: mark.line + 1, column: mark.column + 1 } : undefined;
    throw syntaxError(filepath, 'YAML', reason ?? (error as Error).message, error, at);
  }
};

function codeLoader(loader: Loader): Loader {
  return async (filepath, content) => {
    try {
      return await loader(filepath, content);
    } catch (error) {
      const message = (error as Error).message ?? String(error);
      const needsTs = /Cannot find (package|module) 'typescript'/.test(message);
      throw new EcrAuthError('E_CONFIG', `${filepath}: cannot load: ${message.split('\n').find((l) => l.trim()) ?? message}`, {
        hint: needsTs
          ? 'a .ts config needs the typescript package installed; or write ecr-auth.config.mjs or .yaml'
          : 'fix the file so it loads and default-exports the config object',
        cause: error,
      });
    }
  };
}

function explorer(cwd: string) {
  return cosmiconfig(MODULE_NAME, {
    searchPlaces: SEARCH_PLACES,
    searchStrategy: 'global',
    stopDir: parsePath(resolve(cwd)).root,
    ignoreEmptySearchPlaces: false,
    cache: false,
    loaders: {
      '.json': loadJson, '.yaml': loadYaml, '.yml': loadYaml, noExt: loadYaml,
      '.js': codeLoader(defaultLoaders['.js']), '.mjs': codeLoader(defaultLoaders['.mjs']),
      '.cjs': codeLoader(defaultLoaders['.cjs']), '.ts': codeLoader(defaultLoaders['.ts']),
    },
  });
}

/** The directories the search visits from `cwd`: itself and each parent up to the filesystem root. */
export function searchedDirectories(cwd: string): string[] {
  const dirs = [resolve(cwd)];
  while (dirname(dirs[dirs.length - 1]!) !== dirs[dirs.length - 1]) dirs.push(dirname(dirs[dirs.length - 1]!));
  return dirs;
}

/** The per-user directory cosmiconfig also searches last (env-paths' config directory for "ecr-auth"). */
export function userConfigDirectory(env: Env, os: string = platform()): string {
  if (os === 'darwin') return join(homeDir(env), 'Library', 'Preferences', MODULE_NAME);
  if (os === 'win32') return join(env.APPDATA || join(homeDir(env), 'AppData', 'Roaming'), MODULE_NAME, 'Config');
  return join(env.XDG_CONFIG_HOME || join(homeDir(env), '.config'), MODULE_NAME);
}

async function readExplicit(cwd: string, given: string, from: string): Promise<{ source: string; raw: unknown }> {
  const filepath = isAbsolute(given) ? given : resolve(cwd, given);
  const info = await stat(filepath).catch(() => undefined);
  if (!info?.isFile()) {
    throw new EcrAuthError('E_CONFIG_NOT_FOUND', `config file ${filepath} (from ${from}) ${info ? 'is not a file' : 'does not exist'}`, {
      hint: `point ${from} at an existing file, or leave it unset to search from the working directory`,
    });
  }
  const result = await explorer(cwd).load(filepath);
  if (result === null) {
    throw new EcrAuthError('E_CONFIG_NOT_FOUND', `${filepath} (from ${from}) has no "${MODULE_NAME}" key`, { hint: CREATE_HINT });
  }
  return { source: result.filepath, raw: result.config };
}

/** Finds and reads the config document (not yet validated): --config, else ECR_AUTH_CONFIG, else the search. */
export async function readConfigDocument(options: LoadConfigOptions): Promise<{ source: string; raw: unknown }> {
  if (options.configPath) return readExplicit(options.cwd, options.configPath, '--config');
  if (options.env.ECR_AUTH_CONFIG) return readExplicit(options.cwd, options.env.ECR_AUTH_CONFIG, 'ECR_AUTH_CONFIG');
  const result = await explorer(options.cwd).search(resolve(options.cwd));
  if (result === null) {
    const dirs = searchedDirectories(options.cwd);
    throw new EcrAuthError('E_CONFIG_NOT_FOUND',
      `no ecr-auth config found. Looked in ${dirs.join(', ')} for ecr-auth.config.{ts,mjs,js,json,yaml,yml}, ` +
      `.ecr-authrc{,.json,.yaml,.yml} or an "ecr-auth" key in package.json, and for ` +
      `${join(userConfigDirectory(options.env), 'config')}{,.json,.yaml,.yml,.js,.ts,.cjs,.mjs}`,
      { hint: CREATE_HINT });
  }
  return { source: result.filepath, raw: result.config };
}

/** Finds, reads and validates the config; throws E_CONFIG (every issue) or E_CONFIG_NOT_FOUND (where it looked). */
export async function loadConfig(options: LoadConfigOptions): Promise<ResolvedConfig> {
  const { source, raw } = await readConfigDocument(options);
  const result = validateConfig(raw, source);
  if (!result.config) throw new ConfigError(source, result.errors, result.warnings);
  return result.config;
}
