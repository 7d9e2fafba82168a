import { describe, expect, it } from 'vitest';
import { classifyAwsError, toAwsError } from './aws-error.ts';

const sdkError = (name: string, extra: Record<string, unknown> = {}) => Object.assign(new Error(`${name} message`), { name, ...extra });

describe('classifyAwsError', () => {
  it.each([
    ['AccessDeniedException', 'E_ECR_DENIED'],
    ['InvalidIdentityToken', 'E_STS_DENIED'],
    ['ExpiredTokenException', 'E_AWS_CREDENTIALS'],
    ['UnrecognizedClientException', 'E_AWS_CREDENTIALS'],
    ['ThrottlingException', 'E_AWS_UNAVAILABLE'],
    ['TimeoutError', 'E_AWS_UNAVAILABLE'],
    ['InvalidParameterException', 'E_AWS'],
  ])('%s -> %s', (name, code) => expect(classifyAwsError(sdkError(name))).toBe(code));

  it('treats 5xx and refused connections as unavailable', () => {
    expect(classifyAwsError(sdkError('Whatever', { $metadata: { httpStatusCode: 503 } }))).toBe('E_AWS_UNAVAILABLE');
    expect(classifyAwsError(Object.assign(new Error('x'), { code: 'ECONNREFUSED' }))).toBe('E_AWS_UNAVAILABLE');
  });
});

describe('toAwsError', () => {
  it('names identity, account, region and the missing permission on a denial', () => {
    const error = toAwsError(sdkError('AccessDeniedException'), {
      operation: 'ecr:GetAuthorizationToken',
      identity: 'dev-admin',
      account: '123456789012',
      region: 'us-east-2',
    });
    expect(error.code).toBe('E_ECR_DENIED');
    expect(error.message).toContain('identity "dev-admin"');
    expect(error.message).toContain('account 123456789012');
    expect(error.message).toContain('region us-east-2');
    expect(error.hint).toContain('`ecr:GetAuthorizationToken`');
  });

  it('maps an STS denial to E_STS_DENIED naming the role', () => {
    const error = toAwsError(sdkError('AccessDenied'), { operation: 'sts:AssumeRole', target: 'arn:aws:iam::1:role/X' });
    expect(error.code).toBe('E_STS_DENIED');
    expect(error.message).toContain('arn:aws:iam::1:role/X');
  });
});
