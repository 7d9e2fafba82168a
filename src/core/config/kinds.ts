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
      ...optional('region', i.region), default: i.default ?? false,
    }),
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
  if (kind in KINDS[section]) return false;
  return ATMOS_KINDS.has(kind) || ATMOS_PREFIXES.some((p) => kind.startsWith(p)) || kind.endsWith('/emulator');
}
