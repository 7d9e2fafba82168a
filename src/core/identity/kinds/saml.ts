// aws/saml: a corporate SAML IdP. The assertion (browser sign-in, or assertion_command) is exchanged with
// AssumeRoleWithSAML for one role it offers; the credentials are cached per (provider, role) like any link.
import type { SamlProvider } from '../../config/model.ts';
import { type CredentialKind, INTERACTIVE_LOCK_TIMEOUT_MS, type KindKeys, type SessionHooks } from './kind.ts';
import { type ConfigRow, optional, seconds } from '../../config/kind-row.ts';
import { joinPath } from '../../config/issues.ts';
import type { SchemaKit } from '../../config/schema.ts';

export const samlKeys: KindKeys<SamlProvider> = {
  kind: 'aws/saml',
  // per (provider, role); without a configured role, the role picked at sign-in is what the entry holds
  linkKey: (node) => ['saml', node.url, node.roleArn ?? '', node.idpArn ?? '', String(node.durationSeconds ?? '')].join('|'),
  // without a role of its own, directly under an aws/assume-role identity: as in Atmos, the identity's role is taken
  // from the assertion (one AssumeRoleWithSAML), so the provider is no link of its own
  yieldsRoleToChild: (node, child) => node.roleArn === undefined && child?.kind === 'aws/assume-role',
  childRootKey: (node) => `saml-assertion|${node.url}|${node.idpArn ?? ''}`,
};

export const samlSession: SessionHooks<SamlProvider> = {
  detail: (node) => [node.region, node.url, node.roleArn, node.assertionCommand !== undefined ? 'assertion_command' : 'browser'].filter(Boolean).join('  '),
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

// ---- config row ----------------------------------------------------------------------------------------------

function providerSchema({ z, region, roleArn, samlProviderArn, roleDuration, command }: SchemaKit) {
  return z.strictObject({
    kind: z.literal('aws/saml'),
    /** The IdP's AWS app URL: where the browser sign-in starts. */
    url: z.url({ protocol: /^https?$/ }),
    region,
    /** The role to take from the assertion; without it: --saml-role, the only role, or a choice on the terminal. */
    role_arn: roleArn.optional(),
    /** The IdP (principal) ARN paired with the role, when the assertion lists the role with several IdPs. */
    idp_arn: samlProviderArn.optional(),
    session_duration: roleDuration.optional(),
    /** Atmos spelling of the session length. */
    session: z.strictObject({ duration: roleDuration.optional() }).optional(),
    /** A command printing the base64 SAMLResponse (instead of the browser). */
    assertion_command: command.optional(),
    /** Atmos' saml2aws driver; only the browser way is supported ("Browser"). */
    driver: z.string().min(1).optional(),
  });
}
type ProviderInput = import('zod').infer<ReturnType<typeof providerSchema>>;

export const samlProviderRow: ConfigRow<SamlProvider> = {
  schema: providerSchema,
  toModel: (p: ProviderInput, { name, path, issues }) => {
    if (p.driver !== undefined && p.driver.toLowerCase() !== 'browser') {
      issues.warn(joinPath(path, 'driver'), `is "${p.driver}": ecr-auth signs in through a browser (or assertion_command) whatever the driver`);
    }
    return {
      kind: p.kind, name, url: p.url, region: p.region, ...optional('roleArn', p.role_arn), ...optional('idpArn', p.idp_arn),
      ...optional('durationSeconds', seconds(p.session_duration ?? p.session?.duration)),
      ...optional('assertionCommand', p.assertion_command),
    };
  },
};
