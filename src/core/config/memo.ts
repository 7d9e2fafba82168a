// Validated configs remembered by content, so that a run whose config file has not changed skips the YAML parser
// and the schema (zod alone costs more to load than Node takes to start). An entry is keyed by the file's path and
// holds a digest of its exact text plus a stamp of the code that validated it (package version, and the size and
// mtime of the config modules, so a rebuild or an upgrade invalidates it). Only successful validations are kept;
// any problem reading or writing a memo is ignored and the config is validated as usual.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openCacheStore } from '../cache/store.ts';
import { cacheDir, type Env } from '../paths.ts';
import type { ResolvedConfig } from './model.ts';
import { asNameRecord } from './names.ts';

/** Cache namespace of remembered configs. */
export const CONFIG_MEMO_NAMESPACE = 'config';

/** What a config with YAML functions read besides its text (a config that ran !exec is never remembered). */
export interface MemoInputs {
  env: string[];
  /** The working directory, when !cwd or !repo-root was used. */
  cwd?: string | undefined;
  include: Array<{ path: string; digest: string }>;
}

interface MemoEntry {
  digest: string;
  config: ResolvedConfig;
  /** Set for a config with YAML functions: the entry holds only while these inputs are unchanged. */
  inputs?: { env: string[]; cwd: boolean; include: string[]; digest: string };
}

/** A digest of the current values of what a config's YAML functions read; undefined when a file cannot be read. */
async function inputsDigest(env: Env, inputs: { env: string[]; cwd?: string | undefined; include: string[] }): Promise<string | undefined> {
  const hash = createHash('sha256');
  for (const name of inputs.env) hash.update(`env\0${name}\0${env[name] === undefined ? '\u0001' : `=${env[name]}`}\0`);
  if (inputs.cwd !== undefined) hash.update(`cwd\0${inputs.cwd}\0`);
  for (const path of inputs.include) {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch {
      return undefined;
    }
    hash.update(`include\0${path}\0${createHash('sha256').update(text).digest('hex')}\0`);
  }
  return hash.digest('hex');
}

const stamps = new Map<string, Promise<string | undefined>>();

/** This module's URL (typed loosely: the Deno type check of the core does not declare import.meta.url, though both runtimes set it). */
const ownUrl = () => (import.meta as { url?: string }).url;

async function computeStamp(url: string | undefined): Promise<string | undefined> {
  if (!url?.startsWith('file:')) return undefined;
  const self = fileURLToPath(url);
  const ext = extname(self);
  const dir = dirname(self);
  // the config modules and the duration parser (a bundle has neither beside it: then its own chunks are stamped)
  // Synchronous on purpose: done once per process, and two dozen stat calls through the thread pool cost a cached
  // run several times the CPU of the same calls made directly (measured: bench/RESULTS.md, section 1).
  const files = [...readdirSync(dir).filter((n) => n.endsWith(ext)).sort().map((n) => join(dir, n)), join(dir, '..', `duration${ext}`)];
  // names, not paths: two installs of one version (global and workspace-local) share their memos
  const parts = files.map((f) => {
    try {
      const s = statSync(f);
      return `${basename(f)}:${s.size}:${s.mtimeMs}`;
    } catch {
      return '';
    }
  });
  let pkg = '';
  try {
    pkg = String(JSON.parse(readFileSync(join(dir, '..', '..', '..', 'package.json'), 'utf8')).version);
  } catch {
    // no package.json above: the stamp has no version part
  }
  return `${pkg}|${parts.join('|')}`;
}

/**
 * The stamp of the validating code (computed once per process); undefined when it cannot be known. `codeUrl` is the
 * URL of this module as installed: the bundled fast entry of the CLI (src/cli/bin.ts) passes it, so that it reads
 * the memos the unbundled modules wrote.
 */
function codeStamp(codeUrl = ownUrl()): Promise<string | undefined> {
  const key = codeUrl ?? '';
  let stamp = stamps.get(key);
  if (!stamp) stamps.set(key, (stamp = computeStamp(codeUrl).catch(() => undefined)));
  return stamp;
}

/** The cache dir, only when the environment names one (HOME, XDG_CACHE_HOME or ECR_AUTH_CACHE_DIR). */
function memoDir(env: Env): string | undefined {
  return env.ECR_AUTH_CACHE_DIR || env.XDG_CACHE_HOME || env.HOME ? cacheDir(env) : undefined;
}

async function digestOf(path: string, text: string, codeUrl?: string): Promise<string | undefined> {
  const code = await codeStamp(codeUrl);
  return code === undefined ? undefined : createHash('sha256').update(`${code}\0${path}\0${text}`).digest('hex');
}

/**
 * The config validated earlier from exactly this text at this path, if any; for a config with YAML functions, only
 * while the variables, working directory and included files they read are as they were (`codeUrl`: see codeStamp).
 */
export async function recallConfig(env: Env, path: string, text: string, cwd?: string, codeUrl?: string): Promise<ResolvedConfig | undefined> {
  try {
    const dir = memoDir(env);
    const digest = dir === undefined ? undefined : await digestOf(path, text, codeUrl);
    if (dir === undefined || digest === undefined) return undefined;
    const entry = await openCacheStore(dir).read<MemoEntry>(CONFIG_MEMO_NAMESPACE, path);
    if (entry?.digest !== digest || entry.config?.source !== path) return undefined;
    if (entry.inputs !== undefined) {
      const current = await inputsDigest(env, { env: entry.inputs.env, cwd: entry.inputs.cwd ? cwd ?? '' : undefined, include: entry.inputs.include });
      if (current !== entry.inputs.digest) return undefined;
    }
    // a JSON round trip gives the name records Object.prototype back: names must stay data (names.ts)
    const { config } = entry;
    return { ...config, providers: asNameRecord(config.providers), identities: asNameRecord(config.identities), integrations: asNameRecord(config.integrations) };
  } catch {
    return undefined;
  }
}

/** True when the config holds a secret (an aws/user's keys): such a config is never copied into the cache. */
export function holdsSecrets(config: ResolvedConfig): boolean {
  return Object.values(config.identities).some((identity) => identity.kind === 'aws/user' && identity.keys !== undefined && 'secretAccessKey' in identity.keys);
}

/**
 * Remembers a config validated from `text` at `path` (and, with YAML functions, from `inputs`), unless it holds a
 * secret. Never throws.
 */
export async function rememberConfig(env: Env, path: string, text: string, config: ResolvedConfig, inputs?: MemoInputs): Promise<void> {
  if (holdsSecrets(config)) return;
  try {
    const dir = memoDir(env);
    const digest = dir === undefined ? undefined : await digestOf(path, text);
    if (dir === undefined || digest === undefined) return;
    let entry: MemoEntry = { digest, config };
    if (inputs !== undefined) {
      const include = inputs.include.map((i) => i.path);
      const current = await inputsDigest(env, { env: inputs.env, cwd: inputs.cwd, include });
      if (current === undefined) return;
      entry = { digest, config, inputs: { env: inputs.env, cwd: inputs.cwd !== undefined, include, digest: current } };
    }
    const store = openCacheStore(dir);
    const previous = await store.read<MemoEntry>(CONFIG_MEMO_NAMESPACE, path);
    if (previous?.digest !== digest || previous.inputs?.digest !== entry.inputs?.digest) await store.write(CONFIG_MEMO_NAMESPACE, path, entry);
  } catch {
    // a memo is an optimisation only
  }
}
