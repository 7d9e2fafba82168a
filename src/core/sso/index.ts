// IAM Identity Center (SSO) token acquisition: the public surface of src/core/sso for the session layer and CLI.
export { ensureSsoToken, invalidateSsoToken, readSsoTokenStatus, removeSsoToken } from './ensure-token.ts';
export type { EnsureSsoTokenOptions, SsoTokenResult, SsoTokenStatus } from './ensure-token.ts';
export type { LoginOptions } from './login.ts';
export { chooseFlow } from './login.ts';
export { ssoTokenPath, ssoLockPath, type SsoToken } from './token-file.ts';
