// github/oidc: the Actions ID token exchanged for role credentials with AssumeRoleWithWebIdentity.
import type { GithubOidcProvider } from '../../config/model.ts';
import type { AwsCredentials } from '../../credentials.ts';
import type { Env } from '../../paths.ts';
import { EcrAuthError } from '../../errors.ts';
import { type CredentialKind, type KindKeys, roleAccount, rolePrincipal, type SessionHooks, sessionNameFor } from './kind.ts';
import { type ConfigRow, optional, seconds } from '../../config/kind-row.ts';
import type { SchemaKit } from '../../config/schema.ts';

export interface GithubExchange {
  audience: string;
  region: string;
  roleArn: string;
  sessionName?: string;
  durationSeconds?: number;
  /** The identity (or provider) name, for messages and the default session name. */
  name: string;
}

/** The Actions ID token exchanged for `roleArn` (used by this kind and by Atmos-style assume-role identities). */
export async function exchangeGithubToken(env: Env, exchange: GithubExchange): Promise<AwsCredentials> {
  // loaded only when credentials are obtained, never on a cache hit
  const [{ fetchGithubIdToken }, { assumeRoleWithWebIdentity }] = await Promise.all([import('../../aws/github-oidc.ts'), import('../../aws/sts.ts')]);
  const webIdentityToken = await fetchGithubIdToken(env, exchange.audience);
  return assumeRoleWithWebIdentity(env, {
    region: exchange.region,
    roleArn: exchange.roleArn,
    sessionName: exchange.sessionName ?? sessionNameFor(`gha-${env.GITHUB_RUN_ID ?? exchange.name}`),
    webIdentityToken,
    ...(exchange.durationSeconds ? { durationSeconds: exchange.durationSeconds } : {}),
    identity: exchange.name,
  });
}

/** What a GitHub Actions token is scoped to: one workflow run of one repository (never reused across runs). */
function githubRunKey(env: Env, audience: string): string {
  return `${audience}|${env.GITHUB_REPOSITORY ?? ''}|${env.GITHUB_RUN_ID ?? ''}`;
}

export const githubOidcKeys: KindKeys<GithubOidcProvider> = {
  kind: 'github/oidc',
  // scoped to one workflow run: a self-hosted runner shared by several repositories or runs never reuses it
  linkKey: (node, _parentKey, env) => `gha|${node.roleArn ?? ''}|${githubRunKey(env, node.audience)}|${node.sessionName ?? ''}`,
  // without a role_arn it yields its token to the aws/assume-role identities that go via it (Atmos-style)
  tokenOnly: (node) => node.roleArn === undefined,
  childRootKey: (node, env) => `gha-token|${githubRunKey(env, node.audience)}`,
};

export const githubOidcSession: SessionHooks<GithubOidcProvider> = {
  detail: (node) => `${node.region}  ${node.roleArn ?? 'token only: the role is on the aws/assume-role identities via it'}`,
  principal: (node) => rolePrincipal(node.roleArn),
  signIn(ctx, node) {
    if (node.roleArn !== undefined) return undefined;
    const goingVia = Object.values(ctx.config.identities).filter((i) => i.via !== undefined && 'provider' in i.via && i.via.provider === node.name);
    throw new EcrAuthError('E_USAGE', `provider '${node.name}' has no role_arn: it yields a GitHub token for the identities that go via it, nothing to sign in to by itself`, {
      hint: `log in one of those identities instead: ${goingVia.map((i) => i.name).join(', ') || '(none)'}`,
    });
  },
};

export const githubOidcKind: CredentialKind<GithubOidcProvider> = {
  account: roleAccount,
  cacheable: true,
  region: (node) => node.region,
  async obtain(node, { ctx }) {
    if (!node.roleArn) {
      throw new EcrAuthError('E_CONFIG', `github/oidc provider "${node.name}" has no role_arn, so it yields no AWS credentials by itself`, {
        hint: 'give it a role_arn, or use an aws/assume-role identity with `via: { provider: ' + node.name + ' }`',
      });
    }
    const { roleArn, audience, region, sessionName, durationSeconds, name } = node;
    const credentials = await exchangeGithubToken(ctx.env, { roleArn, audience, region, sessionName, durationSeconds, name });
    return { credentials, via: 'refreshed' };
  },
};

// ---- config row ----------------------------------------------------------------------------------------------

const DEFAULT_AUDIENCE = 'sts.amazonaws.com';
/** The STS region of a github/oidc provider that names none: us-east-1, as Atmos does. */
export const DEFAULT_GITHUB_OIDC_REGION = 'us-east-1';

function providerSchema({ z, region, roleArn, roleSessionName, roleDuration }: SchemaKit) {
  return z.strictObject({
    kind: z.literal('github/oidc'),
    /** Optional, as in Atmos: STS region of the exchange, default us-east-1. */
    region: region.optional(),
    /** Optional: Atmos puts the role on an aws/assume-role identity that goes via this provider instead. */
    role_arn: roleArn.optional(),
    audience: z.string().min(1).optional(),
    session_name: roleSessionName.optional(),
    duration: roleDuration.optional(),
    /** Atmos writes the audience as spec.audience. */
    spec: z.strictObject({ audience: z.string().min(1).optional() }).optional(),
  });
}
type ProviderInput = import('zod').infer<ReturnType<typeof providerSchema>>;

export const githubOidcProviderRow: ConfigRow<GithubOidcProvider> = {
  schema: providerSchema,
  toModel: (p: ProviderInput, { name }) => ({
    kind: p.kind, name, region: p.region ?? DEFAULT_GITHUB_OIDC_REGION, ...optional('roleArn', p.role_arn),
    audience: p.audience ?? p.spec?.audience ?? DEFAULT_AUDIENCE,
    ...optional('sessionName', p.session_name), ...optional('durationSeconds', seconds(p.duration)),
  }),
};
