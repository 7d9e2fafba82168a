// aws/saml: a corporate SAML IdP. The assertion (browser sign-in, or assertion_command) is exchanged with
// AssumeRoleWithSAML for one role it offers; the credentials are cached per (provider, role) like any link.
import type { SamlProvider } from '../../config/model.ts';
import { type CredentialKind, INTERACTIVE_LOCK_TIMEOUT_MS, type KindKeys } from './kind.ts';

export const samlKeys: KindKeys<SamlProvider> = {
  kind: 'aws/saml',
  // per (provider, role); without a configured role, the role picked at sign-in is what the entry holds
  linkKey: (node) => ['saml', node.url, node.roleArn ?? '', node.idpArn ?? '', String(node.durationSeconds ?? '')].join('|'),
  // without a role of its own, directly under an aws/assume-role identity: as in Atmos, the identity's role is taken
  // from the assertion (one AssumeRoleWithSAML), so the provider is no link of its own
  yieldsRoleToChild: (node, child) => node.roleArn === undefined && child?.kind === 'aws/assume-role',
  childRootKey: (node) => `saml-assertion|${node.url}|${node.idpArn ?? ''}`,
};

export const samlKind: CredentialKind<SamlProvider> = {
  cacheable: true,
  lockTimeoutMs: INTERACTIVE_LOCK_TIMEOUT_MS,
  region: (node) => node.region,
  async obtain(node, { ctx }) {
    // loaded only when credentials are obtained, never on a cache hit
    const { samlCredentials } = await import('../../saml/exchange.ts');
    return { credentials: await samlCredentials(ctx, { provider: node, name: node.name }), via: 'login' };
  },
};
