// The environment `with-auth` gives its command: the task's environment without the parent's AWS credential
// variables (stale keys, a profile or a web identity would shadow or confuse the identity's), then the user's
// `env` option, then the identity's credentials and region, which nothing overrides but the region.
import type { Env } from '../../core/paths.ts';

/** Variables that select or carry AWS credentials: removed from the parent's environment before the identity's are set. */
export const STALE_AWS_VARIABLES: readonly string[] = [
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_SECURITY_TOKEN',
  'AWS_CREDENTIAL_EXPIRATION',
  'AWS_PROFILE',
  'AWS_DEFAULT_PROFILE',
  'AWS_ROLE_ARN',
  'AWS_ROLE_SESSION_NAME',
  'AWS_WEB_IDENTITY_TOKEN_FILE',
];

const REGION_VARIABLES = new Set(['AWS_REGION', 'AWS_DEFAULT_REGION']);

/** The child's environment. `identity` comes from identityEnvironment(session); `extra` is the executor's env option. */
export function childEnvironment(
  parent: Env,
  identity: Record<string, string>,
  extra: Record<string, string | number | boolean> = {},
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(parent)) {
    if (value !== undefined && !STALE_AWS_VARIABLES.includes(key)) env[key] = value;
  }
  const fixed = new Set(Object.keys(identity).filter((key) => !REGION_VARIABLES.has(key)));
  for (const [key, value] of Object.entries(identity)) env[key] = value;
  for (const [key, value] of Object.entries(extra)) {
    if (!fixed.has(key) && !STALE_AWS_VARIABLES.includes(key)) env[key] = String(value);
  }
  return env;
}
