// The tables of provider and identity kinds. Each kind is one module (kinds/<kind>.ts) exporting up to four parts:
// its config rows (validation: config/kinds.ts), its keys (how its cache key is derived: pure, the table in keys.ts, all the cached path loads), how it obtains
// credentials (ensure-chain.ts), and what `login --provider`, `status`, `whoami` and `logout` ask it (both tables
// here). Adding a kind is its module plus one line in each table it has a part in; the orchestration path
// (chain-key.ts, ensure-chain.ts, session.ts, session/*) looks kinds up in these tables and names none.
import type { Identity, Provider } from '../../config/model.ts';
import { ambientIdentityRow, ambientKeys, ambientKind, ambientProviderRow, ambientSession } from './ambient.ts';
import { assumeRoleIdentityRow, assumeRoleKeys, assumeRoleKind, assumeRoleSession } from './assume-role.ts';
import { githubOidcKeys, githubOidcKind, githubOidcProviderRow, githubOidcSession } from './github-oidc.ts';
import { ssoProviderRow, ssoSession } from './iam-identity-center.ts';
import type { ConfigRow } from '../../config/kind-row.ts';
import type { ChainNode, CredentialKind, KindKeys, SessionHooks } from './kind.ts';
import { permissionSetIdentityRow, permissionSetKeys, permissionSetKind, permissionSetSession } from './permission-set.ts';
import { samlKeys, samlKind, samlProviderRow, samlSession } from './saml.ts';
import { userIdentityRow, userKeys, userKind, userSession } from './user.ts';

/** The config row of each provider kind (the validation's kind table takes these). */
export const PROVIDER_ROWS: { [K in Provider['kind']]: ConfigRow<Extract<Provider, { kind: K }>> } = {
  'aws/iam-identity-center': ssoProviderRow,
  'aws/ambient': ambientProviderRow,
  'github/oidc': githubOidcProviderRow,
  'aws/saml': samlProviderRow,
};

/** The config row of each identity kind, under each name it is written with (Atmos's `ambient` too). */
export const IDENTITY_ROWS: { [K in Identity['kind'] | 'ambient']: ConfigRow<Identity> } = {
  'aws/permission-set': permissionSetIdentityRow,
  'aws/assume-role': assumeRoleIdentityRow,
  'aws/user': userIdentityRow,
  'aws/ambient': ambientIdentityRow,
  ambient: ambientIdentityRow,
};

/** Each credential-producing kind's keys (which name the kind) and how it obtains credentials. */
const CREDENTIAL_LIST = [
  [ambientKeys, ambientKind],
  [assumeRoleKeys, assumeRoleKind],
  [githubOidcKeys, githubOidcKind],
  [permissionSetKeys, permissionSetKind],
  [samlKeys, samlKind],
  [userKeys, userKind],
] as const;

const SESSIONS: { [K in ChainNode['kind']]?: SessionHooks<Extract<ChainNode, { kind: K }>> } = {
  'aws/iam-identity-center': ssoSession,
  'aws/ambient': ambientSession,
  'aws/assume-role': assumeRoleSession,
  'github/oidc': githubOidcSession,
  'aws/permission-set': permissionSetSession,
  'aws/saml': samlSession,
  'aws/user': userSession,
};

/** A node that yields AWS credentials (a link of a chain): a node of a kind that obtains credentials. */
export type CredentialNode = (typeof CREDENTIAL_LIST)[number][1] extends infer C ? (C extends CredentialKind<infer N> ? N : never) : never;

/** How a credential node's kind obtains its credentials. */
export function credentialKindOf<N extends CredentialNode>(node: N): CredentialKind<N> {
  return CREDENTIAL_LIST.find(([keys]) => keys.kind === node.kind)![1] as unknown as CredentialKind<N>;
}

/** What the commands that show or manage an entry ask its kind (validate, list, login --provider, status, whoami, logout). */
export function sessionHooksOf<N extends Provider | Identity>(node: N): SessionHooks<N> {
  return (SESSIONS[node.kind] ?? {}) as SessionHooks<N>;
}

export type { ChainNode, CredentialKind, KindKeys, SessionHooks };
