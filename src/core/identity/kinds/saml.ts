// aws/saml: a corporate SAML IdP. The assertion (browser sign-in, or assertion_command) is exchanged with
// AssumeRoleWithSAML for one role it offers; the credentials are cached per (provider, role) like any link.
import type { SamlProvider } from '../../config/model.ts';
import { type CredentialKind, INTERACTIVE_LOCK_TIMEOUT_MS } from './kind.ts';

export const samlKind: CredentialKind<SamlProvider> = {
  kind: 'aws/saml',
  cacheable: true,
  lockTimeoutMs: INTERACTIVE_LOCK_TIMEOUT_MS,
  region: (node) => node.region,
  async obtain(node, { ctx }) {
    // loaded only when credentials are obtained, never on a cache hit
    const { samlCredentials } = await import('../../saml/exchange.ts');
    return { credentials: await samlCredentials(ctx, { provider: node, name: node.name }), via: 'login' };
  },
};
