// Who signed a request: the SigV4 credential scope (access key id, region) checked against the known principals.
// Signatures are not verified; unknown keys, missing session tokens, expired credentials and (optionally)
// skewed signing times are rejected with each protocol's real error.
import type { Principal } from './principals.ts';
import type { EmulatorRequest, EmulatorState } from './state.ts';
import { jsonError, queryError } from './wire.ts';
import type { WireResponse } from './wire.ts';

/** The credential scope of a SigV4 Authorization header. */
export interface SigV4Scope {
  accessKeyId: string;
  date: string;
  region: string;
  service: string;
}

/** A signed request's caller. */
export interface Caller {
  principal: Principal;
  region: string;
}

/** Parses `AWS4-HMAC-SHA256 Credential=AKID/20240101/us-east-1/sts/aws4_request, ...`. */
export function parseSigV4(header: string | undefined): SigV4Scope | undefined {
  const match = /^AWS4-HMAC-SHA256\s+Credential=([^/\s]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request/.exec(header ?? '');
  return match ? { accessKeyId: match[1]!, date: match[2]!, region: match[3]!, service: match[4]! } : undefined;
}

/** Parses an X-Amz-Date value (20240101T120000Z) into epoch ms. */
export function parseAmzDate(value: string | undefined): number | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value ?? '');
  return m ? Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!) : undefined;
}

function header(req: EmulatorRequest, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

type Failure = 'missing' | 'skew' | 'unknown' | 'expired';

const QUERY_ERRORS: Record<Failure, [number, string, string]> = {
  missing: [403, 'MissingAuthenticationToken', 'Request is missing Authentication Token'],
  skew: [403, 'SignatureDoesNotMatch', 'Signature expired: the request signing time is too far from the server time'],
  unknown: [403, 'InvalidClientTokenId', 'The security token included in the request is invalid.'],
  expired: [400, 'ExpiredToken', 'The security token included in the request is expired'],
};

const JSON_ERRORS: Record<Failure, [number, string, string]> = {
  missing: [403, 'MissingAuthenticationTokenException', 'Missing Authentication Token'],
  skew: [400, 'InvalidSignatureException', 'Signature expired: the request signing time is too far from the server time'],
  unknown: [400, 'UnrecognizedClientException', 'The security token included in the request is invalid.'],
  expired: [400, 'ExpiredTokenException', 'The security token included in the request is expired'],
};

/** The principal named by a request's SigV4 scope, without any check (for the call log). */
export function claimedPrincipal(state: EmulatorState, req: EmulatorRequest): { principal?: Principal; region?: string } {
  const presigned = req.url.searchParams.get('X-Amz-Credential');
  const scope = presigned ? parseSigV4(`AWS4-HMAC-SHA256 Credential=${presigned}`) : parseSigV4(header(req, 'authorization'));
  return { principal: scope && state.principals.get(scope.accessKeyId), region: scope?.region };
}

/** The verified caller of a signed request, or the protocol's error answer. */
export function authenticate(state: EmulatorState, req: EmulatorRequest, protocol: 'json' | 'query'): Caller | WireResponse {
  const fail = (failure: Failure): WireResponse => {
    const [status, code, message] = (protocol === 'query' ? QUERY_ERRORS : JSON_ERRORS)[failure];
    return protocol === 'query' ? queryError(status, code, message) : jsonError(status, code, message);
  };
  const scope = parseSigV4(header(req, 'authorization'));
  if (!scope) return fail('missing');
  const maxSkew = state.options.maxSignatureSkewSeconds;
  if (maxSkew !== undefined) {
    const signedAt = parseAmzDate(header(req, 'x-amz-date'));
    if (signedAt === undefined || Math.abs(signedAt - state.now()) > maxSkew * 1000) return fail('skew');
  }
  const principal = state.principals.get(scope.accessKeyId);
  if (!principal) return fail('unknown');
  if (principal.sessionToken !== undefined && header(req, 'x-amz-security-token') !== principal.sessionToken) {
    return fail('unknown');
  }
  if (principal.expiresAt !== undefined && principal.expiresAt <= state.now()) return fail('expired');
  return { principal, region: scope.region };
}
