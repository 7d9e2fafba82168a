import { describe, expect, it } from 'vitest';
import { integrationHost } from './index.ts';

describe('integrationHost', () => {
  it.each([
    ['us-east-2', '123456789012.dkr.ecr.us-east-2.amazonaws.com'],
    ['cn-north-1', '123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn'],
    ['us-gov-west-1', '123456789012.dkr.ecr.us-gov-west-1.amazonaws.com'],
    ['us-iso-east-1', '123456789012.dkr.ecr.us-iso-east-1.c2s.ic.gov'],
    ['us-isob-east-1', '123456789012.dkr.ecr.us-isob-east-1.sc2s.sgov.gov'],
  ])('aws/ecr in %s', (region, host) =>
    expect(
      integrationHost({ kind: 'aws/ecr', name: 'e', via: { identity: 'x' }, registry: { accountId: '123456789012', region }, autoProvision: true }),
    ).toBe(host),
  );

  it('aws/ecr-public is public.ecr.aws', () => {
    expect(integrationHost({ kind: 'aws/ecr-public', name: 'p', via: { identity: 'x' }, autoProvision: true })).toBe('public.ecr.aws');
  });
});
