// aws/assume-role: one STS AssumeRole with the parent link's credentials; chains of any depth are built link by link.
import type { AssumeRoleIdentity } from '../../config/model.ts';
import { EcrAuthError } from '../../errors.ts';
import type { GithubOidcProvider, ResolvedConfig, SamlProvider } from '../../config/model.ts';
import { exchangeGithubToken } from './github-oidc.ts';
import { type CredentialKind, INTERACTIVE_LOCK_TIMEOUT_MS, type KindKeys, roleAccount, rolePrincipal, type SessionHooks, sessionNameFor } from './kind.ts';
import { own } from '../../config/names.ts';
import { type ConfigRow, envEntries, identityVia, optional, seconds } from '../../config/kind-row.ts';
import type { SchemaKit } from '../../config/schema.ts';

/** The GitHub OIDC provider (without a role of its own) whose token this identity exchanges, Atmos-style. */
function githubTokenProvider(node: AssumeRoleIdentity, config: ResolvedConfig): GithubOidcProvider | undefined {
  const provider = 'provider' in node.via ? own(config.providers, node.via.provider) : undefined;
  return provider?.kind === 'github/oidc' && provider.roleArn === undefined ? provider : undefined;
}

/** The aws/saml provider (without a role of its own) whose assertion yields this identity's role, Atmos-style. */
function samlRoleProvider(node: AssumeRoleIdentity, config: ResolvedConfig): SamlProvider | undefined {
  const provider = 'provider' in node.via ? own(config.providers, node.via.provider) : undefined;
  return provider?.kind === 'aws/saml' && provider.roleArn === undefined ? provider : undefined;
}

export const assumeRoleKeys: KindKeys<AssumeRoleIdentity> = {
  kind: 'aws/assume-role',
  // a root link (no parent link) builds on the token or assertion of the provider it goes via
  linkKey: (node, parentKey) => [
    'ar', parentKey ?? '', node.roleArn, node.externalId ?? '', node.sessionName ?? '', String(node.durationSeconds ?? ''),
    ...(node.mfaSerial ? [`mfa=${node.mfaSerial}`] : []),
  ].join('|'),
};

export const assumeRoleSession: SessionHooks<AssumeRoleIdentity> = {
  detail: (node) => (node.mfaSerial ? `${node.roleArn}  MFA ${node.mfaSerial}` : node.roleArn),
  principal: (node) => rolePrincipal(node.roleArn),
};

