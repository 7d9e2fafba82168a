// The kind table: for each section of the document, the kinds ecr-auth supports, the schema that checks an
// entry of that kind and the function that turns it into the model. Provider and identity rows are here; each
// integration kind declares its own row in its module (src/core/integrations/), and this table takes them from
// the integration kind table.
import { INTEGRATION_KIND_LIST } from '../integrations/index.ts';
import type { AccountRef, Identity, Integration, Provider } from './model.ts';
import type { IssueList } from './issues.ts';
import { joinPath } from './issues.ts';
import { accountId, type KindRow, optional, seconds, via } from './kind-row.ts';
import * as s from './schema.ts';

export type { EntryScope, KindRow } from './kind-row.ts';
export { accountId } from './kind-row.ts';

export type Section = 'providers' | 'identities' | 'integrations';

const DEFAULT_AUDIENCE = 'sts.amazonaws.com';
/** How long an MFA session of an aws/user identity lasts unless configured: 12 h, asked for once a working day. */
export const DEFAULT_USER_SESSION_SECONDS = 12 * 3600;
const DEFAULT_SSO_SCOPES = ['sso:account:access'];

function account(ref: s.PermissionSetIdentityInput['principal']['account'], path: string, issues: IssueList): AccountRef {
  if (typeof ref === 'string') return /^\d{12}$/.test(ref) ? { id: ref } : { name: ref };
  if ('id' in ref) return { id: accountId(ref.id, joinPath(path, 'id'), issues) };
  return /^\d{12}$/.test(ref.name) ? { id: ref.name } : { name: ref.name };
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
      kind: p.kind, name, region: p.region, ...optional('roleArn', p.role_arn),
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

/** Identity kinds ecr-auth supports. */
export const IDENTITY_KINDS: Record<Identity['kind'], KindRow<Identity>> = {
  'aws/permission-set': {
    schema: s.permissionSetIdentitySchema,
    toModel: (i: s.PermissionSetIdentityInput, { name, path, issues }) => {
      if (i.via.provider === undefined) {
        issues.error(
          joinPath(path, 'via', 'identity'),
          'an aws/permission-set identity signs in through an IAM Identity Center provider, not another identity',
          '{ provider: NAME } naming an aws/iam-identity-center provider',
        );
        return undefined;
      }
      return {
        kind: i.kind, name, via: { provider: i.via.provider }, permissionSet: i.principal.name,
        account: account(i.principal.account, joinPath(path, 'principal', 'account'), issues),
        ...optional('region', i.region), default: i.default ?? false,
      };
    },
  },
  'aws/assume-role': {
    schema: s.assumeRoleIdentitySchema,
    toModel: (i: s.AssumeRoleIdentityInput, { name }) => ({
      kind: i.kind, name, via: via(i.via), roleArn: i.principal.assume_role,
      ...optional('externalId', i.principal.external_id),
      ...optional('durationSeconds', seconds(i.principal.duration)),
      ...optional('sessionName', i.principal.session_name),
      ...optional('mfaSerial', i.mfa_arn ?? i.principal.mfa_arn), ...optional('mfaCommand', i.mfa_command),
      ...optional('region', i.region), default: i.default ?? false,
    }),
  },
  'aws/user': {
    schema: s.userIdentitySchema,
    toModel: (i: s.UserIdentityInput, { name, path, issues }) => {
      const c = i.credentials ?? {};
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
        ...optional('region', i.region ?? c.region), default: i.default ?? false,
      };
    },
  },
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
const ATMOS_PREFIXES = ['azure/', 'gcp/', 'atmos/'];

/** True for a kind Atmos knows that ecr-auth does not support in this section: warned about and dropped. */
export function isAtmosOnlyKind(section: Section, kind: string): boolean {
  if (Object.hasOwn(KINDS[section], kind)) return false;
  return ATMOS_KINDS.has(kind) || ATMOS_PREFIXES.some((p) => kind.startsWith(p)) || kind.endsWith('/emulator');
}
