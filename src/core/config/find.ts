// Finding the config file without loading cosmiconfig when the answer is plain: the nearest match of the search is
// a JSON or YAML file. The directories, the places and their order are cosmiconfig's global search as load.ts sets
// it up, walked with one readdir per directory. Anything out of the ordinary (a code config, package.json with an
// "ecr-auth" key, a possible cosmiconfig meta config, `$import`, a directory that cannot be listed, nothing found)
// answers undefined, and load.ts asks cosmiconfig, which stays the reference for every such case.
import { readdir, stat } from 'node:fs/promises';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { EcrAuthError } from '../errors.ts';
import { readBounded, RefusedFileError } from '../fs/read-bounded.ts';

/** The largest config file (or package.json) read: a config is a few KB; 1 MB leaves room for a big package.json. */
export const CONFIG_MAX_BYTES = 1024 * 1024;

/** The error for a config place that is a FIFO, a device, a socket or too large: never waited on, never read whole. */
export function refusedConfigError(error: RefusedFileError, from?: string): EcrAuthError {
  return new EcrAuthError('E_CONFIG', `the config file ${error.message}${from ? ` (from ${from})` : ''}`, {
    hint: `ecr-auth reads its config only from a regular file of at most 1 MB: move ${error.path} aside or point --config at such a file`,
  });
}

/**
 * The text of a config file, bounded (see read-bounded.ts); undefined when it is missing or a directory (places
 * the search moves past). A FIFO, device, socket or oversized file is E_CONFIG.
 */
export async function readConfigFile(path: string, from?: string): Promise<string | undefined> {
  try {
    return await readBounded(path, { maxBytes: CONFIG_MAX_BYTES });
  } catch (error) {
    if (error instanceof RefusedFileError) {
      if (error.found === 'a directory') return undefined;
      throw refusedConfigError(error, from);
    }
    throw error;
  }
}

/**
 * Before cosmiconfig searches (it reads with a plain readFile, which waits forever on a FIFO): refuses any search
 * place on the way up from `cwd` that exists but is not a regular file of bounded size.
 */
export async function refuseOddConfigPlaces(cwd: string, places: readonly string[]): Promise<void> {
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    for (const place of places) {
      const info = await stat(join(dir, place)).catch(() => undefined);
      if (!info || info.isDirectory()) continue;
      if (!info.isFile() || info.size > CONFIG_MAX_BYTES) await readConfigFile(join(dir, place));
    }
    if (dirname(dir) === dir) return;
  }
}

/** A config file that holds data (JSON or YAML), with its text as read. */
export interface DataConfigFile {
  path: string;
  text: string;
}

/** Read errors for which cosmiconfig's search moves on to the next place. */
const SKIPPED = new Set(['ENOENT', 'EISDIR', 'ENOTDIR', 'EACCES']);

/** True for a file cosmiconfig parses as JSON or YAML (no extension = YAML) and that is not a package manifest. */
export function isDataConfigPath(path: string): boolean {
  const ext = extname(path);
  return ['.json', '.yaml', '.yml', ''].includes(ext) && basename(path, ext) !== 'package';
}

async function readPlace(path: string): Promise<string | 'skip' | 'unknown'> {
  try {
    return (await readConfigFile(path)) ?? 'skip';
  } catch (error) {
    if (error instanceof EcrAuthError) throw error;
    return SKIPPED.has((error as { code?: string }).code ?? '') ? 'skip' : 'unknown';
  }
}

function packageKey(text: string, key: string): 'absent' | 'present' | 'unknown' {
  try {
    const pkg = JSON.parse(text) as unknown;
    if (!pkg || typeof pkg !== 'object' || Array.isArray(pkg)) return 'unknown';
    return Object.hasOwn(pkg, key) && (pkg as Record<string, unknown>)[key] != null ? 'present' : 'absent';
  } catch {
    return 'unknown';
  }
}

/** cosmiconfig reads a meta config (a "cosmiconfig" key) from the start directory that may change the search. */
async function mayHaveMetaConfig(dir: string, names: Set<string>): Promise<boolean> {
  if (names.has('package.yaml') || names.has('.config')) return true;
  if (!names.has('package.json')) return false;
  const text = await readPlace(join(dir, 'package.json'));
  return text === 'unknown' || (text !== 'skip' && packageKey(text, 'cosmiconfig') !== 'absent');
}

/** The first config file of the search from `cwd` when it is a data file; undefined when cosmiconfig must decide. */
export async function findDataConfig(cwd: string, places: readonly string[], moduleName: string): Promise<DataConfigFile | undefined> {
  for (let dir = resolve(cwd), first = true; ; first = false) {
    const names = await readdir(dir).then((list) => new Set(list), () => undefined);
    if (!names || (first && (await mayHaveMetaConfig(dir, names)))) return undefined;
    for (const place of places) {
      if (!names.has(place)) continue;
      const path = join(dir, place);
      const text = await readPlace(path);
      if (text === 'skip') continue;
      if (text === 'unknown') return undefined;
      if (place === 'package.json') {
        if (packageKey(text, moduleName) === 'absent') continue;
        return undefined;
      }
      return isDataConfigPath(path) && !text.includes('$import') ? { path, text } : undefined;
    }
    if (dirname(dir) === dir) return undefined;
    dir = dirname(dir);
  }
}
