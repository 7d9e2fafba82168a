// aws/user: an IAM user's long-lived keys, from the config (typically through !env) or a shared-credentials profile.
// Without MFA the keys are used as they are and never cached (they are the config's, not ours). With mfa_arn, one
// GetSessionToken with the device's current code yields a session that is cached for its duration (default 12 h),
// so the code is asked once, under the link's lock, however many tasks start together.
import type { UserIdentity } from '../../config/model.ts';
import type { AwsCredentials } from '../../credentials.ts';
import { EcrAuthError } from '../../errors.ts';
import { type CredentialKind, INTERACTIVE_LOCK_TIMEOUT_MS, type KindKeys, type SessionHooks } from './kind.ts';
import { type ConfigRow, envEntries, optional, seconds } from '../../config/kind-row.ts';
import { joinPath } from '../../config/issues.ts';
import type { SchemaKit } from '../../config/schema.ts';

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
  detail(node) {
    const keys = !node.keys ? 'no keys' : 'profile' in node.keys ? `profile ${node.keys.profile}` : `key ${node.keys.accessKeyId}`;
    return node.mfaSerial ? `${keys}  MFA ${node.mfaSerial}` : keys;
  },
  // the secret key is never shown (its key id is not secret)
  shown: (node) => (node.keys && 'secretAccessKey' in node.keys ? { ...node, keys: { accessKeyId: node.keys.accessKeyId, secretAccessKey: '(hidden)' } } : node),
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

// ---- config row ----------------------------------------------------------------------------------------------

/** How long an MFA session of an aws/user identity lasts unless configured: 12 h, asked for once a working day. */
export const DEFAULT_USER_SESSION_SECONDS = 12 * 3600;

function identitySchema({ z, region, mfaSerial, command, userSessionDuration, identityEnv }: SchemaKit) {
  return z.strictObject({
    kind: z.literal('aws/user'),
    /** Atmos spelling: keys, MFA device and region under credentials. */
    credentials: z
      .strictObject({
        // null: an `!env` whose variable is unset (Atmos then uses its keyring): treated as not given. Local emulators
        // (LocalStack, floci) take any text, such as "test", so only non-blank text is required.
        access_key_id: z.string().regex(/^\S+$/).nullable().optional(),
        secret_access_key: z.string().regex(/^\S+$/).nullable().optional(),
        mfa_arn: mfaSerial.optional(),
        region: region.optional(),
      })
      .optional(),
    /** A profile of the AWS shared credentials file (~/.aws/credentials, or AWS_SHARED_CREDENTIALS_FILE). */
    profile: z.string().min(1).optional(),
    mfa_arn: mfaSerial.optional(),
    /** A command printing the current MFA code (a password manager). */
    mfa_command: command.optional(),
    /** How long the MFA session lasts (GetSessionToken DurationSeconds); default 12h. */
    session_duration: userSessionDuration.optional(),
    session: z.strictObject({ duration: userSessionDuration.optional() }).optional(),
    region: region.optional(),
    default: z.boolean().optional(),
    env: identityEnv.optional(),
  });
}
type IdentityInput = import('zod').infer<ReturnType<typeof identitySchema>>;

export const userIdentityRow: ConfigRow<UserIdentity> = {
  schema: identitySchema,
  toModel: (i: IdentityInput, { name, path, issues }) => {
    // keys given as null (an unset `!env`) count as not given
    const given = i.credentials ?? {};
    const c = { ...given, access_key_id: given.access_key_id ?? undefined, secret_access_key: given.secret_access_key ?? undefined };
    const at = joinPath(path, 'credentials');
    if ((c.access_key_id === undefined) !== (c.secret_access_key === undefined)) {
      const missing = c.access_key_id === undefined ? 'access_key_id' : 'secret_access_key';
      issues.error(joinPath(at, missing), 'is missing: access_key_id and secret_access_key go together', 'both keys (e.g. through !env), or a profile');
      return undefined;
    }
    if (c.access_key_id !== undefined && i.profile !== undefined) {
      issues.error(joinPath(path, 'profile'), 'is given beside credentials.access_key_id: the keys would come from two places', 'either the keys or a profile');
      return undefined;
    }
    if (c.access_key_id === undefined && i.profile === undefined) {
      // Atmos keeps such keys in its keyring (`atmos auth user configure`), which ecr-auth does not read
      issues.warn(path, 'has no keys (Atmos keeps them in its keyring, which ecr-auth does not read): using it fails until credentials.access_key_id and credentials.secret_access_key (e.g. through !env) or profile: NAME are given');
    }
    const mfaSerial = i.mfa_arn ?? c.mfa_arn;
    if (mfaSerial === undefined && i.mfa_command !== undefined) {
      issues.warn(joinPath(path, 'mfa_command'), 'is set but there is no mfa_arn, so no MFA code is asked for');
    }
    return {
      kind: i.kind, name,
      ...(c.access_key_id !== undefined
        ? { keys: { accessKeyId: c.access_key_id, secretAccessKey: c.secret_access_key! } }
        : i.profile !== undefined ? { keys: { profile: i.profile } } : {}),
      ...optional('mfaSerial', mfaSerial), ...optional('mfaCommand', i.mfa_command),
      durationSeconds: seconds(i.session_duration ?? i.session?.duration) ?? DEFAULT_USER_SESSION_SECONDS,
      ...optional('region', i.region ?? c.region), default: i.default ?? false, ...optional('env', envEntries(i.env)),
    };
  },
};
