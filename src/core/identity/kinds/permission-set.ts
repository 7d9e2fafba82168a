// aws/permission-set: an IAM Identity Center token (cached, refreshed or logged in) traded for role credentials.
// When the portal rejects the token (revoked or expired session), the token is refreshed or re-acquired once.
import type { PermissionSetIdentity, SsoProvider } from '../../config/model.ts';
import { EcrAuthError, isEcrAuthError } from '../../errors.ts';
import type { CredentialKind, KindKeys, LinkInput, SessionHooks } from './kind.ts';
import { own } from '../../config/names.ts';
import { accountId, type ConfigRow, envEntries, identityVia, optional } from '../../config/kind-row.ts';
import { type IssueList, joinPath } from '../../config/issues.ts';
import type { AccountRef } from '../../config/model.ts';
import type { SchemaKit } from '../../config/schema.ts';

/** What obtaining credentials needs (SSO token, portal, account lookup): loaded only then, not on a cache hit. */
const networkModules = () =>
  Promise.all([import('../../aws/sso-portal.ts'), import('../../sso/ensure-token.ts'), import('../account-id.ts')]);

function providerOf(node: PermissionSetIdentity, input: Pick<LinkInput, 'config'>): SsoProvider {
  const provider = own(input.config.providers, node.via.provider);
  if (provider?.kind !== 'aws/iam-identity-center') {
    throw new EcrAuthError('E_CONFIG', `identity "${node.name}" needs an aws/iam-identity-center provider, got "${node.via.provider}"`, {
      hint: 'point `via.provider` at a provider of kind aws/iam-identity-center',
    });
  }
  return provider;
}

/** Puts the identity's name into a "log in first" hint written for any identity. */
function namingIdentity(error: unknown, identity: string): never {
  if (isEcrAuthError(error, 'E_SSO_LOGIN_REQUIRED') && error.hint?.includes('<identity>')) {
    throw new EcrAuthError(error.code, error.message, { hint: error.hint.replaceAll('<identity>', identity), cause: error.cause });
  }
  throw error;
}

export const permissionSetKeys: KindKeys<PermissionSetIdentity> = {
  kind: 'aws/permission-set',
  linkKey(node, _parentKey, _env, config) {
    const provider = own(config.providers, node.via.provider);
    const start = provider?.kind === 'aws/iam-identity-center' ? provider.startUrl : node.via.provider;
    return `ps|${start}|${'id' in node.account ? node.account.id : `name:${node.account.name}`}|${node.permissionSet}`;
  },
};

export const permissionSetSession: SessionHooks<PermissionSetIdentity> = {
  detail: ({ account, permissionSet }) => `${permissionSet} in ${'id' in account ? (account.name ? `${account.name} (${account.id})` : account.id) : account.name}`,
  principal: ({ account, permissionSet }) => ({
    ...('id' in account ? { account: account.id } : {}),
    ...('name' in account && account.name !== undefined ? { accountName: account.name } : {}),
    role: permissionSet,
  }),
  async whoami(ctx, node, known) {
    // an account given by name: its id as the last sign-in looked it up (the `accounts` cache of account-id.ts)
    const provider = own(ctx.config.providers, node.via.provider);
    if (known.account !== undefined || known.accountName === undefined || provider?.kind !== 'aws/iam-identity-center') return {};
    const looked = await ctx.store.read<{ accountId?: string }>('accounts', `${provider.startUrl}|${known.accountName}`);
    return looked?.accountId ? { account: looked.accountId } : {};
  },
};

