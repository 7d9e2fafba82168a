// ECR registry host names: recognise exactly the forms AWS serves (private per account and region, FIPS,
// dual-stack, the isolated partitions, ECR Public) and reject look-alikes, so a token never goes to a foreign host.
import { EcrAuthError } from '../errors.ts';

/** A parsed ECR registry host. `host` is the canonical (lower-case, bare) name Docker keys its entries by. */
export interface RegistryHost {
  host: string;
  kind: 'ecr' | 'ecr-public';
  accountId?: string;
  region: string;
  fips: boolean;
  dualstack: boolean;
}

/** The registry host of ECR Public; its tokens come from us-east-1. */
export const ECR_PUBLIC_HOST = 'public.ecr.aws';
/** ECR Public issues tokens only in us-east-1. */
export const ECR_PUBLIC_REGION = 'us-east-1';
const PUBLIC_HOSTS = new Set([ECR_PUBLIC_HOST, 'ecr-public.aws.com']);
const PRIVATE = /^(\d{12})\.dkr\.ecr(-fips)?\.([a-z0-9-]+)\.(amazonaws\.com(?:\.cn)?|amazonaws\.eu|c2s\.ic\.gov|sc2s\.sgov\.gov|cloud\.adc-e\.uk|csp\.hci\.ic\.gov)$/;
const DUALSTACK = /^(\d{12})\.dkr-ecr(-fips)?\.([a-z0-9-]+)\.(on\.aws|on\.amazonwebservices\.com\.cn)$/;
/** China's dual-stack registry host is also served as `<account>.dkr.ecr.<region>.on.amazonwebservices.com.cn`. */
const CHINA_DUALSTACK = /^(\d{12})\.dkr\.ecr(-fips)?\.([a-z0-9-]+)\.(on\.amazonwebservices\.com\.cn)$/;
const REGION = /^[a-z]{2,4}(?:-[a-z]+){1,3}-\d{1,2}$/;
const EXPECTED = 'expected <12-digit account id>.dkr.ecr.<region>.amazonaws.com (e.g. 123456789012.dkr.ecr.us-east-1.amazonaws.com), its FIPS, dual-stack or partition variant, or public.ecr.aws';

/** The DNS suffix of a region's partition: amazonaws.com, amazonaws.com.cn for cn-*, the ISO and EU sovereign ones. */
export function dnsSuffixForRegion(region: string): string {
  if (region.startsWith('cn-')) return 'amazonaws.com.cn';
  if (region.startsWith('us-isob-')) return 'sc2s.sgov.gov';
  if (region.startsWith('us-isof-')) return 'csp.hci.ic.gov';
  if (region.startsWith('us-iso-')) return 'c2s.ic.gov';
  if (region.startsWith('eu-isoe-')) return 'cloud.adc-e.uk';
  if (region.startsWith('eusc-')) return 'amazonaws.eu';
  return 'amazonaws.com';
}

/** The dual-stack suffix of a region, or undefined where ECR offers no dual-stack registry endpoint. */
function dualstackSuffixForRegion(region: string): string | undefined {
  if (region.startsWith('cn-')) return 'on.amazonwebservices.com.cn';
  return dnsSuffixForRegion(region) === 'amazonaws.com' ? 'on.aws' : undefined;
}

/** The private registry host of an account in a region, with the right suffix for its partition. */
export function ecrRegistryHost(accountId: string, region: string, options: { fips?: boolean; dualstack?: boolean } = {}): string {
  const fips = options.fips ? '-fips' : '';
  const suffix = options.dualstack ? dualstackSuffixForRegion(region) : dnsSuffixForRegion(region);
  const host = `${accountId}.${options.dualstack ? 'dkr-ecr' : 'dkr.ecr'}${fips}.${region}.${suffix}`;
  return parseRegistryHost(host).host;
}

/** Parses a registry host (a scheme and a path are tolerated), or explains in a reason why it is not one. */
function parse(input: string): RegistryHost | string {
  let host = input.trim().toLowerCase();
  host = host.replace(/^[a-z][a-z0-9+.-]*:\/\//, '');
  host = host.split(/[/?#]/, 1)[0] ?? '';
  if (host === '') return 'it is empty';
  if (host.includes('@')) return 'user information ("...@") is not allowed in a registry host';
  if (host.includes(':')) return 'a port is not allowed in an ECR registry host';
  if (PUBLIC_HOSTS.has(host)) return { host, kind: 'ecr-public', region: 'us-east-1', fips: false, dualstack: false };
  const dualstack = DUALSTACK.exec(host) ?? CHINA_DUALSTACK.exec(host);
  const match = dualstack ?? PRIVATE.exec(host);
  if (!match) return /^\d+\.dkr[.-]ecr/.test(host) && !/^\d{12}\./.test(host) ? 'the account id must be 12 digits' : EXPECTED;
  const [, accountId = '', fips, region = '', suffix] = match;
  if (!REGION.test(region)) return `"${region}" is not an AWS region`;
  const expectedSuffix = dualstack ? dualstackSuffixForRegion(region) : dnsSuffixForRegion(region);
  if (suffix !== expectedSuffix) return `region ${region} is not served under ${suffix}`;
  return { host, kind: 'ecr', accountId, region, fips: fips !== undefined, dualstack: dualstack !== null };
}

/** The registry host in `input`, or undefined when it is not an ECR registry host. */
export function tryParseRegistryHost(input: string): RegistryHost | undefined {
  const result = parse(input);
  return typeof result === 'string' ? undefined : result;
}

/** The registry host in `input`; throws E_REGISTRY_HOST with the expected form when it is not one. */
export function parseRegistryHost(input: string): RegistryHost {
  const result = parse(input);
  if (typeof result !== 'string') return result;
  const shown = input.replace(/^([^@/]*\/\/)?[^@/]*@/, '$1***@').slice(0, 200);
  throw new EcrAuthError('E_REGISTRY_HOST', `"${shown}" is not an ECR registry host: ${result === EXPECTED ? 'unrecognised form' : result}`, {
    hint: `Use a registry host of the form ${EXPECTED.replace(/^expected /, '')}.`,
  });
}
