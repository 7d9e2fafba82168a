// The table of credential-producing kinds. Adding a kind is one new file plus one line here.
import type { CredentialNode } from '../chain-key.ts';
import { ambientKind } from './ambient.ts';
import { assumeRoleKind } from './assume-role.ts';
import { githubOidcKind } from './github-oidc.ts';
import type { CredentialKind } from './kind.ts';
import { permissionSetKind } from './permission-set.ts';
import { samlKind } from './saml.ts';
import { userKind } from './user.ts';

const KINDS = {
  'aws/ambient': ambientKind,
  'aws/assume-role': assumeRoleKind,
  'github/oidc': githubOidcKind,
  'aws/permission-set': permissionSetKind,
  'aws/saml': samlKind,
  'aws/user': userKind,
} as const;

/** The implementation of a node's kind. */
export function credentialKindOf<N extends CredentialNode>(node: N): CredentialKind<N> {
  return KINDS[node.kind] as unknown as CredentialKind<N>;
}
