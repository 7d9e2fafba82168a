// The AWS emulator for tests: start it, point the SDK at it with `emulator.env`, count and fault its calls.
export { startEmulator } from './emulator.ts';
export { DEFAULT_ACCOUNTS, DEFAULT_AMBIENT, DEFAULT_MFA_DEVICE, DEFAULT_SAML_ROLES, DEFAULT_START_URL } from './fixture.ts';
export { AWS_SAML_ENDPOINT, IDP_APP_PATH } from './saml.ts';
export { totp } from './totp.ts';
export { GITHUB_SUBJECT } from './github.ts';
export { reservedRoleName, SSO_USER } from './sso-portal.ts';
export { STS_AUDIENCE } from './sts.ts';
export type {
  AccountFixture,
  AmbientKeys,
  CallLogEntry,
  EcrPasswordContext,
  EcrPasswordRecord,
  Emulator,
  EmulatorOptions,
  Fault,
  MfaDevice,
  SamlRoleGrant,
  OpName,
  SsoCacheEntry,
} from './types.ts';
