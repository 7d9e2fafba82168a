// The zod schemas of the config document: shared building blocks, providers, identities, integrations and
// settings. Each entry kind is a strict object: keys it does not know become warnings (see entries.ts), so an
// Atmos `auth:` block with extra fields still pastes in. Types come from here with z.infer, never written twice.
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

// ---- providers -------------------------------------------------------------------------------------------

/** aws/iam-identity-center: AWS SSO, yields an SSO access token. */
export const ssoProviderSchema = z.strictObject({
  kind: z.literal('aws/iam-identity-center'),
  region: regionSchema,
  start_url: z.url({ protocol: /^https?$/ }),
  session_name: z.string().min(1).optional(),
  flow: z.enum(['pkce', 'device']).optional(),
  scopes: z.array(z.string().min(1)).min(1).optional(),
});

/** aws/ambient: the standard AWS credential chain, optionally a named profile. */
export const ambientProviderSchema = z.strictObject({
  kind: z.literal('aws/ambient'),
  region: regionSchema.optional(),
  profile: z.string().min(1).optional(),
});

/** github/oidc: the GitHub Actions OIDC token exchanged for a role with AssumeRoleWithWebIdentity. */
export const githubOidcProviderSchema = z.strictObject({
  kind: z.literal('github/oidc'),
  /** Optional, as in Atmos: STS region of the exchange, default us-east-1. */
  region: regionSchema.optional(),
  /** Optional: Atmos puts the role on an aws/assume-role identity that goes via this provider instead. */
  role_arn: roleArnSchema.optional(),
  audience: z.string().min(1).optional(),
  session_name: roleSessionNameSchema.optional(),
  duration: roleDurationSchema.optional(),
  /** Atmos writes the audience as spec.audience. */
  spec: z.strictObject({ audience: z.string().min(1).optional() }).optional(),
});

/** A command given as one string (run by the shell) or as argv (run without a shell). */
export const commandSchema = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)], {
  error: 'is not a command',
});

/** An MFA device: a virtual device ARN (arn:aws:iam::ACCOUNT:mfa/NAME) or a hardware device serial number. */
export const mfaSerialSchema = z.string().regex(/^(arn:aws[a-z-]*:iam::\d{12}:mfa\/[\w+=,.@/-]{1,512}|[\w+=/:,.@-]{9,256})$/);

/** An STS SAML provider (the IdP registered in IAM). */
export const samlProviderArnSchema = z.string().regex(/^arn:aws[a-z-]*:iam::\d{12}:saml-provider\/[\w.-]{1,128}$/);

/** aws/saml: a corporate SAML IdP; its assertion is exchanged with AssumeRoleWithSAML for one of the roles it lists. */
export const samlProviderSchema = z.strictObject({
  kind: z.literal('aws/saml'),
  /** The IdP's AWS app URL: where the browser sign-in starts. */
  url: z.url({ protocol: /^https?$/ }),
  region: regionSchema,
  /** The role to take from the assertion; without it: --saml-role, the only role, or a choice on the terminal. */
  role_arn: roleArnSchema.optional(),
  /** The IdP (principal) ARN paired with the role, when the assertion lists the role with several IdPs. */
  idp_arn: samlProviderArnSchema.optional(),
  session_duration: roleDurationSchema.optional(),
  /** Atmos spelling of the session length. */
  session: z.strictObject({ duration: roleDurationSchema.optional() }).optional(),
  /** A command printing the base64 SAMLResponse (instead of the browser). */
  assertion_command: commandSchema.optional(),
  /** Atmos' saml2aws driver; only the browser way is supported ("Browser"). */
  driver: z.string().min(1).optional(),
});

// ---- identities ------------------------------------------------------------------------------------------

