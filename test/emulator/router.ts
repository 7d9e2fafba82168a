// Which operation a request is: by method and path (restJson, browser pages, GitHub), by X-Amz-Target
// (awsJson1_1) or by the form's Action (awsQuery), all on one port.
import { authorize, verifyDevice } from './browser.ts';
import type { Caller } from './caller.ts';
import * as codeartifact from './codeartifact.ts';
import { getAuthorizationToken, getPublicAuthorizationToken } from './ecr.ts';
import { describeCluster } from './eks.ts';
import { githubIdToken } from './github.ts';
import { createToken, registerClient, startDeviceAuthorization } from './sso-oidc.ts';
import { getRoleCredentials, listAccountRoles, listAccounts, logout } from './sso-portal.ts';
import type { EmulatorRequest, EmulatorState } from './state.ts';
import { assumeRole, assumeRoleWithWebIdentity, getCallerIdentity } from './sts.ts';
import { getSessionToken } from './mfa.ts';
import { assumeRoleWithSaml, IDP_APP_PATH, idpLoginPage, idpSignIn } from './saml.ts';
import type { OpName } from './types.ts';
import { jsonError, queryError } from './wire.ts';
import type { Protocol, WireResponse } from './wire.ts';

/** An operation: its name, the protocol of its errors, whether it needs a SigV4 caller, and its handler. */
export interface Route {
  op: OpName;
  protocol: Protocol;
  signed: boolean;
  handle(state: EmulatorState, req: EmulatorRequest, caller?: Caller): WireResponse;
}

type Handler = Route['handle'];

const unsigned = (op: OpName, protocol: Protocol, handle: Handler): Route => ({ op, protocol, signed: false, handle });
const signed = (op: OpName, protocol: Protocol, handle: (s: EmulatorState, r: EmulatorRequest, c: Caller) => WireResponse): Route => ({
  op,
  protocol,
  signed: true,
  handle: (s, r, c) => handle(s, r, c!),
});

const PATHS: Record<string, Route> = {
  'POST /client/register': unsigned('sso-oidc:RegisterClient', 'sso-oidc', registerClient),
  'POST /device_authorization': unsigned('sso-oidc:StartDeviceAuthorization', 'sso-oidc', startDeviceAuthorization),
  'POST /token': unsigned('sso-oidc:CreateToken', 'sso-oidc', createToken),
  'GET /authorize': unsigned('sso-oidc:Authorize', 'browser', (s, r) => authorize(s, r)),
  'GET /device': unsigned('sso-oidc:VerifyDevice', 'browser', verifyDevice),
  'GET /federation/credentials': unsigned('sso:GetRoleCredentials', 'sso', getRoleCredentials),
  'GET /assignment/accounts': unsigned('sso:ListAccounts', 'sso', listAccounts),
  'GET /assignment/roles': unsigned('sso:ListAccountRoles', 'sso', listAccountRoles),
  'POST /logout': unsigned('sso:Logout', 'sso', logout),
  'GET /_github/token': unsigned('github:IdToken', 'github', githubIdToken),
  [`GET ${IDP_APP_PATH}`]: unsigned('idp:LoginPage', 'browser', idpLoginPage),
  [`POST ${IDP_APP_PATH}`]: unsigned('idp:SignIn', 'browser', idpSignIn),
  'POST /v1/authorization-token': signed('codeartifact:GetAuthorizationToken', 'json', codeartifact.getAuthorizationToken),
  'GET /v1/repository/endpoint': signed('codeartifact:GetRepositoryEndpoint', 'json', codeartifact.getRepositoryEndpoint),
};

const DESCRIBE_CLUSTER = signed('eks:DescribeCluster', 'json', describeCluster);

const TARGETS: Record<string, Route> = {
  'AmazonEC2ContainerRegistry_V20150921.GetAuthorizationToken': signed('ecr:GetAuthorizationToken', 'json', getAuthorizationToken),
  'SpencerFrontendService.GetAuthorizationToken': signed('ecr-public:GetAuthorizationToken', 'json', (s, _r, c) =>
    getPublicAuthorizationToken(s, c),
  ),
};

const form = (req: EmulatorRequest) => new URLSearchParams(req.body);

const ACTIONS: Record<string, Route> = {
  AssumeRole: signed('sts:AssumeRole', 'query', (s, r, c) => assumeRole(s, form(r), c)),
  AssumeRoleWithWebIdentity: unsigned('sts:AssumeRoleWithWebIdentity', 'query', (s, r) => assumeRoleWithWebIdentity(s, form(r))),
  GetCallerIdentity: signed('sts:GetCallerIdentity', 'query', (_s, _r, c) => getCallerIdentity(c)),
  AssumeRoleWithSAML: unsigned('sts:AssumeRoleWithSAML', 'query', (s, r) => assumeRoleWithSaml(s, form(r))),
  GetSessionToken: signed('sts:GetSessionToken', 'query', (s, r, c) => getSessionToken(s, form(r), c)),
};

/** The route of a request, or the error answer for a request no operation matches. */
export function route(req: EmulatorRequest): Route | WireResponse {
  const byPath = PATHS[`${req.method} ${req.url.pathname}`];
  if (byPath) return byPath;
  if (req.method === 'GET' && /^\/clusters\/[^/]+$/.test(req.url.pathname)) return DESCRIBE_CLUSTER;
  if (req.method === 'GET' && req.url.pathname === '/' && req.url.searchParams.has('Action')) {
    // a presigned awsQuery call (the EKS token is a presigned GetCallerIdentity URL)
    const action = req.url.searchParams.get('Action')!;
    return ACTIONS[action] ?? queryError(400, 'InvalidAction', `The emulator does not implement the action ${action}`);
  }
  if (req.method === 'POST' && req.url.pathname === '/') {
    const target = req.headers['x-amz-target'];
    if (typeof target === 'string') {
      return TARGETS[target] ?? jsonError(400, 'UnknownOperationException', `The emulator does not implement ${target}`);
    }
    const action = form(req).get('Action');
    if (action !== null) {
      return ACTIONS[action] ?? queryError(400, 'InvalidAction', `The emulator does not implement the action ${action}`);
    }
  }
  return jsonError(404, 'UnknownOperationException', `The emulator has no route for ${req.method} ${req.url.pathname}`);
}
