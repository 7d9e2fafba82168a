// Whether the workspace root already has an ecr-auth config, in any place the loader searches. init never
// overwrites one: the config is the user's, the generator only starts it.
import type { Tree } from '@nx/devkit';
import { SEARCH_PLACES } from '../../core/config/load.ts';
import { readJson } from './tree-json.ts';

/** The file name init writes. */
export const CONFIG_FILE = 'ecr-auth.config.yaml';

/** The root config file (or "package.json#ecr-auth"), or undefined when there is none. */
export function existingConfig(tree: Tree): string | undefined {
  for (const place of SEARCH_PLACES) {
    if (place === 'package.json') {
      if (tree.exists(place) && readJson(tree, place)?.['ecr-auth'] !== undefined) return 'package.json#ecr-auth';
    } else if (tree.exists(place)) {
      return place;
    }
  }
  return undefined;
}