const accountRefSchema = z.union(
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
const identityCommon = {
  region: regionSchema.optional(),
  default: z.boolean().optional(),
  env: identityEnvSchema.optional(),
  /** Atmos's direct provider association (for provisioned identities): the same as via: { provider }. */
  provider: z.string().min(1).optional(),
};

/** aws/permission-set: a permission set in an account, through an IAM Identity Center provider. */
export const permissionSetIdentitySchema = z.strictObject({
  kind: z.literal('aws/permission-set'),
  via: viaSchema.optional(),
  principal: z
    .strictObject({
      name: z.string().min(1).optional(),
      /** Written in some Atmos examples for name. */
      permission_set: z.string().min(1).optional(),
      account: accountRefSchema,
      /** Atmos: region of the identity (AWS_REGION). */
      region: regionSchema.optional(),
    })
    .refine((p) => p.name !== undefined || p.permission_set !== undefined, {
      error: 'needs the permission set name', path: ['name'], params: { expected: 'principal.name: the permission set, like AdministratorAccess' },
    }),
  ...identityCommon,
});

/** aws/ambient (or Atmos's cloud-agnostic `ambient`): the standard AWS credential chain, as an identity. */
export const ambientIdentitySchema = z.strictObject({
  kind: z.enum(['aws/ambient', 'ambient']),
  principal: z.strictObject({ region: regionSchema.optional(), profile: z.string().min(1).optional() }).optional(),
  profile: z.string().min(1).optional(),
  ...identityCommon,
});

/** aws/assume-role: an IAM role assumed from another identity's credentials or a credential-yielding provider. */
export const assumeRoleIdentitySchema = z.strictObject({
  kind: z.literal('aws/assume-role'),
  via: viaSchema.optional(),
  principal: z.strictObject({
    assume_role: roleArnSchema,
    external_id: z.string().min(2).max(1224).optional(),
    duration: roleDurationSchema.optional(),
    session_name: roleSessionNameSchema.optional(),
    /** Atmos also accepts the MFA device inside principal. */
    mfa_arn: mfaSerialSchema.optional(),
    /** Atmos: STS region of the AssumeRole call and AWS_REGION. */
    region: regionSchema.optional(),
  }),
  /** Atmos: session.duration, the same as principal.duration. */
  session: z.strictObject({ duration: roleDurationSchema.optional() }).optional(),
  /** The MFA device whose code goes into AssumeRole (SerialNumber + TokenCode). */
  mfa_arn: mfaSerialSchema.optional(),
  mfa_command: commandSchema.optional(),
  ...identityCommon,
});

/** A GetSessionToken length: STS accepts 15 minutes to 36 hours for an IAM user. */
export const userSessionDurationSchema = durationSchema.refine(
  (value) => {
    const ms = tryParseDuration(value);
    return ms === undefined || (ms >= 900_000 && ms <= 129_600_000);
  },
  { error: 'is outside what STS accepts', params: { expected: 'a duration from 15m to 36h' } },
);

/** aws/user: an IAM user's long-lived keys (from the config or a shared-credentials profile), optionally behind MFA. */
export const userIdentitySchema = z.strictObject({
  kind: z.literal('aws/user'),
  /** Atmos spelling: keys, MFA device and region under credentials. */
  credentials: z
    .strictObject({
      // null: an `!env` whose variable is unset (Atmos then uses its keyring): treated as not given. Local emulators
      // (LocalStack, floci) take any text, such as "test", so only non-blank text is required.
      access_key_id: z.string().regex(/^\S+$/).nullable().optional(),
      secret_access_key: z.string().regex(/^\S+$/).nullable().optional(),
      mfa_arn: mfaSerialSchema.optional(),
      region: regionSchema.optional(),
    })
    .optional(),
  /** A profile of the AWS shared credentials file (~/.aws/credentials, or AWS_SHARED_CREDENTIALS_FILE). */
  profile: z.string().min(1).optional(),
  mfa_arn: mfaSerialSchema.optional(),
  /** A command printing the current MFA code (a password manager). */
  mfa_command: commandSchema.optional(),
  /** How long the MFA session lasts (GetSessionToken DurationSeconds); default 12h. */
  session_duration: userSessionDurationSchema.optional(),
  session: z.strictObject({ duration: userSessionDurationSchema.optional() }).optional(),
  region: regionSchema.optional(),
  default: z.boolean().optional(),
  env: identityEnvSchema.optional(),
});

// ---- integrations ----------------------------------------------------------------------------------------

/**
 * What an integration kind builds its schema from (each kind module declares `schema(kit)`): zod itself and the
 * shared building blocks. Handed over at validation, so that a kind module never loads zod on the cached path.
 */
export const SCHEMA_KIT = {
  z,
  via: viaSchema,
  region: regionSchema,
  accountId: accountIdSchema,
  duration: durationSchema,
  roleArn: roleArnSchema,
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

export type SsoProviderInput = z.infer<typeof ssoProviderSchema>;
export type AmbientProviderInput = z.infer<typeof ambientProviderSchema>;
export type GithubOidcProviderInput = z.infer<typeof githubOidcProviderSchema>;
export type SamlProviderInput = z.infer<typeof samlProviderSchema>;
export type UserIdentityInput = z.infer<typeof userIdentitySchema>;
export type CommandInput = z.infer<typeof commandSchema>;
export type PermissionSetIdentityInput = z.infer<typeof permissionSetIdentitySchema>;
export type AssumeRoleIdentityInput = z.infer<typeof assumeRoleIdentitySchema>;
export type AmbientIdentityInput = z.infer<typeof ambientIdentitySchema>;
export type IdentityEnvInput = z.infer<typeof identityEnvSchema>;
export type SettingsInput = z.infer<typeof settingsSchema>;
export type ViaInput = z.infer<typeof viaSchema>;
export type AccountIdInput = z.infer<typeof accountIdSchema>;
