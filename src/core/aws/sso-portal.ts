// The IAM Identity Center portal API: role credentials for a permission set, and the accounts a user can reach.
// The SDK client is imported lazily so that the cache-hit path loads no AWS module.
import type { AwsCredentials } from '../credentials.ts';
import type { Env } from '../paths.ts';
import { toAwsError } from './aws-error.ts';
import { clientConfig } from './client-config.ts';

export interface PortalAccount {
  accountId: string;
  accountName: string;
}

/** True when the portal rejected the bearer token itself (expired or revoked SSO session). */
export function isUnauthorizedSsoError(error: unknown): boolean {
  const e = error as { name?: string; cause?: { name?: string }; $metadata?: { httpStatusCode?: number } };
  const inner = e?.cause ?? e;
  return inner?.name === 'UnauthorizedException' || (inner as typeof e)?.$metadata?.httpStatusCode === 401;
}

/** GetRoleCredentials: short-lived credentials for one permission set in one account. */
export async function getRoleCredentials(
  env: Env,
  input: { region: string; accessToken: string; accountId: string; roleName: string; identity?: string },
): Promise<AwsCredentials> {
  const { SSOClient, GetRoleCredentialsCommand } = await import('@aws-sdk/client-sso');
  const client = new SSOClient(clientConfig(env, 'sso', input.region));
  try {
    const out = await client.send(
      new GetRoleCredentialsCommand({ accessToken: input.accessToken, accountId: input.accountId, roleName: input.roleName }),
    );
    const c = out.roleCredentials;
    if (!c?.accessKeyId || !c.secretAccessKey) throw new Error('the portal answered without role credentials');
    if (c.expiration !== undefined && !Number.isFinite(Number(c.expiration))) throw new Error('the portal answered with an unreadable expiry');
    return {
      accessKeyId: c.accessKeyId,
      secretAccessKey: c.secretAccessKey,
      ...(c.sessionToken ? { sessionToken: c.sessionToken } : {}),
      ...(c.expiration ? { expiresAt: Number(c.expiration) } : {}),
    };
  } catch (error) {
    if (isUnauthorizedSsoError(error)) throw error;
    throw toAwsError(error, {
      operation: 'sso:GetRoleCredentials',
      identity: input.identity,
      account: input.accountId,
      region: input.region,
      target: `permission set ${input.roleName}`,
    });
  } finally {
    client.destroy();
  }
}

/** ListAccounts, every page: the accounts the SSO user is assigned to. */
export async function listAccounts(env: Env, input: { region: string; accessToken: string }): Promise<PortalAccount[]> {
  const { SSOClient, ListAccountsCommand } = await import('@aws-sdk/client-sso');
  const client = new SSOClient(clientConfig(env, 'sso', input.region));
  const accounts: PortalAccount[] = [];
  try {
    let nextToken: string | undefined;
    do {
      const page = await client.send(new ListAccountsCommand({ accessToken: input.accessToken, nextToken, maxResults: 100 }));
      for (const a of page.accountList ?? []) {
        if (a.accountId) accounts.push({ accountId: a.accountId, accountName: a.accountName ?? '' });
      }
      nextToken = page.nextToken || undefined;
    } while (nextToken);
    return accounts;
  } catch (error) {
    if (isUnauthorizedSsoError(error)) throw error;
    throw toAwsError(error, { operation: 'sso:ListAccounts', region: input.region });
  } finally {
    client.destroy();
  }
}

/** Logout: ends the portal session of an access token (best effort; the local token file is removed separately). */
export async function portalLogout(env: Env, input: { region: string; accessToken: string }): Promise<void> {
  const { SSOClient, LogoutCommand } = await import('@aws-sdk/client-sso');
  const client = new SSOClient(clientConfig(env, 'sso', input.region));
  try {
    await client.send(new LogoutCommand({ accessToken: input.accessToken }));
  } finally {
    client.destroy();
  }
}
