// aws/ambient: the SDK's default chain. The environment owns these credentials, so they are never cached by us.
import type { AmbientIdentity, AmbientProvider } from '../../config/model.ts';
import { ambientSourceKey, resolveAmbientCredentials } from '../../aws/ambient.ts';
import type { CredentialKind, KindKeys, SessionHooks } from './kind.ts';
import { type ConfigRow, envEntries, optional } from '../../config/kind-row.ts';
import type { SchemaKit } from '../../config/schema.ts';

export const ambientKeys: KindKeys<AmbientProvider | AmbientIdentity> = {
  kind: 'aws/ambient',
  linkKey: (node, _parentKey, env) => `ambient|${ambientSourceKey(env, node.profile)}`,
};

/** The environment owns these credentials: status and whoami say what it names. */
export const ambientSession: SessionHooks<AmbientProvider | AmbientIdentity> = {
  detail: (node) => [node.profile && `profile ${node.profile}`, node.region].filter(Boolean).join('  ') || 'the standard AWS chain',
  heldOutside: () => 'environment',
  whoamiOutside(node, env) {
    const profile = node.profile ?? env.AWS_PROFILE;
    const region = node.region || env.AWS_REGION;
    return {
      signedIn: env.AWS_ACCESS_KEY_ID !== undefined || profile !== undefined || env.AWS_WEB_IDENTITY_TOKEN_FILE !== undefined,
      source: 'environment', ...(profile ? { profile } : {}), ...(region ? { region } : {}),
    };
  },
};

export const ambientKind: CredentialKind<AmbientProvider | AmbientIdentity> = {
  cacheable: false,
  region: (node, { ctx }) => node.region ?? ctx.env.AWS_REGION ?? ctx.env.AWS_DEFAULT_REGION,
  async obtain(node, { ctx }) {
    const credentials = await resolveAmbientCredentials(ctx.env, { ...(node.profile ? { profile: node.profile } : {}), identity: node.name });
    return { credentials, via: 'ambient' };
  },
};

// ---- config rows: a provider, and an identity (Atmos's `aws/ambient`, or its cloud-agnostic `ambient`) ----------

function providerSchema({ z, region }: SchemaKit) {
  return z.strictObject({
    kind: z.literal('aws/ambient'),
    region: region.optional(),
    profile: z.string().min(1).optional(),
  });
}
type ProviderInput = import('zod').infer<ReturnType<typeof providerSchema>>;

export const ambientProviderRow: ConfigRow<AmbientProvider> = {
  schema: providerSchema,
  toModel: (p: ProviderInput, { name }) => ({ kind: p.kind, name, ...optional('region', p.region), ...optional('profile', p.profile) }),
};

function identitySchema({ z, region, identityCommon }: SchemaKit) {
  return z.strictObject({
    kind: z.enum(['aws/ambient', 'ambient']),
    principal: z.strictObject({ region: region.optional(), profile: z.string().min(1).optional() }).optional(),
    profile: z.string().min(1).optional(),
    ...identityCommon,
  });
}
type IdentityInput = import('zod').infer<ReturnType<typeof identitySchema>>;

export const ambientIdentityRow: ConfigRow<AmbientIdentity> = {
  schema: identitySchema,
  toModel: (i: IdentityInput, { name }) => ({
    kind: 'aws/ambient', name, ...(i.kind === 'ambient' ? { written: 'ambient' as const } : {}),
    ...optional('region', i.principal?.region ?? i.region), ...optional('profile', i.principal?.profile ?? i.profile),
    default: i.default ?? false, ...optional('env', envEntries(i.env)),
  }),
};
