// The kind table: for each section of the document, the kinds ecr-auth supports, the schema that checks an
// entry of that kind and the function that turns it into the model. Adding a kind is one row here plus its
// schema; nothing else in the config code changes.
import type { z } from 'zod';
import { tryParseDuration } from '../duration.ts';
import type { AccountRef, EnvEntry, Identity, Integration, Provider, Via } from './model.ts';
import type { IssueList } from './issues.ts';
import { joinPath } from './issues.ts';
import * as s from './schema.ts';

export type Section = 'providers' | 'identities' | 'integrations';

/** Where an entry sits and where to report what its conversion notices. */
export interface EntryScope {
  name: string;
  path: string;
  issues: IssueList;
}

/** One supported kind: its schema, and the conversion of a checked entry (undefined after reporting an error). */
export interface KindRow<Out> {
  schema: z.ZodType;
  toModel(input: never, scope: EntryScope): Out | undefined;
}

const DEFAULT_AUDIENCE = 'sts.amazonaws.com';
/** The STS region of a github/oidc provider that names none: us-east-1, as Atmos does. */
export const DEFAULT_GITHUB_OIDC_REGION = 'us-east-1';
const DEFAULT_SSO_SCOPES = ['sso:account:access'];

function seconds(value: string | number | undefined): number | undefined {
  if (value === undefined) return undefined;
  return Math.round(tryParseDuration(value)! / 1000);
}

function via(input: s.ViaInput): Via {
  return input.provider !== undefined ? { provider: input.provider } : { identity: input.identity! };
}

/** A 12-digit account id as a string; a number is padded back to 12 digits with a warning. */
export function accountId(value: s.AccountIdInput, path: string, issues: IssueList): string {
  if (typeof value === 'string') return value;
  const text = String(value).padStart(12, '0');
  issues.warn(path, `is a number: write it as a string ("${text}") so YAML keeps any leading zeros`);
  return text;
}

function account(ref: s.PermissionSetIdentityInput['principal']['account'], path: string, issues: IssueList): AccountRef {
  if (typeof ref === 'string') return /^\d{12}$/.test(ref) ? { id: ref } : { name: ref };
  // both given (what Atmos's SSO auto-provisioning writes): the id is used, the name kept for display
  if ('id' in ref) return { id: accountId(ref.id, joinPath(path, 'id'), issues), ...optional('name', ref.name) };
  return /^\d{12}$/.test(ref.name) ? { id: ref.name } : { name: ref.name };
}

/** An identity's env: entries as a list of { key, value } (Atmos's shape or a map), values as text. */
function envEntries(input: s.IdentityEnvInput | undefined): EnvEntry[] | undefined {
  if (input === undefined) return undefined;
  const pairs = Array.isArray(input) ? input.map((e) => [e.key, e.value] as const) : Object.entries(input);
  return pairs.map(([key, value]) => ({ key, value: String(value) }));
}

