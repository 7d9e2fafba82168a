import { describe, expect, it } from 'vitest';
import { isEcrAuthError } from '../errors.ts';
import { dnsSuffixForRegion, ECR_PUBLIC_HOST, ecrRegistryHost, parseRegistryHost, tryParseRegistryHost } from './registry-host.ts';

const A = '123456789012';
type Expected = [host: string, kind: 'ecr' | 'ecr-public', accountId: string | undefined, region: string, fips: boolean, dualstack: boolean];

describe('parseRegistryHost accepts', () => {
  it.each<[string, Expected]>([
    [`${A}.dkr.ecr.us-east-1.amazonaws.com`, [`${A}.dkr.ecr.us-east-1.amazonaws.com`, 'ecr', A, 'us-east-1', false, false]],
    [`${A}.dkr.ecr.eu-west-3.amazonaws.com`, [`${A}.dkr.ecr.eu-west-3.amazonaws.com`, 'ecr', A, 'eu-west-3', false, false]],
    [`${A}.dkr.ecr.ap-southeast-2.amazonaws.com`, [`${A}.dkr.ecr.ap-southeast-2.amazonaws.com`, 'ecr', A, 'ap-southeast-2', false, false]],
    [`${A}.dkr.ecr.us-gov-west-1.amazonaws.com`, [`${A}.dkr.ecr.us-gov-west-1.amazonaws.com`, 'ecr', A, 'us-gov-west-1', false, false]],
    [`${A}.dkr.ecr-fips.us-east-2.amazonaws.com`, [`${A}.dkr.ecr-fips.us-east-2.amazonaws.com`, 'ecr', A, 'us-east-2', true, false]],
    [`${A}.dkr.ecr-fips.us-gov-east-1.amazonaws.com`, [`${A}.dkr.ecr-fips.us-gov-east-1.amazonaws.com`, 'ecr', A, 'us-gov-east-1', true, false]],
    [`${A}.dkr.ecr.cn-north-1.amazonaws.com.cn`, [`${A}.dkr.ecr.cn-north-1.amazonaws.com.cn`, 'ecr', A, 'cn-north-1', false, false]],
    [`${A}.dkr.ecr.cn-northwest-1.amazonaws.com.cn`, [`${A}.dkr.ecr.cn-northwest-1.amazonaws.com.cn`, 'ecr', A, 'cn-northwest-1', false, false]],
    [`${A}.dkr.ecr.eusc-de-east-1.amazonaws.eu`, [`${A}.dkr.ecr.eusc-de-east-1.amazonaws.eu`, 'ecr', A, 'eusc-de-east-1', false, false]],
    [`${A}.dkr.ecr.us-iso-east-1.c2s.ic.gov`, [`${A}.dkr.ecr.us-iso-east-1.c2s.ic.gov`, 'ecr', A, 'us-iso-east-1', false, false]],
    [`${A}.dkr.ecr.us-isob-east-1.sc2s.sgov.gov`, [`${A}.dkr.ecr.us-isob-east-1.sc2s.sgov.gov`, 'ecr', A, 'us-isob-east-1', false, false]],
    [`${A}.dkr.ecr.eu-isoe-west-1.cloud.adc-e.uk`, [`${A}.dkr.ecr.eu-isoe-west-1.cloud.adc-e.uk`, 'ecr', A, 'eu-isoe-west-1', false, false]],
    [`${A}.dkr.ecr.us-isof-south-1.csp.hci.ic.gov`, [`${A}.dkr.ecr.us-isof-south-1.csp.hci.ic.gov`, 'ecr', A, 'us-isof-south-1', false, false]],
    [`${A}.dkr-ecr.us-east-1.on.aws`, [`${A}.dkr-ecr.us-east-1.on.aws`, 'ecr', A, 'us-east-1', false, true]],
    [`${A}.dkr-ecr-fips.us-west-2.on.aws`, [`${A}.dkr-ecr-fips.us-west-2.on.aws`, 'ecr', A, 'us-west-2', true, true]],
    [`${A}.dkr-ecr.cn-north-1.on.amazonwebservices.com.cn`, [`${A}.dkr-ecr.cn-north-1.on.amazonwebservices.com.cn`, 'ecr', A, 'cn-north-1', false, true]],
    ['public.ecr.aws', ['public.ecr.aws', 'ecr-public', undefined, 'us-east-1', false, false]],
    ['ecr-public.aws.com', ['ecr-public.aws.com', 'ecr-public', undefined, 'us-east-1', false, false]],
    [`https://${A}.dkr.ecr.us-east-1.amazonaws.com/v2/app`, [`${A}.dkr.ecr.us-east-1.amazonaws.com`, 'ecr', A, 'us-east-1', false, false]],
    [`http://${A}.dkr.ecr.us-east-1.amazonaws.com`, [`${A}.dkr.ecr.us-east-1.amazonaws.com`, 'ecr', A, 'us-east-1', false, false]],
    [`oci://${A}.dkr.ecr.us-east-1.amazonaws.com/charts`, [`${A}.dkr.ecr.us-east-1.amazonaws.com`, 'ecr', A, 'us-east-1', false, false]],
    [`  HTTPS://${A}.DKR.ECR.US-EAST-1.AMAZONAWS.COM/  `, [`${A}.dkr.ecr.us-east-1.amazonaws.com`, 'ecr', A, 'us-east-1', false, false]],
    ['https://public.ecr.aws/v2/', ['public.ecr.aws', 'ecr-public', undefined, 'us-east-1', false, false]],
    [`${A}.dkr.ecr.us-east-1.amazonaws.com/team/app:latest`, [`${A}.dkr.ecr.us-east-1.amazonaws.com`, 'ecr', A, 'us-east-1', false, false]],
    [`${A}.dkr.ecr.us-east-1.amazonaws.com?x=1`, [`${A}.dkr.ecr.us-east-1.amazonaws.com`, 'ecr', A, 'us-east-1', false, false]],
  ])('%s', (input, [host, kind, accountId, region, fips, dualstack]) => {
    expect(parseRegistryHost(input)).toEqual({ host, kind, ...(accountId ? { accountId } : {}), region, fips, dualstack });
  });
});

