// aws/iam-identity-center: AWS SSO. It yields an SSO access token (for the aws/permission-set identities that go via
// it), not AWS credentials, so it is no link of a chain; signing in to it alone makes (or refreshes) the session.
// Its session file is shared with the AWS CLI when it names an sso-session; status, whoami and logout see it.
import type { SsoProvider } from '../../config/model.ts';
import type { KindKeys, SessionHooks } from './kind.ts';
import { isFresh } from '../../cache/freshness.ts';
import { type ConfigRow, optional } from '../../config/kind-row.ts';
import type { SchemaKit } from '../../config/schema.ts';

/** The SSO token modules: loaded when a session is read, made or removed, never to derive a key. */
const ssoToken = () => import('../../sso/ensure-token.ts');
const tokenAdmin = () => import('../../sso/token-admin.ts');

/** No link key: it yields a token, never credentials of its own. */
export const ssoKeys: KindKeys<SsoProvider> = { kind: 'aws/iam-identity-center' };

export const ssoSession: SessionHooks<SsoProvider> = {
  detail: (node) => `${node.region}  ${node.startUrl}${node.flow ? `  flow ${node.flow}` : ''}`,
  async signIn(ctx, node) {
    const token = await (await ssoToken()).ensureSsoToken(ctx, node);
    return { provider: node.name, kind: node.kind, source: token.source, expiresAt: token.expiresAt };
  },
  async status(ctx, node) {
    const sso = await (await tokenAdmin()).readSsoTokenStatus(ctx.env, node);
    return [{
      kind: 'sso-session', name: node.name, valid: sso !== undefined && isFresh(sso.expiresAt, ctx.now(), 0),
      ...(sso?.expiresAt !== undefined ? { expiresAt: sso.expiresAt } : {}), ...(sso?.path !== undefined ? { storedIn: sso.path } : {}),
    }];
  },
  async whoami(ctx, node) {
    const sso = await (await tokenAdmin()).readSsoTokenStatus(ctx.env, node);
    return sso ? { ssoSession: { provider: node.name, expiresAt: sso.expiresAt, valid: isFresh(sso.expiresAt, ctx.now(), 0) } } : {};
  },
  async logout(ctx, node, { dryRun }) {
    return (await (await tokenAdmin()).removeSsoToken(ctx, node, { onlyOurs: true, dryRun })) ? [`sso session: ${node.name}`] : [];
  },
};

// ---- config row ----------------------------------------------------------------------------------------------

const DEFAULT_SSO_SCOPES = ['sso:account:access'];

function providerSchema({ z, region }: SchemaKit) {
  return z.strictObject({
    kind: z.literal('aws/iam-identity-center'),
    region,
    start_url: z.url({ protocol: /^https?$/ }),
    session_name: z.string().min(1).optional(),
    flow: z.enum(['pkce', 'device']).optional(),
    scopes: z.array(z.string().min(1)).min(1).optional(),
  });
}
type ProviderInput = import('zod').infer<ReturnType<typeof providerSchema>>;

export const ssoProviderRow: ConfigRow<SsoProvider> = {
  schema: providerSchema,
  toModel: (p: ProviderInput, { name }) => ({
    kind: p.kind, name, region: p.region, startUrl: p.start_url,
    ...optional('sessionName', p.session_name), ...optional('flow', p.flow),
    scopes: p.scopes ?? [...DEFAULT_SSO_SCOPES],
  }),
};
