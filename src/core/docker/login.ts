// Putting a registry login where Docker will find it (auths, the credsStore, or our credential helper), recording
// what we wrote in the ledger, and removing exactly those entries again at logout.
//
// Decision: the auths and store modes remove a `credHelpers[host] = "ecr-auth"` registration, because Docker
// asks credHelpers first and would never read what was just written. Only the value "ecr-auth" (ours by name) is
// removed; another tool's helper for that host is left alone, with a warning that it takes precedence.
import { resolve } from 'node:path';
import type { DockerMode } from '../config/model.ts';
import type { Logger } from '../context.ts';
import { silentLogger } from '../context.ts';
import { EcrAuthError } from '../errors.ts';
import type { Env } from '../paths.ts';
import {
  type DockerConfig,
  dockerConfigPath,
  encodeAuth,
  readDockerConfig,
  removeAuth,
  removeCredHelper,
  setAuth,
  setCredHelper,
  setStoreMarker,
  updateDockerConfig,
} from './config-file.ts';
import { authDigest, type LedgerEntry, readDockerLedger, updateDockerLedger } from './ledger.ts';

export { type LedgerEntry, readDockerLedger } from './ledger.ts';

/** The credHelpers value that sends Docker to `docker-credential-ecr-auth`. */
export const ECR_AUTH_HELPER = 'ecr-auth';

export interface SaveDockerLoginOptions {
  env: Env;
  host: string;
  username: string;
  password: string;
  mode: DockerMode;
  identity?: string;
  log?: Logger;
  now?: () => number;
}

export interface SavedDockerLogin {
  /** "auths", "store:<helper>" or "helper". */
  storedIn: string;
  configPath: string;
  mode: 'auths' | 'store' | 'helper';
  /** False when config.json (or the store) already held exactly this login and nothing was written. */
  changed: boolean;
}

/** Makes Docker logged in to `host` in the configured mode, and records the entry in the ledger. */
export async function saveDockerLogin(options: SaveDockerLoginOptions): Promise<SavedDockerLogin> {
  const { env, host, username, password } = options;
  const log = options.log ?? silentLogger;
  if (!host.trim()) throw new EcrAuthError('E_REGISTRY_HOST', 'an empty registry host cannot be logged in to');
  const configPath = resolve(dockerConfigPath(env));
  const unchanged = await unchangedLogin(options, configPath).catch(() => undefined);
  if (unchanged) return unchanged;
  return updateDockerLedger(env, async (ledger) => {
    const previous = ledger.find((e) => e.configPath === configPath && e.host === host);
    const { config } = await readDockerConfig(env, { path: configPath });
    const mode = options.mode === 'auto' ? (config.credsStore ? 'store' : 'auths') : options.mode;
    const entry: LedgerEntry = { configPath, host, mode, identity: options.identity, writtenAt: new Date((options.now ?? Date.now)()).toISOString() };
    let changed = true;
    if (mode === 'store') {
      const helper = config.credsStore;
      if (!helper) {
        throw new EcrAuthError('E_DOCKER_HELPER', `settings.docker.mode is store but ${configPath} has no credsStore`, {
          hint: 'Set credsStore in the Docker config (e.g. "desktop", "osxkeychain", "pass"), or use settings.docker.mode auto, auths or helper.',
        });
      }
      const { storeCredential } = await import('./creds-store.ts');
      await storeCredential(helper, { ServerURL: host, Username: username, Secret: password }, env);
      await updateDockerConfig(env, (c) => unshadow(setStoreMarker(c, host), host, log), { path: configPath });
      entry.helper = helper;
    } else {
      if (mode === 'auths' && config.credsStore) log.warn(`${configPath} sets credsStore "${config.credsStore}": Docker ignores the auths entry for ${host}; use settings.docker.mode auto or store`);
      changed = (await updateDockerConfig(env, (c) => withLogin(c, mode, options, previous, log), { path: configPath })).changed;
      if (mode === 'auths') entry.authDigest = authDigest(encodeAuth(username, password));
    }
    if (previous?.mode === 'store' && previous.helper && (mode !== 'store' || previous.helper !== entry.helper)) {
      const { eraseCredential } = await import('./creds-store.ts');
      await eraseCredential(previous.helper, host, env).catch((error) => log.warn(`could not erase the old ${host} entry from docker-credential-${previous.helper}: ${(error as Error).message}`));
    }
    const entries = [...ledger.filter((e) => e !== previous), stripUndefined(entry)];
    return { entries, result: { storedIn: mode === 'store' ? `store:${entry.helper}` : mode, configPath, mode, changed } };
  }, log);
}

/** config.json with this login in auths or helper mode (store mode goes through the store's helper instead). */
function withLogin(config: DockerConfig, mode: 'auths' | 'helper', login: SaveDockerLoginOptions, previous: LedgerEntry | undefined, log: Logger): DockerConfig {
  const { host, username, password } = login;
  if (mode === 'auths') return unshadow(setAuth(config, host, username, password), host, log);
  const registered = setCredHelper(config, host, ECR_AUTH_HELPER);
  return previous?.mode === 'auths' && stillOurs(registered, previous) ? removeAuth(registered, host) : registered;
}

