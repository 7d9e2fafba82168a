// `whoami`: who an identity is signed in as, from the caches only (never an AWS call, never the SDK): the identity,
// its kind, account and role as the config and the cached credentials tell them, the region and the expiry.
import { isFresh } from '../cache/freshness.ts';
import type { Identity, Provider } from '../config/model.ts';
import type { CoreContext } from '../context.ts';
import { CREDENTIALS_NAMESPACE, type CachedCredentials } from '../identity/ensure-chain.ts';
import { chainOf, subjectFor, subjectKey, subjectName } from '../identity/subject.ts';
import { readSsoTokenStatus } from '../sso/ensure-token.ts';
import type { WhoamiReport } from '../session-types.ts';

const ROLE_ARN = /^arn:(aws[a-z-]*):iam::(\d{12}):role\/(.+)$/;

/** Account, role and ARN as far as the config says them (no call to STS GetCallerIdentity). */
function principalOf(node: Provider | Identity): Pick<WhoamiReport, 'account' | 'accountName' | 'role' | 'roleArn'> {
  if (node.kind === 'aws/permission-set') {
    const { account } = node;
    return {
      ...('id' in account ? { account: account.id } : {}),
      ...('name' in account && account.name !== undefined ? { accountName: account.name } : {}),
      role: node.permissionSet,
    };
  }
  const arn = node.kind === 'aws/assume-role' ? node.roleArn : node.kind === 'github/oidc' ? node.roleArn : undefined;
  const match = arn === undefined ? null : ROLE_ARN.exec(arn);
  return match ? { account: match[2]!, role: match[3]!, roleArn: arn! } : {};
}

/** What the caches say about the identity (the default one when none is named). */
export async function whoami(ctx: CoreContext, identity?: string): Promise<WhoamiReport> {
  const { config } = ctx;
  const subject = subjectFor(config, identity);
  const chain = chainOf(config, subject);
  const node = chain.at(-1)!;
  const key = subjectKey(config, subject, ctx.env);
  const base: Pick<WhoamiReport, 'identity' | 'kind' | 'chain' | 'account' | 'accountName' | 'role' | 'roleArn'> = {
    identity: subjectName(subject) ?? null, kind: node.kind, chain: chain.map((n) => n.name), ...principalOf(node),
  };
  if (key.startsWith('ambient|')) {
    const profile = ('profile' in node ? node.profile : undefined) ?? ctx.env.AWS_PROFILE;
    return {
      ...base, signedIn: ctx.env.AWS_ACCESS_KEY_ID !== undefined || profile !== undefined || ctx.env.AWS_WEB_IDENTITY_TOKEN_FILE !== undefined,
      source: 'environment', ...(profile ? { profile } : {}),
      ...(('region' in node && node.region) || ctx.env.AWS_REGION ? { region: (('region' in node && node.region) || ctx.env.AWS_REGION)! } : {}),
    };
  }
  const { store } = ctx;
  const cached = await store.read<CachedCredentials>(CREDENTIALS_NAMESPACE, key);
  // an account given by name: its id as the last sign-in looked it up (the `accounts` cache of account-id.ts)
  const root = chain[0];
  if (base.account === undefined && base.accountName !== undefined && root?.kind === 'aws/iam-identity-center') {
    const looked = await store.read<{ accountId?: string }>('accounts', `${root.startUrl}|${base.accountName}`);
    if (looked?.accountId) base.account = looked.accountId;
  }
  const expiresAt = cached?.credentials?.expiresAt;
  const sso = root?.kind === 'aws/iam-identity-center' ? await readSsoTokenStatus(ctx.env, root) : undefined;
  return {
    ...base,
    signedIn: cached !== undefined && isFresh(expiresAt, ctx.now(), 0),
    source: cached === undefined ? 'none' : 'cache',
    ...(cached?.region ? { region: cached.region } : {}),
    ...(expiresAt !== undefined ? { expiresAt } : {}),
    ...(cached ? { storedIn: store.pathOf(CREDENTIALS_NAMESPACE, key) } : {}),
    ...(sso ? { ssoSession: { provider: root!.name, expiresAt: sso.expiresAt, valid: isFresh(sso.expiresAt, ctx.now(), 0) } } : {}),
  };
}