/** `via`, or Atmos's direct `provider:` association; undefined (after an error) when neither is given. */
function identityVia(i: { via?: s.ViaInput | undefined; provider?: string | undefined }, path: string, issues: IssueList): Via | undefined {
  if (i.via !== undefined) {
    if (i.provider !== undefined) issues.warn(joinPath(path, 'provider'), 'is ignored: via is given');
    return via(i.via);
  }
  if (i.provider !== undefined) return { provider: i.provider };
  issues.error(joinPath(path, 'via'), 'is missing', '{ provider: NAME } or { identity: NAME }');
  return undefined;
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

/** Provider kinds ecr-auth supports. */
export const PROVIDER_KINDS: Record<Provider['kind'], KindRow<Provider>> = {
  'aws/iam-identity-center': {
    schema: s.ssoProviderSchema,
    toModel: (p: s.SsoProviderInput, { name }) => ({
      kind: p.kind, name, region: p.region, startUrl: p.start_url,
      ...optional('sessionName', p.session_name), ...optional('flow', p.flow),
      scopes: p.scopes ?? [...DEFAULT_SSO_SCOPES],
    }),
  },
  'aws/ambient': {
    schema: s.ambientProviderSchema,
    toModel: (p: s.AmbientProviderInput, { name }) => ({
      kind: p.kind, name, ...optional('region', p.region), ...optional('profile', p.profile),
    }),
  },
  'github/oidc': {
    schema: s.githubOidcProviderSchema,
    toModel: (p: s.GithubOidcProviderInput, { name }) => ({
      kind: p.kind, name, region: p.region ?? DEFAULT_GITHUB_OIDC_REGION, ...optional('roleArn', p.role_arn),
      audience: p.audience ?? p.spec?.audience ?? DEFAULT_AUDIENCE,
      ...optional('sessionName', p.session_name), ...optional('durationSeconds', seconds(p.duration)),
    }),
  },
};

function ambientIdentity(i: s.AmbientIdentityInput, { name }: EntryScope): Identity {
  return {
    kind: 'aws/ambient', name, ...(i.kind === 'ambient' ? { written: 'ambient' as const } : {}),
    ...optional('region', i.principal?.region ?? i.region), ...optional('profile', i.principal?.profile ?? i.profile),
    default: i.default ?? false, ...optional('env', envEntries(i.env)),
  };
}

/** Identity kinds ecr-auth supports. */
export const IDENTITY_KINDS: Record<Identity['kind'] | 'ambient', KindRow<Identity>> = {
  'aws/permission-set': {
    schema: s.permissionSetIdentitySchema,
    toModel: (i: s.PermissionSetIdentityInput, { name, path, issues }) => {
      const to = identityVia(i, path, issues);
      if (to === undefined) return undefined;
      if (!('provider' in to)) {
        issues.error(
          joinPath(path, 'via', 'identity'),
          'an aws/permission-set identity signs in through an IAM Identity Center provider, not another identity',
          '{ provider: NAME } naming an aws/iam-identity-center provider',
        );
        return undefined;
      }
      if (i.principal.name !== undefined && i.principal.permission_set !== undefined) {
        issues.warn(joinPath(path, 'principal', 'permission_set'), 'is ignored: principal.name is given');
      } else if (i.principal.name === undefined) {
        issues.warn(joinPath(path, 'principal', 'permission_set'), 'is read as principal.name (the key Atmos reads at run time)');
      }
      return {
        kind: i.kind, name, via: { provider: to.provider }, permissionSet: (i.principal.name ?? i.principal.permission_set)!,
        account: account(i.principal.account, joinPath(path, 'principal', 'account'), issues),
        ...optional('region', i.principal.region ?? i.region), default: i.default ?? false, ...optional('env', envEntries(i.env)),
      };
    },
  },
  'aws/assume-role': {
    schema: s.assumeRoleIdentitySchema,
    toModel: (i: s.AssumeRoleIdentityInput, { name, path, issues }) => {
      const to = identityVia(i, path, issues);
      if (to === undefined) return undefined;
      return {
        kind: i.kind, name, via: to, roleArn: i.principal.assume_role,
        ...optional('externalId', i.principal.external_id),
        ...optional('durationSeconds', seconds(i.principal.duration ?? i.session?.duration)),
        ...optional('sessionName', i.principal.session_name),
        ...optional('region', i.principal.region ?? i.region), default: i.default ?? false, ...optional('env', envEntries(i.env)),
      };
    },
  },
  'aws/ambient': { schema: s.ambientIdentitySchema, toModel: ambientIdentity },
  ambient: { schema: s.ambientIdentitySchema, toModel: ambientIdentity },
};

/** Integration kinds ecr-auth supports. */
export const INTEGRATION_KINDS: Record<Integration['kind'], KindRow<Integration>> = {
  'aws/ecr': {
    schema: s.ecrIntegrationSchema,
    toModel: (i: s.EcrIntegrationInput, { name, path, issues }) => ({
      kind: i.kind, name, via: via(i.via),
      registry: {
        accountId: accountId(i.spec.registry.account_id, joinPath(path, 'spec', 'registry', 'account_id'), issues),
        region: i.spec.registry.region,
      },
      autoProvision: i.spec.auto_provision ?? i.auto_provision ?? true,
    }),
  },
  'aws/ecr-public': {
    schema: s.ecrPublicIntegrationSchema,
    toModel: (i: s.EcrPublicIntegrationInput, { name }) => ({
      kind: i.kind, name, via: via(i.via), autoProvision: i.spec?.auto_provision ?? i.auto_provision ?? true,
    }),
  },
};

/** The kind table of each section. */
export const KINDS: { [S in Section]: Record<string, KindRow<unknown>> } = {
  providers: PROVIDER_KINDS,
  identities: IDENTITY_KINDS,
  integrations: INTEGRATION_KINDS,
};

const ATMOS_KINDS = new Set([
  'aws/saml', 'aws/user', 'aws/assume-root', 'aws/assume-role', 'aws/eks',
  'github/user', 'github/sts', 'github/app',
]);
const ATMOS_PREFIXES = ['azure/', 'gcp/', 'atmos/', 'kubernetes/', 'mock/'];

/** True for a kind Atmos knows that ecr-auth does not support in this section: warned about and dropped. */
export function isAtmosOnlyKind(section: Section, kind: string): boolean {
  if (Object.hasOwn(KINDS[section], kind)) return false;
  return ATMOS_KINDS.has(kind) || kind === 'mock' || ATMOS_PREFIXES.some((p) => kind.startsWith(p)) || kind.endsWith('/emulator');
}

/**
 * True for an entry of the document (by its path: [section, name], or ['auth', section, name]) whose kind ecr-auth
 * sets aside: its YAML functions are not run.
 */
export function setAsideByKind(path: readonly (string | number)[], value: Record<string, unknown>): boolean {
  const at = path[0] === 'auth' ? path.slice(1) : path;
  if (at.length !== 2 || typeof value.kind !== 'string') return false;
  const section = at[0];
  if (section !== 'providers' && section !== 'identities' && section !== 'integrations') return false;
  return isAtmosOnlyKind(section, value.kind);
}
