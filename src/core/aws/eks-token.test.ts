import { describe, expect, it } from 'vitest';
import { eksTokenOf, presignEksToken, stsEndpoint, urlOfEksToken } from './eks-token.ts';

const credentials = { accessKeyId: 'ASIAEXAMPLE', secretAccessKey: 'secret/key+', sessionToken: 'tok+en/=', expiresAt: Date.UTC(2026, 0, 1, 1) };
const NOW = Date.UTC(2026, 0, 1, 0, 0, 0);

describe('the EKS token', () => {
  it('is k8s-aws-v1. + unpadded base64url of the URL, and reads back', () => {
    const token = eksTokenOf('https://sts.us-east-2.amazonaws.com/?Action=GetCallerIdentity&a=b??');
    expect(token).toMatch(/^k8s-aws-v1\.[A-Za-z0-9_-]+$/);
    expect(urlOfEksToken(token)).toBe('https://sts.us-east-2.amazonaws.com/?Action=GetCallerIdentity&a=b??');
    expect(urlOfEksToken('Bearer x')).toBeUndefined();
  });

  it('signs a regional STS GetCallerIdentity GET with x-k8s-aws-id signed and a 60 s expiry', async () => {
    const { token, expiresAt } = await presignEksToken({}, { credentials, region: 'us-east-2', cluster: 'dev', now: NOW });
    const url = new URL(urlOfEksToken(token)!);
    expect(url.origin).toBe('https://sts.us-east-2.amazonaws.com');
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      Action: 'GetCallerIdentity',
      Version: '2011-06-15',
      'X-Amz-Algorithm': 'AWS4-HMAC-SHA256',
      'X-Amz-Credential': 'ASIAEXAMPLE/20260101/us-east-2/sts/aws4_request',
      'X-Amz-Date': '20260101T000000Z',
      'X-Amz-Expires': '60',
      'X-Amz-SignedHeaders': 'host;x-k8s-aws-id',
      'X-Amz-Security-Token': 'tok+en/=',
    });
    expect(url.searchParams.get('X-Amz-Signature')).toMatch(/^[0-9a-f]{64}$/);
    expect(expiresAt).toBe(NOW + 15 * 60_000);
    expect(token).not.toContain('secret');
  });

  it('never outlives the credentials that signed it; honours AWS_ENDPOINT_URL_STS; other partitions', async () => {
    const soon = { ...credentials, expiresAt: NOW + 5 * 60_000 };
    expect((await presignEksToken({}, { credentials: soon, region: 'us-east-2', cluster: 'dev', now: NOW })).expiresAt).toBe(NOW + 5 * 60_000);
    expect(stsEndpoint({ AWS_ENDPOINT_URL_STS: 'http://127.0.0.1:9' }, 'us-east-2').href).toBe('http://127.0.0.1:9/');
    expect(stsEndpoint({}, 'cn-north-1').host).toBe('sts.cn-north-1.amazonaws.com.cn');
  });
});