describe('parseRegistryHost rejects', () => {
  it.each([
    ['a look-alike suffix', `${A}.dkr.ecr.us-east-1.amazonaws.com.fake.example.com`],
    ['a look-alike public host', 'public.ecr.aws.fake.example.com'],
    ['a public look-alike prefix', 'fakepublic.ecr.aws'],
    ['an 11-digit account', '12345678901.dkr.ecr.us-east-1.amazonaws.com'],
    ['a 13-digit account', '1234567890123.dkr.ecr.us-east-1.amazonaws.com'],
    ['a userinfo trick', `${A}.dkr.ecr.us-east-1.amazonaws.com@evil.example.com`],
    ['a userinfo in a URL', `https://${A}.dkr.ecr.us-east-1.amazonaws.com:x@evil.example.com/`],
    ['a port', `${A}.dkr.ecr.us-east-1.amazonaws.com:443`],
    ['a host in the path', `https://evil.example.com/${A}.dkr.ecr.us-east-1.amazonaws.com`],
    ['a wrong partition suffix', `${A}.dkr.ecr.cn-north-1.amazonaws.com`],
    ['a China suffix for a commercial region', `${A}.dkr.ecr.us-east-1.amazonaws.com.cn`],
    ['a dual-stack name with the IPv4 label', `${A}.dkr.ecr.us-east-1.on.aws`],
    ['a dual-stack suffix for an ISO region', `${A}.dkr-ecr.us-iso-east-1.on.aws`],
    ['a non-region', `${A}.dkr.ecr.localhost.amazonaws.com`],
    ['an api endpoint', 'api.ecr.us-east-1.amazonaws.com'],
    ['a trailing dot', `${A}.dkr.ecr.us-east-1.amazonaws.com.`],
    ['a docker hub host', 'registry-1.docker.io'],
    ['a local registry', '127.0.0.1:5000'],
    ['an empty string', '   '],
    ['a letter in the account', '12345678901a.dkr.ecr.us-east-1.amazonaws.com'],
  ])('%s: %s', (_name, input) => {
    expect(tryParseRegistryHost(input)).toBeUndefined();
    const error = (() => {
      try {
        parseRegistryHost(input);
      } catch (e) {
        return e;
      }
    })();
    expect(isEcrAuthError(error, 'E_REGISTRY_HOST')).toBe(true);
    expect((error as { hint: string }).hint).toContain('123456789012.dkr.ecr.us-east-1.amazonaws.com');
  });

  it('says why for an account of the wrong length, and never echoes userinfo', () => {
    expect(() => parseRegistryHost('12345678901.dkr.ecr.us-east-1.amazonaws.com')).toThrow(/12 digits/);
    expect(() => parseRegistryHost('https://AWS:s3cret@public.ecr.aws')).toThrow(/^(?!.*s3cret)/);
  });
});

describe('ecrRegistryHost', () => {
  it.each([
    ['us-east-1', `${A}.dkr.ecr.us-east-1.amazonaws.com`],
    ['us-gov-west-1', `${A}.dkr.ecr.us-gov-west-1.amazonaws.com`],
    ['cn-north-1', `${A}.dkr.ecr.cn-north-1.amazonaws.com.cn`],
    ['us-iso-east-1', `${A}.dkr.ecr.us-iso-east-1.c2s.ic.gov`],
    ['us-isob-east-1', `${A}.dkr.ecr.us-isob-east-1.sc2s.sgov.gov`],
    ['eu-isoe-west-1', `${A}.dkr.ecr.eu-isoe-west-1.cloud.adc-e.uk`],
    ['us-isof-east-1', `${A}.dkr.ecr.us-isof-east-1.csp.hci.ic.gov`],
    ['eusc-de-east-1', `${A}.dkr.ecr.eusc-de-east-1.amazonaws.eu`],
  ])('%s -> %s', (region, host) => {
    expect(ecrRegistryHost(A, region)).toBe(host);
    expect(parseRegistryHost(host).region).toBe(region);
  });

  it('builds FIPS and dual-stack hosts, and rejects a bad account id', () => {
    expect(ecrRegistryHost(A, 'us-east-1', { fips: true })).toBe(`${A}.dkr.ecr-fips.us-east-1.amazonaws.com`);
    expect(ecrRegistryHost(A, 'us-east-1', { dualstack: true })).toBe(`${A}.dkr-ecr.us-east-1.on.aws`);
    expect(ecrRegistryHost(A, 'cn-north-1', { dualstack: true })).toBe(`${A}.dkr-ecr.cn-north-1.on.amazonwebservices.com.cn`);
    expect(() => ecrRegistryHost('1234', 'us-east-1')).toThrow(/12 digits/);
    expect(dnsSuffixForRegion('us-west-2')).toBe('amazonaws.com');
    expect(ECR_PUBLIC_HOST).toBe('public.ecr.aws');
  });
});
