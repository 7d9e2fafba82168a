// The answers of injected faults (throttle, server-error, access-denied) in each operation's protocol.
import { authorize } from './browser.ts';
import type { EmulatorRequest, EmulatorState } from './state.ts';
import type { Route } from './router.ts';
import { jsonError, oidcError, page, portalError, queryError } from './wire.ts';
import type { WireResponse } from './wire.ts';

/** The kinds of fault that are answered (slow and drop are handled by the server). */
export type AnsweredFault = 'throttle' | 'server-error' | 'access-denied';

function deniedMessage(route: Route, principalArn: string | undefined): string {
  return `User: ${principalArn ?? 'anonymous'} is not authorized to perform: ${route.op} on resource: * with an explicit deny`;
}

/** The error a real service answers for `fault` on `route`. */
export function faultResponse(
  state: EmulatorState,
  req: EmulatorRequest,
  route: Route,
  fault: AnsweredFault,
  principalArn?: string,
): WireResponse {
  switch (route.protocol) {
    case 'sso-oidc':
      if (fault === 'throttle') return oidcError(429, 'TooManyRequestsException', 'too_many_requests', 'Rate exceeded');
      if (fault === 'server-error') return oidcError(500, 'InternalServerException', 'server_error', 'Internal error');
      return oidcError(400, 'AccessDeniedException', 'access_denied', 'You do not have access to this application');
    case 'sso':
      if (fault === 'throttle') return portalError(429, 'TooManyRequestsException', 'Too many requests');
      if (fault === 'server-error') return portalError(500, 'InternalServerException', 'Internal error');
      return portalError(403, 'ForbiddenException', 'No access');
    case 'json':
      if (fault === 'throttle') return jsonError(400, 'ThrottlingException', 'Rate exceeded');
      if (fault === 'server-error') return jsonError(500, 'ServerException', 'Internal error');
      return jsonError(400, 'AccessDeniedException', deniedMessage(route, principalArn));
    case 'query':
      if (fault === 'throttle') return queryError(400, 'Throttling', 'Rate exceeded');
      if (fault === 'server-error') return queryError(500, 'InternalFailure', 'Internal error');
      return queryError(403, 'AccessDenied', deniedMessage(route, principalArn));
    case 'github':
      if (fault === 'throttle') return { status: 429, headers: { 'content-type': 'application/json' }, body: '{"message":"rate limited"}' };
      if (fault === 'server-error') return { status: 500, headers: { 'content-type': 'application/json' }, body: '{"message":"server error"}' };
      return { status: 403, headers: { 'content-type': 'application/json' }, body: '{"message":"Resource not accessible by integration"}' };
    case 'browser':
      if (fault === 'access-denied' && route.op === 'sso-oidc:Authorize') return authorize(state, req, true);
      if (fault === 'throttle') return page(429, 'Too many requests');
      if (fault === 'server-error') return page(500, 'Internal error');
      return page(403, 'Access denied');
  }
}
