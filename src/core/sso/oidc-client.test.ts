import { describe, expect, it } from 'vitest';
import { EcrAuthError } from '../errors.ts';
import { oidcErrorName, toOidcError } from './oidc-client.ts';

function sdkError(name: string, extra: Record<string, unknown> = {}): Error {
  return Object.assign(new Error(`${name} happened`), { name, ...extra });
}

describe('toOidcError', () => {
  it.each([
    [sdkError('ExpiredTokenException'), 'E_SSO_EXPIRED'],
    [sdkError('InvalidGrantException'), 'E_SSO_EXPIRED'],
    [sdkError('InvalidClientException'), 'E_SSO_EXPIRED'],
    [sdkError('AccessDeniedException'), 'E_SSO_DENIED'],
    [sdkError('InternalServerException', { $fault: 'server' }), 'E_AWS_UNAVAILABLE'],
    [sdkError('Weird', { $metadata: { httpStatusCode: 503 } }), 'E_AWS_UNAVAILABLE'],
    [sdkError('Error', { code: 'ECONNREFUSED' }), 'E_AWS_UNAVAILABLE'],
    [sdkError('TimeoutError'), 'E_AWS_UNAVAILABLE'],
    [sdkError('InvalidRequestException'), 'E_AWS'],
  ])('%s -> %s, with a hint and the operation named', (error, code) => {
    const mapped = toOidcError(error, 'CreateToken');
    expect(mapped.code).toBe(code);
    expect(mapped.hint).toBeTruthy();
    expect(mapped.message).toContain('sso-oidc:CreateToken');
    expect(oidcErrorName(mapped)).toBe(error.name);
  });

  it('passes an EcrAuthError through', () => {
    const error = new EcrAuthError('E_SSO_TIMEOUT', 'x');
    expect(toOidcError(error, 'CreateToken')).toBe(error);
  });
});
