// The kind table: for each section of the document, the kinds ecr-auth supports, the schema that checks an
// entry of that kind and the function that turns it into the model. Provider and identity rows are here; each
// integration kind declares its own row in its module (src/core/integrations/), and this table takes them from
// the integration kind table.
import { INTEGRATION_KIND_LIST } from '../integrations/index.ts';
import type { AccountRef, EnvEntry, Identity, Integration, Provider, Via } from './model.ts';
import type { IssueList } from './issues.ts';
import { joinPath } from './issues.ts';
import { accountId, type EntryScope, type KindRow, optional, seconds, via } from './kind-row.ts';
import * as s from './schema.ts';

export type { EntryScope, KindRow } from './kind-row.ts';
export { accountId } from './kind-row.ts';

export type Section = 'providers' | 'identities' | 'integrations';

const DEFAULT_AUDIENCE = 'sts.amazonaws.com';
/** How long an MFA session of an aws/user identity lasts unless configured: 12 h, asked for once a working day. */
export const DEFAULT_USER_SESSION_SECONDS = 12 * 3600;
/** The STS region of a github/oidc provider that names none: us-east-1, as Atmos does. */
export const DEFAULT_GITHUB_OIDC_REGION = 'us-east-1';
const DEFAULT_SSO_SCOPES = ['sso:account:access'];

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
  'aws/saml': {
    schema: s.samlProviderSchema,
    toModel: (p: s.SamlProviderInput, { name, path, issues }) => {
      if (p.driver !== undefined && p.driver.toLowerCase() !== 'browser') {
        issues.warn(joinPath(path, 'driver'), `is "${p.driver}": ecr-auth signs in through a browser (or assertion_command) whatever the driver`);
      }
      return {
        kind: p.kind, name, url: p.url, region: p.region, ...optional('roleArn', p.role_arn), ...optional('idpArn', p.idp_arn),
        ...optional('durationSeconds', seconds(p.session_duration ?? p.session?.duration)),
        ...optional('assertionCommand', p.assertion_command),
      };
    },
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
        ...optional('mfaSerial', i.mfa_arn ?? i.principal.mfa_arn), ...optional('mfaCommand', i.mfa_command),
        ...optional('region', i.principal.region ?? i.region), default: i.default ?? false, ...optional('env', envEntries(i.env)),
      };
    },
  },
  'aws/user': {
    schema: s.userIdentitySchema,
    toModel: (i: s.UserIdentityInput, { name, path, issues }) => {
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
  },
  'aws/ambient': { schema: s.ambientIdentitySchema, toModel: ambientIdentity },
  ambient: { schema: s.ambientIdentitySchema, toModel: ambientIdentity },
};

/** Integration kinds ecr-auth supports: each kind module's row, its schema built from the shared building blocks. */
export const INTEGRATION_KINDS: Record<string, KindRow<Integration>> = Object.assign(
  Object.create(null) as Record<string, KindRow<Integration>>,
  Object.fromEntries(
    INTEGRATION_KIND_LIST.map((kind) => [kind.kind, { schema: kind.config.schema(s.SCHEMA_KIT), toModel: kind.config.toModel } as KindRow<Integration>]),
  ),
);

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
