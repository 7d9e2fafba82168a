// Defaults of the emulator: the account fixture, the ambient IAM user, and options with every default filled in.
import { randomBytes } from 'node:crypto';
import type { AccountFixture, AmbientKeys, EmulatorOptions, MfaDevice, SamlRoleGrant } from './types.ts';

/** The SSO fixture: dev (two permission sets), prod (read-only), ci (Deploy). */
export const DEFAULT_ACCOUNTS: readonly AccountFixture[] = [
  { id: '123456789012', name: 'dev', email: 'dev@example.com', roles: ['AdministratorAccess', 'ReadOnlyAccess'] },
  { id: '210987654321', name: 'prod', email: 'prod@example.com', roles: ['ReadOnlyAccess'] },
  { id: '111111111111', name: 'ci', email: 'ci@example.com', roles: ['Deploy'] },
];

/** The static key pair of the "ambient" chain: an IAM user in the dev account. */
export const DEFAULT_AMBIENT: AmbientKeys = {
  accessKeyId: 'AKIAEMULATORAMBIENT1',
  secretAccessKey: 'emulatorAmbientSecretKey0000000000000000',
  arn: 'arn:aws:iam::123456789012:user/ci-runner',
};

/** The ambient IAM user's virtual MFA device (its TOTP secret is a test fixture, not a real one). */
export const DEFAULT_MFA_DEVICE: MfaDevice = {
  serial: 'arn:aws:iam::123456789012:mfa/ci-runner',
  secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
  userArn: DEFAULT_AMBIENT.arn,
};

/** What the stand-in SAML IdP grants: a developer role in dev and a read-only role in prod. */
export const DEFAULT_SAML_ROLES: readonly SamlRoleGrant[] = [
  { roleArn: 'arn:aws:iam::123456789012:role/SamlDeveloper', principalArn: 'arn:aws:iam::123456789012:saml-provider/StandInIdP' },
  { roleArn: 'arn:aws:iam::210987654321:role/SamlReadOnly', principalArn: 'arn:aws:iam::210987654321:saml-provider/StandInIdP' },
];

/** The start URL mintSsoSession uses when none is given. */
export const DEFAULT_START_URL = 'https://emulator.awsapps.com/start/';

/** Options with every default applied. */
export type ResolvedOptions = Required<Omit<EmulatorOptions, 'ecrPassword' | 'maxSignatureSkewSeconds'>> &
  Pick<EmulatorOptions, 'ecrPassword' | 'maxSignatureSkewSeconds'>;

/** Fills in the defaults of every option. */
export function resolveOptions(options: EmulatorOptions = {}): ResolvedOptions {
  return {
    port: options.port ?? 0,
    clock: options.clock ?? Date.now,
    accounts: (options.accounts ?? DEFAULT_ACCOUNTS).map((a) => ({ ...a, roles: [...a.roles] })),
    accountsPageSize: options.accountsPageSize ?? 100,
    autoApproveAfterPolls: options.autoApproveAfterPolls ?? 1,
    deviceInterval: options.deviceInterval ?? 1,
    deviceExpiresIn: options.deviceExpiresIn ?? 600,
    ssoAccessTokenTtlSeconds: options.ssoAccessTokenTtlSeconds ?? 28_800,
    roleCredentialsTtlSeconds: options.roleCredentialsTtlSeconds ?? 3600,
    ecrTokenTtlSeconds: options.ecrTokenTtlSeconds ?? 43_200,
    ecrPassword: options.ecrPassword,
    authorize: options.authorize ?? 'approve',
    ambient: options.ambient ?? DEFAULT_AMBIENT,
    githubRequestToken: options.githubRequestToken ?? randomBytes(24).toString('base64url'),
    maxSignatureSkewSeconds: options.maxSignatureSkewSeconds,
    mfaDevices: (options.mfaDevices ?? [DEFAULT_MFA_DEVICE]).map((d) => ({ ...d })),
    mfaRequiredRoles: [...(options.mfaRequiredRoles ?? [])],
    samlRoles: (options.samlRoles ?? DEFAULT_SAML_ROLES).map((r) => ({ ...r })),
    samlUser: options.samlUser ?? { username: 'alice@example.com', password: randomBytes(12).toString('base64url') },
  };
}
