import { describe, expect, it } from 'vitest';
import { ecrRegistryHost, integrationHost } from './hosts.ts';

describe('registry hosts', () => {
  it.each([
    ['us-east-2', '123456789012.dkr.ecr.us-east-2.amazonaws.com'],
    ['cn-north-1', '123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn'],
    ['us-gov-west-1', '123456789012.dkr.ecr.us-gov-west-1.amazonaws.com'],
    ['us-iso-east-1', '123456789012.dkr.ecr.us-iso-east-1.c2s.ic.gov'],
    ['us-isob-east-1', '123456789012.dkr.ecr.us-isob-east-1.sc2s.sgov.gov'],
  ])('%s', (region, host) => expect(ecrRegistryHost('123456789012', region)).toBe(host));

  it('ECR Public is public.ecr.aws', () => {
    expect(integrationHost({ kind: 'aws/ecr-public', name: 'p', via: { identity: 'x' }, autoProvision: true })).toBe('public.ecr.aws');
  });
});
