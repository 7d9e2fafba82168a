// The SSO portal (restJson1, bearer header x-amz-sso_bearer_token): GetRoleCredentials, ListAccounts,
// ListAccountRoles (paginated with max_result / next_token) and Logout.
import { createHash } from 'node:crypto';
import type { EmulatorRequest, EmulatorState } from './state.ts';
import { json, portalError } from './wire.ts';
import type { WireResponse } from './wire.ts';

/** The user name SSO role sessions are named after. */
export const SSO_USER = 'emulator-user';

const unauthorized = () => portalError(401, 'UnauthorizedException', 'Session token not found or invalid');
const noAccess = () => portalError(403, 'ForbiddenException', 'No access');
const invalid = (message: string) => portalError(400, 'InvalidRequestException', message);

function bearer(req: EmulatorRequest): string | undefined {
  const value = req.headers['x-amz-sso_bearer_token'];
  return Array.isArray(value) ? value[0] : value;
}

/** The IAM role IAM Identity Center creates for a permission set: AWSReservedSSO_<name>_<16 hex>. */
export function reservedRoleName(account: string, permissionSet: string): string {
  const suffix = createHash('sha256').update(`${account}/${permissionSet}`).digest('hex').slice(0, 16);
  return `AWSReservedSSO_${permissionSet}_${suffix}`;
}

/** One page of `items` per max_result / next_token (`scope` binds a token to its listing). */
function paginate<T>(state: EmulatorState, req: EmulatorRequest, items: T[], scope: string): { page: T[]; nextToken?: string } | WireResponse {
  const q = req.url.searchParams;
  const max = q.has('max_result') ? Number(q.get('max_result')) : state.options.accountsPageSize;
  if (!Number.isInteger(max) || max < 1) return invalid('max_result must be a positive integer');
  const size = Math.min(max, state.options.accountsPageSize);
  let offset = 0;
  const token = q.get('next_token');
  if (token !== null) {
    const [tokenScope, tokenOffset] = Buffer.from(token, 'base64url').toString('utf8').split('|');
    offset = Number(tokenOffset);
    if (tokenScope !== scope || !Number.isInteger(offset) || offset < 0) return invalid('Invalid nextToken');
  }
  const end = offset + size;
  const nextToken = end < items.length ? Buffer.from(`${scope}|${end}`).toString('base64url') : undefined;
  return { page: items.slice(offset, end), nextToken };
}

/** GET /federation/credentials?account_id=&role_name= */
export function getRoleCredentials(state: EmulatorState, req: EmulatorRequest): WireResponse {
  if (!state.tokens.accessTokenValid(state.now(), bearer(req))) return unauthorized();
  const accountId = req.url.searchParams.get('account_id');
  const roleName = req.url.searchParams.get('role_name');
  if (!accountId || !roleName) return invalid('account_id and role_name are required');
  const account = state.options.accounts.find((a) => a.id === accountId);
  if (!account || !account.roles.includes(roleName)) return noAccess();
  const expiresAt = state.now() + state.options.roleCredentialsTtlSeconds * 1000;
  const principal = state.principals.issueRoleSession(accountId, reservedRoleName(accountId, roleName), SSO_USER, expiresAt);
  return json({
    roleCredentials: {
      accessKeyId: principal.accessKeyId,
      secretAccessKey: principal.secretAccessKey,
      sessionToken: principal.sessionToken,
      expiration: expiresAt,
    },
  });
}

/** GET /assignment/accounts */
export function listAccounts(state: EmulatorState, req: EmulatorRequest): WireResponse {
  if (!state.tokens.accessTokenValid(state.now(), bearer(req))) return unauthorized();
  const accounts = state.options.accounts.map((a) => ({
    accountId: a.id,
    accountName: a.name,
    emailAddress: a.email ?? `${a.name}@example.com`,
  }));
  const result = paginate(state, req, accounts, 'accounts');
  if ('status' in result) return result;
  return json({ accountList: result.page, nextToken: result.nextToken });
}

/** GET /assignment/roles?account_id= */
export function listAccountRoles(state: EmulatorState, req: EmulatorRequest): WireResponse {
  if (!state.tokens.accessTokenValid(state.now(), bearer(req))) return unauthorized();
  const accountId = req.url.searchParams.get('account_id');
  if (!accountId) return invalid('account_id is required');
  const account = state.options.accounts.find((a) => a.id === accountId);
  if (!account) return noAccess();
  const roles = account.roles.map((roleName) => ({ roleName, accountId }));
  const result = paginate(state, req, roles, `roles:${accountId}`);
  if ('status' in result) return result;
  return json({ roleList: result.page, nextToken: result.nextToken });
}

/** POST /logout */
export function logout(state: EmulatorState, req: EmulatorRequest): WireResponse {
  const token = bearer(req);
  if (!token || !state.tokens.accessTokenValid(state.now(), token)) return unauthorized();
  state.tokens.logout(token);
  return { status: 200, body: '' };
}
