// The tables of provider and identity kinds. Each kind is one module (kinds/<kind>.ts) exporting up to three parts:
// its keys (how its cache key is derived and what the config alone says of it: pure, what the cached path loads),
// how it obtains credentials (ensure-chain.ts), and what `login --provider`, `status`, `whoami` and `logout` ask
// it. Adding a kind is its module plus one line in each table it has a part in; the orchestration path
// (chain-key.ts, ensure-chain.ts, session.ts, session/*) looks kinds up here and names none. The parts are separate
// exports so that a bundle reaching only the keys (the cached bins) leaves the rest out.
import type { Identity, Provider } from '../../config/model.ts';
import { ambientKeys, ambientKind, ambientSession } from './ambient.ts';
import { assumeRoleKeys, assumeRoleKind } from './assume-role.ts';
import { githubOidcKeys, githubOidcKind, githubOidcSession } from './github-oidc.ts';
import { ssoKeys, ssoSession } from './iam-identity-center.ts';
import type { ChainNode, CredentialKind, KindKeys, SessionHooks } from './kind.ts';
import { permissionSetKeys, permissionSetKind, permissionSetSession } from './permission-set.ts';
import { samlKeys, samlKind } from './saml.ts';
import { userKeys, userKind, userSession } from './user.ts';

const KEYS = {
  'aws/iam-identity-center': ssoKeys,
  'aws/ambient': ambientKeys,
  'aws/assume-role': assumeRoleKeys,
  'github/oidc': githubOidcKeys,
  'aws/permission-set': permissionSetKeys,
  'aws/saml': samlKeys,
  'aws/user': userKeys,
} satisfies { [K in ChainNode['kind']]: KindKeys<Extract<ChainNode, { kind: K }>> };

const CREDENTIALS = {
  'aws/ambient': ambientKind,
  'aws/assume-role': assumeRoleKind,
  'github/oidc': githubOidcKind,
  'aws/permission-set': permissionSetKind,
  'aws/saml': samlKind,
  'aws/user': userKind,
} as const;

const SESSIONS: { [K in ChainNode['kind']]?: SessionHooks<Extract<ChainNode, { kind: K }>> } = {
  'aws/iam-identity-center': ssoSession,
  'aws/ambient': ambientSession,
  'github/oidc': githubOidcSession,
  'aws/permission-set': permissionSetSession,
  'aws/user': userSession,
};

type CredentialTable = typeof CREDENTIALS;
/** A node that yields AWS credentials (a link of a chain): a node of a kind that obtains credentials. */
export type CredentialNode = {
  [K in keyof CredentialTable]: CredentialTable[K] extends CredentialKind<infer N> ? N : never;
}[keyof CredentialTable];

/** Every kind's keys, for what walks them all (the cached bin's list of kinds it answers). */
export const KIND_KEYS_LIST: ReadonlyArray<KindKeys> = Object.values(KEYS) as ReadonlyArray<KindKeys>;

/** What a node's kind says of its keys. */
export function keysOf<N extends Provider | Identity>(node: N): KindKeys<N> {
  return KEYS[node.kind] as unknown as KindKeys<N>;
}

/** How a credential node's kind obtains its credentials. */
export function credentialKindOf<N extends CredentialNode>(node: N): CredentialKind<N> {
  return CREDENTIALS[node.kind] as unknown as CredentialKind<N>;
}

/** What `login --provider`, `status`, `whoami` and `logout` ask a node's kind (nothing, for most kinds). */
export function sessionHooksOf<N extends Provider | Identity>(node: N): SessionHooks<N> {
  return (SESSIONS[node.kind] ?? {}) as SessionHooks<N>;
}

export type { ChainNode, CredentialKind, KindKeys, SessionHooks };
