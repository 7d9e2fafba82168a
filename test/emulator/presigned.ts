// Query-signed (presigned) requests, as the EKS token carries one: the SigV4 parameters in the URL, the signature
// verified with the principal's secret key (unlike header-signed calls, whose signatures the emulator trusts), and
// the URL refused once X-Amz-Date + X-Amz-Expires has passed.
import { createHash, createHmac } from 'node:crypto';
import { parseAmzDate } from './caller.ts';
import type { Caller } from './caller.ts';
import type { EmulatorRequest, EmulatorState } from './state.ts';
import { queryError } from './wire.ts';
import type { WireResponse } from './wire.ts';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const hmac = (key: string | Buffer, text: string) => createHmac('sha256', key).update(text).digest();
const encode = (text: string) => encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** True when the request carries its signature in the query string. */
export function isPresigned(req: EmulatorRequest): boolean {
  return req.url.searchParams.has('X-Amz-Signature');
}

function header(req: EmulatorRequest, name: string): string {
  const value = req.headers[name];
  return (Array.isArray(value) ? value.join(',') : (value ?? '')).trim().replace(/\s+/g, ' ');
}

/** The SigV4 signature of a query-signed request, computed with `secret`. */
export function presignedSignature(req: EmulatorRequest, secret: string): string {
  const params = [...req.url.searchParams].filter(([k]) => k !== 'X-Amz-Signature');
  const query = params.map(([k, v]) => [encode(k), encode(v)] as const).sort(([a, x], [b, y]) => (a === b ? (x < y ? -1 : 1) : a < b ? -1 : 1));
  const signedHeaders = (req.url.searchParams.get('X-Amz-SignedHeaders') ?? '').split(';');
  const canonical = [
    req.method,
    req.url.pathname.split('/').map(encode).join('/') || '/',
    query.map(([k, v]) => `${k}=${v}`).join('&'),
    signedHeaders.map((name) => `${name}:${header(req, name)}\n`).join(''),
    signedHeaders.join(';'),
    sha256(req.body),
  ].join('\n');
  const [, date, region, service] = (req.url.searchParams.get('X-Amz-Credential') ?? '').split('/');
  const scope = `${date}/${region}/${service}/aws4_request`;
  const toSign = ['AWS4-HMAC-SHA256', req.url.searchParams.get('X-Amz-Date'), scope, sha256(canonical)].join('\n');
  const key = hmac(hmac(hmac(hmac(`AWS4${secret}`, date ?? ''), region ?? ''), service ?? ''), 'aws4_request');
  return createHmac('sha256', key).update(toSign).digest('hex');
}

/** The verified caller of a query-signed awsQuery request, or STS's error answer. */
export function authenticatePresigned(state: EmulatorState, req: EmulatorRequest): Caller | WireResponse {
  const q = req.url.searchParams;
  const [accessKeyId = '', , region = ''] = (q.get('X-Amz-Credential') ?? '').split('/');
  if (q.get('X-Amz-Algorithm') !== 'AWS4-HMAC-SHA256') return queryError(400, 'IncompleteSignature', 'X-Amz-Algorithm must be AWS4-HMAC-SHA256');
  const principal = state.principals.get(accessKeyId);
  if (!principal) return queryError(403, 'InvalidClientTokenId', 'The security token included in the request is invalid.');
  if (principal.sessionToken !== undefined && q.get('X-Amz-Security-Token') !== principal.sessionToken) {
    return queryError(403, 'InvalidClientTokenId', 'The security token included in the request is invalid.');
  }
  const signedAt = parseAmzDate(q.get('X-Amz-Date') ?? undefined);
  const expires = Number(q.get('X-Amz-Expires'));
  if (signedAt === undefined || !Number.isInteger(expires) || expires < 1 || expires > 604_800) {
    return queryError(400, 'AuthorizationQueryParametersError', 'X-Amz-Date and X-Amz-Expires must be given');
  }
  if (state.now() > signedAt + expires * 1000 + 15 * 60_000 || state.now() < signedAt - 15 * 60_000) {
    // STS honours a presigned GetCallerIdentity for 15 minutes past its signing time, as EKS relies on
    return queryError(403, 'ExpiredToken', 'Request has expired');
  }
  if (principal.expiresAt !== undefined && principal.expiresAt <= state.now()) return queryError(400, 'ExpiredToken', 'The security token included in the request is expired');
  if (presignedSignature(req, principal.secretAccessKey) !== q.get('X-Amz-Signature')) {
    return queryError(403, 'SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided.');
  }
  return { principal, region };
}
