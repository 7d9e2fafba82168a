// The Docker registry host an integration logs in to, derived from the config alone (no network).
import { ECR_PUBLIC_HOST, ecrRegistryHost } from '../docker/registry-host.ts';
import type { Integration } from './model.ts';

export { ECR_PUBLIC_HOST, ecrRegistryHost };

/** The registry host of an integration. */
export function integrationHost(integration: Integration): string {
  return integration.kind === 'aws/ecr'
    ? ecrRegistryHost(integration.registry.accountId, integration.registry.region)
    : ECR_PUBLIC_HOST;
}
