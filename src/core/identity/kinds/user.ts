// aws/user: an IAM user's long-lived keys, from the config (typically through !env) or a shared-credentials profile.
// Without MFA the keys are used as they are and never cached (they are the config's, not ours). With mfa_arn, one
// GetSessionToken with the device's current code yields a session that is cached for its duration (default 12 h),
// so the code is asked once, under the link's lock, however many tasks start together.
import type { UserIdentity } from '../../config/model.ts';
import type { AwsCredentials } from '../../credentials.ts';
import { EcrAuthError } from '../../errors.ts';
import { type CredentialKind, INTERACTIVE_LOCK_TIMEOUT_MS, type KindKeys, type SessionHooks } from './kind.ts';

/** The user's long-lived keys: from the config, or read from the shared credentials file (never written by us). */
async function longLivedKeys(node: UserIdentity, env: Readonly<Record<string, string | undefined>>): Promise<AwsCredentials> {
  if (!node.keys) {
    throw new EcrAuthError('E_AWS_CREDENTIALS', `identity "${node.name}" has no keys in the config`, {
      hint: 'give credentials.access_key_id and credentials.secret_access_key (e.g. `!env AWS_ACCESS_KEY_ID`), or profile: NAME of the shared credentials file (~/.aws/credentials)',
    });
  }
  if ('profile' in node.keys) {
    const { readProfileKeys } = await import('../../aws/shared-credentials.ts');
    return readProfileKeys(env, node.keys.profile, node.name);
  }
  return { accessKeyId: node.keys.accessKeyId, secretAccessKey: node.keys.secretAccessKey };
}

export const userKeys: KindKeys<UserIdentity> = {
  kind: 'aws/user',
  // the key id is not secret and tells rotated keys apart; a profile is named (its keys are read only when needed)
  linkKey: (node, _parentKey, env) =>
    ['user', !node.keys ? `none:${node.name}` : 'profile' in node.keys ? `profile=${node.keys.profile}|${env.AWS_SHARED_CREDENTIALS_FILE ?? ''}` : node.keys.accessKeyId,
      node.mfaSerial ?? '', String(node.durationSeconds)].join('|'),
};

export const userSession: SessionHooks<UserIdentity> = {
  // without MFA the long-lived keys are used as they are: nothing of ours to expire
  heldOutside: (node) => (node.mfaSerial !== undefined || node.keys === undefined ? undefined
    : 'profile' in node.keys ? `profile ${node.keys.profile} (shared credentials file)` : 'config'),
};

export const userKind: CredentialKind<UserIdentity> = {
  cacheable: (node) => node.mfaSerial !== undefined,
  lockTimeoutMs: (node) => (node.mfaSerial ? INTERACTIVE_LOCK_TIMEOUT_MS : undefined),
  region: (node, { ctx }) => node.region ?? ctx.env.AWS_REGION ?? ctx.env.AWS_DEFAULT_REGION,
  async obtain(node, { ctx }) {
    const keys = await longLivedKeys(node, ctx.env);
    if (node.mfaSerial === undefined) return { credentials: keys, via: 'keys' };
    // loaded only when a session is made, never on a cache hit
    const [{ getSessionToken, DEFAULT_STS_REGION }, { obtainMfaCode, mfaRejected }] = await Promise.all([
      import('../../aws/sts.ts'),
      import('../../secret-input/mfa-code.ts'),
    ]);
    const tokenCode = await obtainMfaCode(ctx, { serial: node.mfaSerial, identity: node.name, ...(node.mfaCommand ? { command: node.mfaCommand } : {}) });
    try {
      const credentials = await getSessionToken(ctx.env, {
        region: node.region ?? ctx.env.AWS_REGION ?? DEFAULT_STS_REGION,
        credentials: keys,
        durationSeconds: node.durationSeconds,
        mfa: { serialNumber: node.mfaSerial, tokenCode },
        identity: node.name,
      });
      return { credentials, via: 'login' };
    } catch (error) {
      throw mfaRejected(error, node.name, node.mfaSerial);
    }
  },
};
