// `ecr-auth/core`: the engine for other runners (Turborepo scripts, custom tooling, Deno). The session functions are
// the one orchestration path; build a CoreContext with loadContext (or makeContext) and call them.
export {
  ensureIdentity,
  ensureRegistries,
  getLoginPassword,
  identityEnvironment,
  integrationEnvironment,
  clientCredential,
  logout,
  status,
} from './session.ts';
export type * from './session-types.ts';
export type { AwsCredentials } from './credentials.ts';
export type { CoreContext, Interaction, Logger } from './context.ts';
export { silentLogger } from './context.ts';
export { emptyConfig, loadContext, makeContext } from './make-context.ts';
export type { ContextInput, LoadContextInput, Terminal } from './make-context.ts';
export { loadConfig, validateConfig } from './config/index.ts';
export type { ResolvedConfig } from './config/index.ts';
export { EcrAuthError, isEcrAuthError, formatError } from './errors.ts';
export type { ErrorCode } from './errors.ts';
export { parseRegistryHost, tryParseRegistryHost } from './docker/registry-host.ts';
