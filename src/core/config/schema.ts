// The zod schemas of the config document: shared building blocks, providers, identities, integrations and
// settings. Each entry kind is a strict object: keys it does not know become warnings (see entries.ts), so an
// Atmos `auth:` block with extra fields still pastes in. Types come from here with z.infer, never written twice.
import { z } from 'zod';
import { tryParseDuration } from '../duration.ts';

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
  .refine((value) => tryParseDuration(value) !== undefined, { error: 'is not a duration' });

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
    /** Atmos: STS region of the AssumeRole call and AWS_REGION. */
    region: regionSchema.optional(),
  }),
  /** Atmos: session.duration, the same as principal.duration. */
  session: z.strictObject({ duration: roleDurationSchema.optional() }).optional(),
  ...identityCommon,
});

// ---- integrations ----------------------------------------------------------------------------------------

/** aws/ecr: a private ECR registry (account and region). */
export const ecrIntegrationSchema = z.strictObject({
  kind: z.literal('aws/ecr'),
  via: viaSchema,
  spec: z.strictObject({
    registry: z.strictObject({ account_id: accountIdSchema, region: regionSchema }),
    auto_provision: z.boolean().optional(),
  }),
  /** Also accepted beside spec; spec.auto_provision is the Atmos spelling. */
  auto_provision: z.boolean().optional(),
});

/** aws/ecr-public: public.ecr.aws (token from us-east-1). */
export const ecrPublicIntegrationSchema = z.strictObject({
  kind: z.literal('aws/ecr-public'),
  via: viaSchema,
  spec: z.strictObject({ auto_provision: z.boolean().optional() }).optional(),
  auto_provision: z.boolean().optional(),
});

// ---- settings --------------------------------------------------------------------------------------------

/** settings: tool-wide options, all optional. */
export const settingsSchema = z.strictObject({
  min_validity: durationSchema.optional(),
  docker: z.strictObject({ mode: z.enum(['auto', 'auths', 'store', 'helper']).optional() }).optional(),
});

export type SsoProviderInput = z.infer<typeof ssoProviderSchema>;
export type AmbientProviderInput = z.infer<typeof ambientProviderSchema>;
export type GithubOidcProviderInput = z.infer<typeof githubOidcProviderSchema>;
export type PermissionSetIdentityInput = z.infer<typeof permissionSetIdentitySchema>;
export type AssumeRoleIdentityInput = z.infer<typeof assumeRoleIdentitySchema>;
export type AmbientIdentityInput = z.infer<typeof ambientIdentitySchema>;
export type IdentityEnvInput = z.infer<typeof identityEnvSchema>;
export type EcrIntegrationInput = z.infer<typeof ecrIntegrationSchema>;
export type EcrPublicIntegrationInput = z.infer<typeof ecrPublicIntegrationSchema>;
export type SettingsInput = z.infer<typeof settingsSchema>;
export type ViaInput = z.infer<typeof viaSchema>;
export type AccountIdInput = z.infer<typeof accountIdSchema>;
