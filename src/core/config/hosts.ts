// The Docker registry host an integration logs in to, derived from the config alone (no network).
import type { Integration } from './model.ts';

/** The host of ECR Public, whose token always comes from us-east-1. */
export const ECR_PUBLIC_HOST = 'public.ecr.aws';

const PARTITION_SUFFIXES: Array<[prefix: string, suffix: string]> = [
  ['cn-', 'amazonaws.com.cn'],
  ['us-isob-', 'sc2s.sgov.gov'],
  ['us-isof-', 'csp.hci.ic.gov'],
  ['us-iso-', 'c2s.ic.gov'],
  ['eu-isoe-', 'cloud.adc-e.uk'],
];

/** `<account>.dkr.ecr.<region>.amazonaws.com`, with the DNS suffix of the region's partition (China, ISO). */
export function ecrRegistryHost(accountId: string, region: string): string {
  const suffix = PARTITION_SUFFIXES.find(([prefix]) => region.startsWith(prefix))?.[1] ?? 'amazonaws.com';
  return `${accountId}.dkr.ecr.${region}.${suffix}`;
}

/** The registry host of an integration. */
export function integrationHost(integration: Integration): string {
  return integration.kind === 'aws/ecr'
    ? ecrRegistryHost(integration.registry.accountId, integration.registry.region)
    : ECR_PUBLIC_HOST;
}
