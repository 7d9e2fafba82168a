// The zod schemas of the config document: the shared building blocks each kind's schema is made of (each kind
// module declares its own from them, see SCHEMA_KIT), and settings. Each entry kind is a strict object: keys it does
// not know become warnings (see entries.ts), so an Atmos `auth:` block with extra fields still pastes in. Types come
// from the schemas with z.infer, never written twice.
import { z } from 'zod';
import { minValidityProblem, tryParseDuration } from '../duration.ts';

const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;
const ACCOUNT_ID = /^\d{12}$/;
const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/;
const ROLE_SESSION_NAME = /^[\w+=,.@-]{2,64}$/;

/** An AWS region name: us-east-1, eu-central-2, us-gov-west-1, cn-north-1. */
export const regionSchema = z.string().regex(REGION);
/** An IAM role ARN in any partition. */
export const roleArnSchema = z.string().regex(ROLE_ARN);
/** An STS RoleSessionName. */
export const roleSessionNameSchema = z.string().regex(ROLE_SESSION_NAME);
/** A 12-digit AWS account id; a number is accepted (and warned about) because YAML turns unquoted digits into one. */
export const accountIdSchema = z.union([
  z.string().regex(ACCOUNT_ID),
  z.number().int().nonnegative().max(999_999_999_999),
]);
/** A duration as people write it: "15m", "1h30m", "90s", or a number of seconds. */
export const durationSchema = z
  .union([z.string(), z.number()])
  .refine((value) => tryParseDuration(value) !== undefined, { error: 'is not a duration (or is longer than a year)' });

/** A role session length: STS accepts 15 minutes to 12 hours. */
export const roleDurationSchema = durationSchema.refine(
  (value) => {
    const ms = tryParseDuration(value);
    return ms === undefined || (ms >= 900_000 && ms <= 43_200_000);
  },
  { error: 'is outside what STS accepts', params: { expected: 'a duration from 15m to 12h' } },
);

/** `via`: exactly one of a provider or an identity name. */
export const viaSchema = z
  .strictObject({ provider: z.string().min(1).optional(), identity: z.string().min(1).optional() })
  .refine((via) => (via.provider === undefined) !== (via.identity === undefined), {
    error: 'must name exactly one of provider or identity',
    params: { expected: '{ provider: NAME } or { identity: NAME }' },
  });

/** A command given as one string (run by the shell) or as argv (run without a shell). */
export const commandSchema = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)], {
  error: 'is not a command',
});

/** An MFA device: a virtual device ARN (arn:aws:iam::ACCOUNT:mfa/NAME) or a hardware device serial number. */
export const mfaSerialSchema = z.string().regex(/^(arn:aws[a-z-]*:iam::\d{12}:mfa\/[\w+=,.@/-]{1,512}|[\w+=/:,.@-]{9,256})$/);

/** An STS SAML provider (the IdP registered in IAM). */
export const samlProviderArnSchema = z.string().regex(/^arn:aws[a-z-]*:iam::\d{12}:saml-provider\/[\w.-]{1,128}$/);

// ---- identities ------------------------------------------------------------------------------------------

export const accountRefSchema = z.union(
  [
    z.string().min(1),
    z.strictObject({ id: accountIdSchema, name: z.string().min(1).optional() }),
    z.strictObject({ name: z.string().min(1) }),
  ],
  { error: 'is not an account reference' },
);

/**
 * An identity's `env:` (Atmos): a list of { key, value } (Atmos's shape) or a map of NAME: value; set in the
 * environment of `exec`, `env` and the with-auth executor.
 */
const ENV_NAME = /^(?!__proto__$)[A-Za-z_][A-Za-z0-9_]*$/;
export const identityEnvSchema = z.union(
  [
    z.array(z.strictObject({ key: z.string().regex(ENV_NAME), value: z.union([z.string(), z.number(), z.boolean()]) })),
    z.record(z.string().regex(ENV_NAME), z.union([z.string(), z.number(), z.boolean()])),
  ],
  { error: 'is not a list of { key, value } or a map of variables' },
);

/** Keys every identity kind accepts (Atmos spellings). */
export const identityCommon = {
  region: regionSchema.optional(),
  default: z.boolean().optional(),
  env: identityEnvSchema.optional(),
  /** Atmos's direct provider association (for provisioned identities): the same as via: { provider }. */
  provider: z.string().min(1).optional(),
};

/** A GetSessionToken length: STS accepts 15 minutes to 36 hours for an IAM user. */
export const userSessionDurationSchema = durationSchema.refine(
  (value) => {
    const ms = tryParseDuration(value);
    return ms === undefined || (ms >= 900_000 && ms <= 129_600_000);
  },
  { error: 'is outside what STS accepts', params: { expected: 'a duration from 15m to 36h' } },
);

// ---- integrations ----------------------------------------------------------------------------------------

/**
 * What a kind builds its schema from (each provider, identity and integration kind module declares `schema(kit)`):
 * zod itself and the shared building blocks. Handed over at validation, so that a kind module never loads zod on
 * the cached path.
 */
export const SCHEMA_KIT = {
  z,
  via: viaSchema,
  region: regionSchema,
  accountId: accountIdSchema,
  duration: durationSchema,
  roleArn: roleArnSchema,
  roleDuration: roleDurationSchema,
  roleSessionName: roleSessionNameSchema,
  userSessionDuration: userSessionDurationSchema,
  command: commandSchema,
  mfaSerial: mfaSerialSchema,
  samlProviderArn: samlProviderArnSchema,
  accountRef: accountRefSchema,
  identityEnv: identityEnvSchema,
  /** Keys every identity kind accepts (Atmos spellings): spread into an identity's schema. */
  identityCommon,
};
export type SchemaKit = typeof SCHEMA_KIT;

// ---- settings --------------------------------------------------------------------------------------------

/** settings: tool-wide options, all optional. */
export const settingsSchema = z.strictObject({
  min_validity: durationSchema
    .refine((value) => minValidityProblem(tryParseDuration(value) ?? 0) === undefined, {
      error: 'is at least the 12h an ECR token lasts: every run would fetch a new token',
      params: { expected: 'a duration under 12h, like 15m or 1h' },
    })
    .optional(),
  docker: z.strictObject({ mode: z.enum(['auto', 'auths', 'store', 'helper']).optional() }).optional(),
  /** Opt-in audit trail: a file of JSON lines (relative to the config file; ~ is the home directory). */
  audit_log: z.string().min(1).optional(),
});

export type CommandInput = z.infer<typeof commandSchema>;
export type IdentityEnvInput = z.infer<typeof identityEnvSchema>;
export type SettingsInput = z.infer<typeof settingsSchema>;
export type ViaInput = z.infer<typeof viaSchema>;
export type AccountIdInput = z.infer<typeof accountIdSchema>;
