// Where things live on disk, derived only from the environment passed in (never from globals), so tests and
// the Deno runtime can point every path at a temporary HOME.
import { homedir } from 'node:os';
import { join } from 'node:path';

/** The environment as the core sees it: injected, never read from process.env inside the core. */
export type Env = Readonly<Record<string, string | undefined>>;

/** The user's home directory: HOME when set, else the platform's answer. */
export function homeDir(env: Env): string {
  return env.HOME || env.USERPROFILE || homedir();
}

/** Where this tool caches credentials, tokens and locks: ECR_AUTH_CACHE_DIR, $XDG_CACHE_HOME/ecr-auth or ~/.cache/ecr-auth. */
export function cacheDir(env: Env): string {
  if (env.ECR_AUTH_CACHE_DIR) return env.ECR_AUTH_CACHE_DIR;
  if (env.XDG_CACHE_HOME) return join(env.XDG_CACHE_HOME, 'ecr-auth');
  return join(homeDir(env), '.cache', 'ecr-auth');
}

/** The directory holding Docker's config.json: DOCKER_CONFIG or ~/.docker. */
export function dockerConfigDir(env: Env): string {
  return env.DOCKER_CONFIG || join(homeDir(env), '.docker');
}

/** The AWS CLI's SSO token cache, shared with `aws sso login` and the AWS SDKs. */
export function ssoCacheDir(env: Env): string {
  return join(homeDir(env), '.aws', 'sso', 'cache');
}