export const assumeRoleKind: CredentialKind<AssumeRoleIdentity> = {
  account: roleAccount,
  cacheable: true,
  // an MFA prompt or a browser sign-in (Atmos-style SAML) may happen under this link's lock
  lockTimeoutMs: (node, config) => (node.mfaSerial || samlRoleProvider(node, config) ? INTERACTIVE_LOCK_TIMEOUT_MS : undefined),
  region: (node, { parentRegion, config }) =>
    node.region ?? parentRegion ?? githubTokenProvider(node, config)?.region ?? samlRoleProvider(node, config)?.region,
  async obtain(node, { ctx, config, parent, parentRegion }) {
    const saml = samlRoleProvider(node, config);
    if (!parent && saml) {
      const { samlCredentials } = await import('../../saml/exchange.ts');
      const credentials = await samlCredentials(ctx, { provider: saml, roleArn: node.roleArn, name: node.name, ...(node.durationSeconds ? { durationSeconds: node.durationSeconds } : {}) });
      return { credentials, via: 'login' };
    }
    // loaded only when credentials are obtained, never on a cache hit
    const { assumeRole, DEFAULT_STS_REGION } = await import('../../aws/sts.ts');
    const github = githubTokenProvider(node, config);
    if (!parent && github) {
      const { roleArn, sessionName, durationSeconds, name } = node;
      const region = node.region ?? github.region;
      return { credentials: await exchangeGithubToken(ctx.env, { audience: github.audience, region, roleArn, sessionName, durationSeconds, name }), via: 'refreshed' };
    }
    const provider = 'provider' in node.via ? config.providers[node.via.provider] : undefined;
    if (!parent && provider?.kind === 'aws/iam-identity-center') {
      throw new EcrAuthError('E_CONFIG', `identity "${node.name}" assumes ${node.roleArn} straight from the IAM Identity Center provider "${provider.name}", which cannot work: ` +
        'the provider yields an SSO access token, not AWS credentials, so there is nothing to call sts:AssumeRole with ' +
        '(Atmos accepts this config too, and fails the same way when it signs in)', {
        hint: `add an aws/permission-set identity via "${provider.name}" and give "${node.name}" \`via: { identity: <that identity> }\``,
      });
    }
    if (!parent) {
      throw new EcrAuthError('E_CONFIG', `identity "${node.name}" has no parent credentials to assume ${node.roleArn} with`, {
        hint: 'give it `via: { identity: ... }` or `via: { provider: ... }` of kind aws/ambient, github/oidc or aws/saml',
      });
    }
    let mfa: { serialNumber: string; tokenCode: string } | undefined;
    if (node.mfaSerial) {
      const { obtainMfaCode } = await import('../../secret-input/mfa-code.ts');
      const tokenCode = await obtainMfaCode(ctx, { serial: node.mfaSerial, identity: node.name, ...(node.mfaCommand ? { command: node.mfaCommand } : {}) });
      mfa = { serialNumber: node.mfaSerial, tokenCode };
    }
    const credentials = await assumeRole(ctx.env, {
      region: node.region ?? parentRegion ?? DEFAULT_STS_REGION,
      credentials: parent,
      roleArn: node.roleArn,
      sessionName: node.sessionName ?? sessionNameFor(node.name),
      ...(node.externalId ? { externalId: node.externalId } : {}),
      ...(node.durationSeconds ? { durationSeconds: node.durationSeconds } : {}),
      ...(mfa ? { mfa } : {}),
      identity: node.name,
    }).catch(async (error) => {
      if (!mfa) throw error;
      const { mfaRejected } = await import('../../secret-input/mfa-code.ts');
      throw mfaRejected(error, node.name, mfa.serialNumber);
    });
    return { credentials, via: mfa ? 'login' : 'refreshed' };
  },
};

// ---- config row ----------------------------------------------------------------------------------------------

function identitySchema({ z, via, region, roleArn, roleDuration, roleSessionName, mfaSerial, command, identityCommon }: SchemaKit) {
  return z.strictObject({
    kind: z.literal('aws/assume-role'),
    via: via.optional(),
    principal: z.strictObject({
      assume_role: roleArn,
      external_id: z.string().min(2).max(1224).optional(),
      duration: roleDuration.optional(),
      session_name: roleSessionName.optional(),
      /** Atmos also accepts the MFA device inside principal. */
      mfa_arn: mfaSerial.optional(),
      /** Atmos: STS region of the AssumeRole call and AWS_REGION. */
      region: region.optional(),
    }),
    /** Atmos: session.duration, the same as principal.duration. */
    session: z.strictObject({ duration: roleDuration.optional() }).optional(),
    /** The MFA device whose code goes into AssumeRole (SerialNumber + TokenCode). */
    mfa_arn: mfaSerial.optional(),
    mfa_command: command.optional(),
    ...identityCommon,
  });
}
type IdentityInput = import('zod').infer<ReturnType<typeof identitySchema>>;

export const assumeRoleIdentityRow: ConfigRow<AssumeRoleIdentity> = {
  schema: identitySchema,
  toModel: (i: IdentityInput, { name, path, issues }) => {
    const to = identityVia(i, path, issues);
    if (to === undefined) return undefined;
    return {
      kind: i.kind, name, via: to, roleArn: i.principal.assume_role,
      ...optional('externalId', i.principal.external_id),
      ...optional('durationSeconds', seconds(i.principal.duration ?? i.session?.duration)),
      ...optional('sessionName', i.principal.session_name),
      ...optional('mfaSerial', i.mfa_arn ?? i.principal.mfa_arn), ...optional('mfaCommand', i.mfa_command),
      ...optional('region', i.principal.region ?? i.region), default: i.default ?? false, ...optional('env', envEntries(i.env)),
    };
  },
};