export const permissionSetKind: CredentialKind<PermissionSetIdentity> = {
  account: ({ account }) => ('id' in account ? account.id : account.name),
  cacheable: true,
  region: (node, input) => node.region ?? providerOf(node, input).region,
  async obtain(node, input) {
    const { ctx, store } = input;
    const provider = providerOf(node, input);
    const [{ getRoleCredentials, isUnauthorizedSsoError }, { ensureSsoToken, invalidateSsoToken }, { resolveAccountId }] = await networkModules();
    const attempt = async (accessToken: string) => {
      const accountId = await resolveAccountId(ctx.env, store, provider, node.account, accessToken, node.name);
      return getRoleCredentials(ctx.env, {
        region: provider.region,
        accessToken,
        accountId,
        roleName: node.permissionSet,
        identity: node.name,
      });
    };
    let token = await ensureSsoToken(ctx, provider).catch((error) => namingIdentity(error, node.name));
    try {
      return { credentials: await attempt(token.accessToken), via: token.source === 'login' ? 'login' : 'refreshed' };
    } catch (error) {
      if (!isUnauthorizedSsoError(error)) throw error;
      ctx.log.verbose(`the SSO session of ${provider.name} was rejected by the portal; refreshing it`);
      await invalidateSsoToken(ctx, provider);
      token = await ensureSsoToken(ctx, provider, { forceRefresh: true }).catch((e) => namingIdentity(e, node.name));
      try {
        return { credentials: await attempt(token.accessToken), via: token.source === 'login' ? 'login' : 'refreshed' };
      } catch (again) {
        if (!isUnauthorizedSsoError(again)) throw again;
        throw new EcrAuthError('E_SSO_EXPIRED', `the IAM Identity Center session of "${provider.name}" was rejected (expired or revoked)`, {
          hint: `run \`ecr-auth login ${node.name}\` to sign in again`,
          cause: again,
        });
      }
    }
  },
};

// ---- config row ----------------------------------------------------------------------------------------------

function identitySchema({ z, via, region, accountRef, identityCommon }: SchemaKit) {
  return z.strictObject({
    kind: z.literal('aws/permission-set'),
    via: via.optional(),
    principal: z
      .strictObject({
        name: z.string().min(1).optional(),
        /** Written in some Atmos examples for name. */
        permission_set: z.string().min(1).optional(),
        account: accountRef,
        /** Atmos: region of the identity (AWS_REGION). */
        region: region.optional(),
      })
      .refine((p) => p.name !== undefined || p.permission_set !== undefined, {
        error: 'needs the permission set name', path: ['name'], params: { expected: 'principal.name: the permission set, like AdministratorAccess' },
      }),
    ...identityCommon,
  });
}
type IdentityInput = import('zod').infer<ReturnType<typeof identitySchema>>;

function account(ref: IdentityInput['principal']['account'], path: string, issues: IssueList): AccountRef {
  if (typeof ref === 'string') return /^\d{12}$/.test(ref) ? { id: ref } : { name: ref };
  // both given (what Atmos's SSO auto-provisioning writes): the id is used, the name kept for display
  if ('id' in ref) return { id: accountId(ref.id, joinPath(path, 'id'), issues), ...optional('name', ref.name) };
  return /^\d{12}$/.test(ref.name) ? { id: ref.name } : { name: ref.name };
}

export const permissionSetIdentityRow: ConfigRow<PermissionSetIdentity> = {
  schema: identitySchema,
  toModel: (i: IdentityInput, { name, path, issues }) => {
    const to = identityVia(i, path, issues);
    if (to === undefined) return undefined;
    if (!('provider' in to)) {
      issues.error(
        joinPath(path, 'via', 'identity'),
        'an aws/permission-set identity signs in through an IAM Identity Center provider, not another identity',
        '{ provider: NAME } naming an aws/iam-identity-center provider',
      );
      return undefined;
    }
    if (i.principal.name !== undefined && i.principal.permission_set !== undefined) {
      issues.warn(joinPath(path, 'principal', 'permission_set'), 'is ignored: principal.name is given');
    } else if (i.principal.name === undefined) {
      issues.warn(joinPath(path, 'principal', 'permission_set'), 'is read as principal.name (the key Atmos reads at run time)');
    }
    return {
      kind: i.kind, name, via: { provider: to.provider }, permissionSet: (i.principal.name ?? i.principal.permission_set)!,
      account: account(i.principal.account, joinPath(path, 'principal', 'account'), issues),
      ...optional('region', i.principal.region ?? i.region), default: i.default ?? false, ...optional('env', envEntries(i.env)),
    };
  },
};
