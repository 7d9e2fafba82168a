// Finding the config file without loading cosmiconfig when the answer is plain: the nearest match of the search is
// a JSON or YAML file. The directories, the places and their order are cosmiconfig's global search as load.ts sets
// it up, walked with one readdir per directory. Anything out of the ordinary (a code config, package.json with an
// "ecr-auth" key, a possible cosmiconfig meta config, `$import`, a directory that cannot be listed, nothing found)
// answers undefined, and load.ts asks cosmiconfig, which stays the reference for every such case.
import { readdir, readFile } from 'node:fs/promises';
import { basename, dirname, extname, join, resolve } from 'node:path';

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
    return await readFile(path, 'utf8');
  } catch (error) {
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
