// Docker's config.json as data: parsing it strictly (a file we cannot understand is never rewritten) and pure
// edits that change one entry and keep every other key, entry and field exactly as it was.
import { Buffer } from 'node:buffer';
import { EcrAuthError } from '../errors.ts';
import { goSections } from './config-text.ts';

/** One `auths` entry. Docker's file store writes `auth` = base64("user:password"); other fields are kept as found. */
export interface DockerAuthEntry {
  auth?: string;
  [field: string]: unknown;
}

/** Docker's config.json. Only the keys this tool edits are typed; everything else is carried through untouched. */
export interface DockerConfig {
  auths?: Record<string, DockerAuthEntry>;
  credHelpers?: Record<string, string>;
  credsStore?: string;
  [key: string]: unknown;
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Parses config.json text: empty = {}, a UTF-8 BOM is tolerated, anything else that is not a JSON object throws. */
export function parseDockerConfig(text: string, path: string): DockerConfig {
  const body = text.replace(/^\uFEFF/, '');
  if (body.trim() === '') return {};
  const fail = (what: string) =>
    new EcrAuthError('E_DOCKER_CONFIG', `The Docker config ${path} ${what}; ecr-auth leaves it untouched`, {
      hint: `Fix ${path} (or move it aside: mv "${path}" "${path}.bak") and run the command again.`,
    });
  if (nestingDepth(body) > MAX_NESTING) throw fail(`nests values more than ${MAX_NESTING} levels deep`);
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (error) {
    // The parser's message may quote the file (and a secret in it): report only where it failed.
    throw fail(`is not valid JSON${jsonErrorPosition(error, body)}`);
  }
  if (!isPlainObject(value)) throw fail(`holds ${Array.isArray(value) ? 'an array' : typeof value === 'object' ? 'null' : `a ${typeof value}`}, not a JSON object`);
  for (const key of ['auths', 'credHelpers'] as const) {
    if (value[key] !== undefined && !isPlainObject(value[key])) throw fail(`has a "${key}" that is not an object`);
  }
  if (value.credsStore !== undefined && typeof value.credsStore !== 'string') throw fail('has a "credsStore" that is not a string');
  // a repeated "auths" / "credHelpers" key: Docker's Go decoder merges the objects, so read them as it does
  return goSections(body, value) as DockerConfig;
}

/** Deeper than any real Docker config; past it, copying and comparing the document could exhaust the stack. */
const MAX_NESTING = 256;

/**
 * The deepest nesting of objects and arrays in JSON text (outside strings). The strings and everything but brackets
 * are removed by the regular-expression engine first: a cached login reads this file, and a character loop over a
 * config of a thousand entries costs it milliseconds.
 */
export function nestingDepth(text: string): number {
  const brackets = text.replace(/"[^"\\]*(?:\\.[^"\\]*)*"|[^[\]{}"]+/g, '');
  let depth = 0;
  let max = 0;
  for (let i = 0; i < brackets.length; i++) {
    const c = brackets[i];
    if (c === '{' || c === '[') max = Math.max(max, ++depth);
    else if (c === '}' || c === ']') depth--;
  }
  return max;
}

function jsonErrorPosition(error: unknown, text: string): string {
  const match = /position (\d+)/.exec(error instanceof Error ? error.message : '');
  if (!match) return '';
  const before = text.slice(0, Number(match[1]));
  const line = before.split('\n').length;
  return ` (line ${line}, column ${before.length - before.lastIndexOf('\n')})`;
}

/** The text Docker writes: tab-indented JSON, no trailing newline. */
export function serializeDockerConfig(config: DockerConfig): string {
  return JSON.stringify(config, null, '\t');
}

/** `base64(username:password)`, the `auth` field `docker login` writes. */
export function encodeAuth(username: string, password: string): string {
  return Buffer.from(`${username}:${password}`, 'utf8').toString('base64');
}

/** Sets auths[host] to exactly what `docker login` writes for the file store ({auth}); other entries untouched. */
export function setAuth(config: DockerConfig, host: string, username: string, password: string): DockerConfig {
  return { ...config, auths: { ...config.auths, [host]: { auth: encodeAuth(username, password) } } };
}

/** Sets auths[host] = {}: how `docker login` marks a host whose secret lives in the credsStore. */
export function setStoreMarker(config: DockerConfig, host: string): DockerConfig {
  return { ...config, auths: { ...config.auths, [host]: {} } };
}

/** Removes auths[host]; returns the same object when there is none. */
export function removeAuth(config: DockerConfig, host: string): DockerConfig {
  if (!config.auths || !Object.hasOwn(config.auths, host)) return config;
  const { [host]: _removed, ...auths } = config.auths;
  return { ...config, auths };
}

/** Sets credHelpers[host] = helperName (Docker then runs docker-credential-<helperName> for that host). */
export function setCredHelper(config: DockerConfig, host: string, helperName: string): DockerConfig {
  return { ...config, credHelpers: { ...config.credHelpers, [host]: helperName } };
}

/** Removes credHelpers[host]; returns the same object when there is none. */
export function removeCredHelper(config: DockerConfig, host: string): DockerConfig {
  if (!config.credHelpers || !Object.hasOwn(config.credHelpers, host)) return config;
  const { [host]: _removed, ...credHelpers } = config.credHelpers;
  return { ...config, credHelpers };
}

/** Which store Docker asks for a host: credHelpers[host], else credsStore, else the auths entries. */
export function dockerStoreFor(config: DockerConfig, host: string): { kind: 'helper' | 'store'; name: string } | { kind: 'auths' } {
  const helper = config.credHelpers && Object.hasOwn(config.credHelpers, host) ? config.credHelpers[host] : undefined;
  if (helper) return { kind: 'helper', name: helper };
  if (config.credsStore) return { kind: 'store', name: config.credsStore };
  return { kind: 'auths' };
}
