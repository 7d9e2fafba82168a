// The cached path of the CLI without the CLI: `ecr-login`, `login` and `get-login-password` answered from the caches
// alone, by the same core functions the full path calls (config search and memo, target planning, token keys,
// freshness, the Docker "unchanged" check), for the bundled bin (src/cli/bin.ts) to print before Node has loaded
// anything else. It answers only when the full CLI would print exactly these lines and change nothing; on any doubt
// it answers undefined and the bin runs the full CLI, which decides (and may log in, refresh, warn or fail):
// - any flag but `--config PATH` and (ecr-login, get-login-password) `--identity ID`: --json, --min-validity,
//   --verbose, --registry, unknown ones; ECR_AUTH_VERBOSE;
// - no remembered config for the file given (--config, ECR_AUTH_CONFIG) or found by the search (new or changed
//   text, a code config, package.json), or an unreadable config file (the full path refuses it);
// - a target that cannot be planned (unknown name, no default identity), or no target at all; an integration of a
//   kind whose login is more than a Docker login per registry (an EKS kubeconfig, a CodeArtifact .npmrc);
// - a token or credential missing, of the wrong shape or not fresh beyond the minimum validity;
// - a cache file that is a symlink or readable by others (the full path tightens it and warns);
// - a Docker entry or ledger record that would change, a store-mode login, a Docker config inside a git work tree
//   (the full path warns), a host record that would be rewritten.
// Nothing here writes a file. Pure apart from reads: the caller prints. It imports only the light parts of the core
// (cache entries and keys, config search and memo, request planning without the integration kind table, the Docker
// "unchanged" check): the bundle of this file must not grow the sign-in, writer or schema code (test/cli/bin-bundle.test.ts).
import { lstat, readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { type CacheStore, openCacheStore } from '../core/cache/store.ts';
import { isFresh } from '../core/cache/freshness.ts';
import { findDataConfig, isDataConfigPath } from '../core/config/find.ts';
import { MODULE_NAME, SEARCH_PLACES } from '../core/config/load.ts';
import { recallConfig } from '../core/config/memo.ts';
import type { ResolvedConfig } from '../core/config/model.ts';
import { findUnreadableConfig } from '../core/config/unreadable.ts';
import type { CoreContext } from '../core/context.ts';
import { silentLogger } from '../core/context.ts';
import { dockerConfigPath } from '../core/docker/config-file.ts';
import { unchangedLogin } from '../core/docker/login.ts';
import { formatDuration } from '../core/duration.ts';
import { gitWorkTreeOf } from '../core/fs/git-work-tree.ts';
import { chainKeys, credentialNodes } from '../core/identity/chain-key.ts';
import { type CachedCredentials, CREDENTIALS_NAMESPACE, freshCredentials } from '../core/identity/cached-credentials.ts';
import { chainOf, type Subject, subjectFor, subjectName } from '../core/identity/subject.ts';
import { ecrPublicTargets } from '../core/integrations/ecr-public-registries.ts';
import { ecrTargets } from '../core/integrations/ecr-registries.ts';
import type { Env } from '../core/paths.ts';
import { cacheDir } from '../core/paths.ts';
import { HOSTS_NAMESPACE, type HostRecord } from '../core/registry/host-record.ts';
import { loginLine } from '../core/registry/login-line.ts';
import { type RegistryTarget, requestedIntegrations } from '../core/registry/request.ts';
import { type CachedToken, isWholeToken, tokenKey, TOKENS_NAMESPACE } from '../core/registry/token-entry.ts';
import type { RegistryRequest } from '../core/session-types.ts';

export interface CachedAnswerInput {
  /** The arguments after the program name. */
  argv: readonly string[];
  env: Env;
  cwd: string;
  now: number;
  /** The URL of core/config/memo as installed beside the caller (see memo.ts codeStamp). */
  memoUrl?: string;
}

/** What the full CLI would print for this run, when the caches answer it. Exit status 0. */
export interface CachedAnswer {
  stdout: string;
}

/** The commands this module may answer. */
const COMMANDS = new Set(['ecr-login', 'login', 'get-login-password']);

/** Credential kinds whose last link `login` may answer from the credentials cache (all cacheable). */
export const CACHED_CREDENTIAL_KINDS: ReadonlySet<string> = new Set(['aws/permission-set', 'aws/assume-role']);

/**
 * Integration kinds whose login is exactly one Docker login per registry they serve (their `ensure` is
 * ensureDockerLogins over their `registries`), with those registries: the only integrations answered from the caches.
 * Not the kind table itself, which holds every kind's sign-in, writers and schema (a test holds these to it).
 */
export const CACHED_INTEGRATION_KINDS = new Map<string, (integration: never) => RegistryTarget[]>([
  ['aws/ecr', ecrTargets],
  ['aws/ecr-public', ecrPublicTargets],
]) as ReadonlyMap<string, (integration: never) => RegistryTarget[]>;

/** A reason to let the full CLI decide. */
class Doubt extends Error {}

const doubt = (why: string): never => {
  throw new Doubt(why);
};

/** The answer from the caches, or undefined when the full CLI must run. Never throws. */
export async function cachedAnswer(input: CachedAnswerInput): Promise<CachedAnswer | undefined> {
  const [command, ...args] = input.argv;
  if (command === undefined || !COMMANDS.has(command) || input.env.ECR_AUTH_VERBOSE) return undefined;
  const parsed = parseArgs(args, command === 'login' ? ['config'] : ['config', 'identity']);
  if (!parsed) return undefined;
  const { positionals, flags } = parsed;
  const identity = flags.get('identity');
  try {
    const config = await rememberedConfig(input, flags.get('config'));
    const ctx = contextOf(input, config);
    const store = openCacheStore(cacheDir(input.env), silentLogger);
    switch (command) {
      case 'ecr-login':
        return {
          stdout: await registryLines(ctx, store, {
            ...(positionals.length > 0 ? { integrations: positionals } : {}),
            ...(identity === undefined ? {} : { identity }),
          }),
        };
      case 'get-login-password':
        if (positionals.length > 1) return undefined;
        return { stdout: `${(await cachedPassword(ctx, store, positionals[0], identity)).password}\n` };
      default:
        return positionals.length > 1 ? undefined : { stdout: await identityLines(ctx, store, positionals[0]) };
    }
  } catch {
    // a Doubt, or any error: the full path gives the real answer (or the real error message)
    return undefined;
  }
}

/**
 * Positionals and the allowed `--name VALUE` / `--name=VALUE` flags (each at most once, with a value); undefined for
 * anything else (another flag, a repeated one, `--`, a value that looks like a flag).
 */
function parseArgs(args: readonly string[], allowed: readonly string[]): { positionals: string[]; flags: Map<string, string> } | undefined {
  const positionals: string[] = [];
  const flags = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (!arg.startsWith('-')) {
      positionals.push(arg);
      continue;
    }
    const [name, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(2, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg.slice(2), undefined];
    const value = inline ?? args[++i];
    if (!arg.startsWith('--') || !allowed.includes(name) || flags.has(name) || !value || value.startsWith('-')) return undefined;
    flags.set(name, value);
  }
  return { positionals, flags };
}

/** The validated config the full path would use (load.ts loadConfig), only when it is remembered (memo.ts) and readable. */
async function rememberedConfig(input: CachedAnswerInput, configFlag: string | undefined): Promise<ResolvedConfig> {
  const given = configFlag ?? input.env.ECR_AUTH_CONFIG;
  if (given !== undefined) {
    // --config / ECR_AUTH_CONFIG: that file, when it holds data (a code config goes through cosmiconfig)
    const path = resolve(input.cwd, given);
    if (!given || !isDataConfigPath(path)) doubt('a config the full path loads through cosmiconfig');
    const text = await readFile(path, 'utf8');
    return (await recallConfig(input.env, path, text, input.cwd, input.memoUrl)) ?? doubt('config not remembered');
  }
  const file = (await findDataConfig(input.cwd, SEARCH_PLACES, MODULE_NAME)) ?? doubt('no data config found');
  const config = (await recallConfig(input.env, file.path, file.text, input.cwd, input.memoUrl)) ?? doubt('config not remembered');
  if ((await findUnreadableConfig(input.cwd, SEARCH_PLACES, config.source)) !== undefined) doubt('an unreadable config file');
  return config;
}

/** The CoreContext fields the cached path reads (the rest is never reached here). */
function contextOf(input: CachedAnswerInput, config: ResolvedConfig): CoreContext {
  return {
    env: input.env,
    cwd: input.cwd,
    now: () => input.now,
    config,
    minValidityMs: config.settings.minValidityMs,
    interaction: { browser: false, human: false },
    log: silentLogger,
    store: openCacheStore(cacheDir(input.env), silentLogger),
  };
}

/** A cache entry as the store reads it, only when it is a plain, owner-only file (else the full path warns or ignores it). */
async function readPlain<T>(store: CacheStore, namespace: string, key: string): Promise<T | undefined> {
  const info = await lstat(store.pathOf(namespace, key)).catch(() => undefined);
  if (!info) return undefined;
  if (!info.isFile() || (info.mode & 0o077) !== 0) doubt('an odd cache file');
  return store.read<T>(namespace, key);
}

async function freshToken(ctx: CoreContext, store: CacheStore, target: RegistryTarget): Promise<{ token: CachedToken; key: string }> {
  const key = tokenKey(ctx, ctx.config, target);
  const token = await readPlain<CachedToken>(store, TOKENS_NAMESPACE, key);
  if (!isWholeToken(token) || !isFresh(token.expiresAt, ctx.now(), ctx.minValidityMs)) doubt('no fresh token');
  return { token: token!, key };
}

/** registry/targets.ts planTargets for a request without registry hosts, when every integration is a Docker login. */
function dockerLoginTargets(config: ResolvedConfig, request: RegistryRequest): RegistryTarget[] {
  return requestedIntegrations(config, request).flatMap((integration) =>
    (CACHED_INTEGRATION_KINDS.get(integration.kind) ?? doubt(`${integration.kind} logs in more than Docker`))(integration as never),
  );
}

/** registry/login.ts ensureRegistryLogin, when the token is cached and nothing on disk would change. */
async function cachedLogin(ctx: CoreContext, store: CacheStore, target: RegistryTarget): Promise<string> {
  const { token, key } = await freshToken(ctx, store, target);
  const identity = subjectName(target.subject);
  const configPath = dockerConfigPath(ctx.env);
  const saved = await unchangedLogin(
    { env: ctx.env, host: target.host, username: token.username, password: token.password, mode: ctx.config.settings.docker.mode, ...(identity ? { identity } : {}) },
    configPath,
  );
  if (!saved) doubt('the Docker entry would change');
  if (saved!.mode === 'auths' && (await gitWorkTreeOf(dirname(saved!.configPath))) !== undefined) doubt('the full path warns');
  const record: HostRecord = {
    host: target.host,
    tokenKey: key,
    subject: identity,
    region: target.region,
    minValidityMs: ctx.minValidityMs,
    ...(target.integration ? { integration: target.integration } : {}),
    ...(ctx.config.source ? { configPath: ctx.config.source } : {}),
  };
  const previous = await readPlain<HostRecord>(store, HOSTS_NAMESPACE, target.host);
  if (JSON.stringify(previous) !== JSON.stringify(record)) doubt('the host record would be rewritten');
  return loginLine({ host: target.host, expiresAt: token.expiresAt }, ctx.now());
}

/** `ecr-login`'s lines (session.ts ensureRegistries), when every target is a cached login. */
async function registryLines(ctx: CoreContext, store: CacheStore, request: RegistryRequest): Promise<string> {
  const targets = dockerLoginTargets(ctx.config, request);
  if (targets.length === 0) doubt('nothing to log in to (the full path warns)');
  const lines: string[] = [];
  for (const target of targets) lines.push(await cachedLogin(ctx, store, target));
  return lines.map((line) => `${line}\n`).join('');
}

/** session.ts getLoginPassword (passwordTarget) without --registry, from a fresh cached token. */
async function cachedPassword(ctx: CoreContext, store: CacheStore, integration: string | undefined, identity: string | undefined) {
  const targets =
    integration !== undefined
      ? dockerLoginTargets(ctx.config, { integrations: [integration] })
      : dockerLoginTargets(ctx.config, identity === undefined ? {} : { identity });
  if (targets.length !== 1 && integration === undefined) doubt('not exactly one registry');
  return (await freshToken(ctx, store, targets[0]!)).token;
}

/** `login`'s lines (session.ts ensureIdentity, then the identity's auto_provision registries), from the caches. */
async function identityLines(ctx: CoreContext, store: CacheStore, requested: string | undefined): Promise<string> {
  const subject: Subject = subjectFor(ctx.config, requested);
  const chain = chainOf(ctx.config, subject);
  const last = credentialNodes(chain).at(-1) ?? doubt('no credential link');
  // only kinds whose credentials ensureChain serves from this cache (the kinds table says `cacheable`; a test holds
  // this list to it). Not the kinds table itself: it holds the sign-in code, which this file must not load.
  if (!CACHED_CREDENTIAL_KINDS.has(last.kind)) doubt('credentials that are not served from the cache');
  const key = chainKeys(ctx.config, chain, ctx.env).at(-1)!;
  const fresh = freshCredentials(await readPlain<CachedCredentials>(store, CREDENTIALS_NAMESPACE, key), ctx.now(), ctx.minValidityMs);
  const c = fresh?.credentials ?? doubt('no fresh credentials');
  const identity = subjectName(subject) ?? requested;
  const registries = dockerLoginTargets(ctx.config, { ...(identity === undefined ? {} : { identity }), autoProvisionOnly: true });
  const lines = [`✓ ${subjectName(subject) ?? 'ambient AWS credentials'} (cached credentials, expires in ${formatDuration(c.expiresAt! - ctx.now())})\n`];
  for (const target of registries) lines.push(`${await cachedLogin(ctx, store, target)}\n`);
  return lines.join('');
}
