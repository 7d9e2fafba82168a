// Defaults of the emulator: the account fixture, the ambient IAM user, and options with every default filled in.
import { randomBytes } from 'node:crypto';
import type { AccountFixture, AmbientKeys, EmulatorOptions } from './types.ts';

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
  };
}