/**
 * The result of a login that config.json and the ledger already record exactly (the usual case once logged in):
 * two reads, no lock, no write. Undefined when anything would change or warn; the locked path then decides.
 */
export async function unchangedLogin(login: SaveDockerLoginOptions, configPath: string): Promise<SavedDockerLogin | undefined> {
  const [ledger, { config }] = await Promise.all([readDockerLedger(login.env), readDockerConfig(login.env, { path: configPath })]);
  const mode = login.mode === 'auto' ? (config.credsStore ? 'store' : 'auths') : login.mode;
  const helper = config.credHelpers?.[login.host];
  if (mode === 'store' || (mode === 'auths' && (config.credsStore || helper))) return undefined;
  const previous = ledger.find((e) => e.configPath === configPath && e.host === login.host);
  const digest = mode === 'auths' ? authDigest(encodeAuth(login.username, login.password)) : undefined;
  const recorded = previous?.mode === mode && previous.identity === login.identity && previous.authDigest === digest && previous.helper === undefined;
  if (!recorded) return undefined;
  const wanted = withLogin(config, mode, login, previous, silentLogger);
  return sameHostEntries(wanted, config, login.host) ? { storedIn: mode, configPath, mode, changed: false } : undefined;
}

/**
 * Whether two configs hold the same auths[host] and credHelpers[host] (presence, value and position). withLogin copies
 * on write and changes nothing else, so for its result this is `serializeDockerConfig(a) === serializeDockerConfig(b)`
 * without copying or printing the whole file (a thousand foreign entries cost a cached login milliseconds there).
 */
export function sameHostEntries(a: DockerConfig, b: DockerConfig, host: string): boolean {
  return (['auths', 'credHelpers'] as const).every((section) => {
    const [x, y] = [a[section], b[section]];
    if ((x === undefined) !== (y === undefined)) return false;
    if (!x || !y || x === y) return true;
    const [inX, inY] = [Object.hasOwn(x, host), Object.hasOwn(y, host)];
    if (inX !== inY) return false;
    return !inX || (Object.keys(x).indexOf(host) === Object.keys(y).indexOf(host) && JSON.stringify(x[host]) === JSON.stringify(y[host]));
  });
}

/**
 * Removes the Docker entries of the ledger that `filter` selects, and only what is still ours: an auths entry still
 * holding the value we wrote, a credHelpers value still "ecr-auth", a store entry (erased through its helper).
 * Every other key and entry of config.json is left as it was. Returns the entries dropped from the ledger.
 */
export async function removeDockerLogins(env: Env, filter: (entry: LedgerEntry) => boolean, log: Logger = silentLogger): Promise<LedgerEntry[]> {
  return updateDockerLedger(env, async (ledger) => {
    const chosen = ledger.filter(filter);
    for (const configPath of new Set(chosen.map((e) => e.configPath))) {
      const entries = chosen.filter((e) => e.configPath === configPath);
      for (const entry of entries.filter((e) => e.mode === 'store' && e.helper)) {
        const { eraseCredential } = await import('./creds-store.ts');
        await eraseCredential(entry.helper ?? '', entry.host, env).catch((error) =>
          log.warn(`could not erase ${entry.host} from docker-credential-${entry.helper}: ${(error as Error).message}`),
        );
      }
      await updateDockerConfig(env, (config) => entries.reduce(removeOurEntry, config), { path: configPath });
    }
    return { entries: ledger.filter((e) => !chosen.includes(e)), result: chosen };
  }, log);
}

function removeOurEntry(config: DockerConfig, entry: LedgerEntry): DockerConfig {
  const auth = config.auths?.[entry.host];
  if (entry.mode === 'auths') return stillOurs(config, entry) ? removeAuth(config, entry.host) : config;
  if (entry.mode === 'store') return auth && Object.keys(auth).length === 0 ? removeAuth(config, entry.host) : config;
  return config.credHelpers?.[entry.host] === ECR_AUTH_HELPER ? removeCredHelper(config, entry.host) : config;
}

/** True when auths[host] still holds the value recorded for an auths entry (or no fingerprint was recorded). */
function stillOurs(config: DockerConfig, entry: LedgerEntry): boolean {
  const auth = config.auths?.[entry.host];
  if (!auth || !Object.hasOwn(config.auths ?? {}, entry.host)) return false;
  return entry.authDigest === undefined || (typeof auth.auth === 'string' && authDigest(auth.auth) === entry.authDigest);
}

/** Drops our own credHelpers registration for host (it would shadow what was just written); warns about a foreign one. */
function unshadow(config: DockerConfig, host: string, log: Logger): DockerConfig {
  const helper = config.credHelpers?.[host];
  if (helper === ECR_AUTH_HELPER) return removeCredHelper(config, host);
  if (helper) log.warn(`credHelpers["${host}"] = "${helper}" in the Docker config takes precedence over the login just saved`);
  return config;
}

function stripUndefined(entry: LedgerEntry): LedgerEntry {
  return Object.fromEntries(Object.entries(entry).filter(([, v]) => v !== undefined)) as unknown as LedgerEntry;
}

