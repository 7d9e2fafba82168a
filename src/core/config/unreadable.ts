// A config file the search passed over because this user cannot read it. cosmiconfig (and find.ts, which mirrors
// it) moves on past a file it gets EACCES for, so without this check an unreadable ecr-auth.config.yaml reads as
// "no config found" (whose hint says to create one), or a config further up is silently used in its place.
import { access, constants } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { EcrAuthError } from '../errors.ts';

/** Search places that are ecr-auth's own files (package.json is anyone's: an unreadable one is not our concern). */
const ownPlaces = (places: readonly string[]) => places.filter((place) => place !== 'package.json');

async function unreadable(path: string): Promise<boolean> {
  return access(path, constants.R_OK).then(
    () => false,
    (error: { code?: string }) => error.code === 'EACCES' || error.code === 'EPERM',
  );
}

/**
 * The first of ecr-auth's own config files that the search from `cwd` visits before `found` (or anywhere, when
 * nothing was found) and that exists but cannot be read; undefined when there is none.
 */
export async function findUnreadableConfig(cwd: string, places: readonly string[], found?: string): Promise<string | undefined> {
  const stopDir = found === undefined ? undefined : dirname(resolve(found));
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    for (const place of ownPlaces(places)) {
      if (dir === stopDir && place === basename(found!)) return undefined;
      if (await unreadable(join(dir, place))) return join(dir, place);
    }
    if (dir === stopDir || dirname(dir) === dir) return undefined;
  }
}

function unreadableError(path: string, from?: string): EcrAuthError {
  return new EcrAuthError('E_CONFIG', `the config file ${path}${from ? ` (from ${from})` : ''} cannot be read by this user (permission denied)`, {
    hint: `make it readable (chmod u+r "${path}", or check its owner), or point ${from ?? '--config'} at another file`,
  });
}

/** Throws E_CONFIG naming a config file the search had to pass over because it cannot be read. */
export async function refuseUnreadableConfig(cwd: string, places: readonly string[], found?: string): Promise<void> {
  const path = await findUnreadableConfig(cwd, places, found);
  if (path !== undefined) throw unreadableError(path);
}

/** Throws E_CONFIG when the config file given with `from` (--config, ECR_AUTH_CONFIG) exists but cannot be read. */
export async function refuseUnreadableConfigFile(path: string, from: string): Promise<void> {
  if (await unreadable(path)) throw unreadableError(path, from);
}
