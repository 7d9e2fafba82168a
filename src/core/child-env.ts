// The environment `exec` and `with-auth` give their command: ours, without AWS credential and profile variables that would
// compete with (or be preferred over) the identity's, plus the identity's credentials and region.
import type { Env } from './paths.ts';

/** AWS variables removed before the identity's are added: stale credentials and other credential sources. */
export const STALE_AWS_VARIABLES: readonly string[] = [
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_SECURITY_TOKEN',
  'AWS_CREDENTIAL_EXPIRATION',
  'AWS_PROFILE',
  'AWS_DEFAULT_PROFILE',
  'AWS_WEB_IDENTITY_TOKEN_FILE',
  'AWS_ROLE_ARN',
  'AWS_ROLE_SESSION_NAME',
  'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
  'AWS_CONTAINER_CREDENTIALS_FULL_URI',
  'AWS_CONTAINER_AUTHORIZATION_TOKEN',
  'AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE',
];

const REGION_VARIABLES = new Set(['AWS_REGION', 'AWS_DEFAULT_REGION']);

/**
 * The child's environment: `parent` minus STALE_AWS_VARIABLES (and unset entries), plus `identity`
 * (identityEnvironment(session)), plus `extra` (with-auth's env option), which may set the region but never
 * credentials.
 */
export function childEnvironment(
  parent: Env,
  identity: Readonly<Record<string, string>>,
  extra: Readonly<Record<string, string | number | boolean>> = {},
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(parent)) {
    if (value !== undefined && !STALE_AWS_VARIABLES.includes(key)) env[key] = value;
  }
  const fixed = new Set(Object.keys(identity).filter((key) => !REGION_VARIABLES.has(key)));
  Object.assign(env, identity);
  for (const [key, value] of Object.entries(extra)) {
    if (!fixed.has(key) && !STALE_AWS_VARIABLES.includes(key)) env[key] = String(value);
  }
  return env;
}
