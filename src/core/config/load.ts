// The thin shell around validateConfig: finds the config file (cosmiconfig, from the working directory up to the
// filesystem root), reads it, and turns every failure into an EcrAuthError that names the file.
// The common case (the nearest match is a JSON or YAML file) is found by find.ts without loading cosmiconfig, and
// a file whose text validated before is answered from memo.ts without the YAML parser or the schema (zod): both
// are loaded lazily, only when a file is new or changed.
import { stat } from 'node:fs/promises';
import { platform } from 'node:os';
import { dirname, extname, isAbsolute, join, parse as parsePath, resolve } from 'node:path';
import type { Loader } from 'cosmiconfig';
import { EcrAuthError, isEcrAuthError } from '../errors.ts';
import type { Env } from '../paths.ts';
import { homeDir } from '../paths.ts';
import { ConfigError } from './config-error.ts';
import { CONFIG_MAX_BYTES, type DataConfigFile, findDataConfig, isDataConfigPath, readConfigFile, refuseOddConfigPlaces } from './find.ts';
import { jsonErrorOffset, lineColumn } from './json-position.ts';
import { recallConfig, rememberConfig } from './memo.ts';
import { refuseUnreadableConfig, refuseUnreadableConfigFile } from './unreadable.ts';
import type { ResolvedConfig } from './model.ts';
import type { ConfigIssue } from './issues.ts';
import type { YamlInputs } from './yaml-functions.ts';

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

/** YAML with the Atmos YAML functions kept as YamlCall markers (resolved by resolveDocument once env and cwd are known). */
const loadYaml: Loader = async (filepath, content) => (await import('./yaml-document.ts')).parseYamlDocument(filepath, content);

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

async function explorer(cwd: string) {
  const { cosmiconfig, defaultLoaders } = await import('cosmiconfig');
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
  if (info && !info.isDirectory() && (!info.isFile() || info.size > CONFIG_MAX_BYTES)) await readConfigFile(filepath, from);
  if (!info?.isFile()) {
    throw new EcrAuthError('E_CONFIG_NOT_FOUND', `config file ${filepath} (from ${from}) ${info ? 'is not a file' : 'does not exist'}`, {
      hint: `point ${from} at an existing file, or leave it unset to search from the working directory`,
    });
  }
  const result = await (await explorer(cwd)).load(filepath);
  if (result === null) {
    throw new EcrAuthError('E_CONFIG_NOT_FOUND', `${filepath} (from ${from}) has no "${MODULE_NAME}" key`, { hint: CREATE_HINT });
  }
  return { source: result.filepath, raw: result.config };
}

/** Finds and reads the config document (not yet validated): --config, else ECR_AUTH_CONFIG, else the search. */
export async function readConfigDocument(options: LoadConfigOptions): Promise<{ source: string; raw: unknown }> {
  if (options.configPath) return readExplicit(options.cwd, options.configPath, '--config');
  if (options.env.ECR_AUTH_CONFIG) return readExplicit(options.cwd, options.env.ECR_AUTH_CONFIG, 'ECR_AUTH_CONFIG');
  await refuseOddConfigPlaces(options.cwd, SEARCH_PLACES);
  const result = await (await explorer(options.cwd)).search(resolve(options.cwd));
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

/** The config file when it is a JSON or YAML file (given, or the nearest match of the search), with its text. */
async function dataConfigFile(options: LoadConfigOptions): Promise<DataConfigFile | undefined> {
  const given = options.configPath || options.env.ECR_AUTH_CONFIG;
  if (!given) return findDataConfig(options.cwd, SEARCH_PLACES, MODULE_NAME);
  const path = isAbsolute(given) ? given : resolve(options.cwd, given);
  if (!isDataConfigPath(path)) return undefined;
  const text = await readConfigFile(path, options.configPath ? '--config' : 'ECR_AUTH_CONFIG').catch((error: unknown) => {
    if (isEcrAuthError(error)) throw error;
    return undefined;
  });
  return text === undefined ? undefined : { path, text };
}

/** Parses a data config file as cosmiconfig would; undefined when cosmiconfig has to look at it (a null document). */
async function parseDataConfig(file: DataConfigFile): Promise<{ source: string; raw: unknown } | undefined> {
  if (file.text.trim() === '') return { source: file.path, raw: undefined };
  const raw = await (extname(file.path) === '.json' ? loadJson : loadYaml)(file.path, file.text);
  return raw === null ? undefined : { source: file.path, raw };
}

/** Finds, reads and validates the config; throws E_CONFIG (every issue) or E_CONFIG_NOT_FOUND (where it looked). */
export async function loadConfig(options: LoadConfigOptions): Promise<ResolvedConfig> {
  const given = options.configPath ?? options.env.ECR_AUTH_CONFIG;
  if (given) await refuseUnreadableConfigFile(resolve(options.cwd, given), options.configPath === undefined ? 'ECR_AUTH_CONFIG' : '--config');
  let config: ResolvedConfig;
  try {
    config = await loadReadableConfig(options);
  } catch (error) {
    // the search passes over files it cannot read: name such a file rather than say there is none
    if (!given && isEcrAuthError(error, 'E_CONFIG_NOT_FOUND')) await refuseUnreadableConfig(options.cwd, SEARCH_PLACES);
    throw error;
  }
  if (!given) await refuseUnreadableConfig(options.cwd, SEARCH_PLACES, config.source);
  return config;
}

async function loadReadableConfig(options: LoadConfigOptions): Promise<ResolvedConfig> {
  const file = await dataConfigFile(options);
  const remembered = file && (await recallConfig(options.env, file.path, file.text, options.cwd));
  if (remembered) return remembered;
  const document = (file && (await parseDataConfig(file))) || (await readConfigDocument(options));
  const { source, raw, inputs } = await resolveDocument(document, options);
  const { validateConfig } = await import('./validate.ts');
  const result = validateConfig(raw, source);
  // what an !exec printed never reaches a message
  const redact = (text: string) => (inputs?.secrets ?? []).reduce((out, secret) => out.split(secret).join('<output of !exec>'), text);
  const hide = (issue: ConfigIssue) => ({ ...issue, message: redact(issue.message) });
  if (!result.config) throw new ConfigError(source, result.errors.map(hide), result.warnings.map(hide));
  if (inputs?.secrets.length) result.config.warnings = result.config.warnings.map(redact);
  if (file && source === file.path && !inputs?.exec) await rememberConfig(options.env, file.path, file.text, result.config, inputs && { ...inputs, cwd: inputs.cwd ? options.cwd : undefined });
  return result.config;
}

/** The document with its YAML functions (!env, !exec, !include, !repo-root, !cwd) resolved, and what they read. */
export async function resolveDocument(
  document: { source: string; raw: unknown },
  options: Pick<LoadConfigOptions, 'cwd' | 'env'>,
): Promise<{ source: string; raw: unknown; inputs?: YamlInputs }> {
  const { hasYamlCalls, resolveYamlFunctions } = await import('./yaml-functions.ts');
  if (!hasYamlCalls(document.raw)) return document;
  const { setAsideByKind } = await import('./kinds.ts');
  const { value, inputs } = await resolveYamlFunctions(document.raw, { file: document.source, cwd: options.cwd, env: options.env, setAside: setAsideByKind });
  return { source: document.source, raw: value, inputs };
}
