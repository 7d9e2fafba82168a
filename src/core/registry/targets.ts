// Plans what a request means: named integrations, an identity's integrations, or ad-hoc registry hosts. Pure: no
// network, no files. A host that belongs to a configured integration is served by that integration; one that none
// serves goes to the integration kind that knows its form.
import type { Integration, ResolvedConfig } from '../config/model.ts';
import { parseRegistryHost } from '../docker/registry-host.ts';
import { EcrAuthError } from '../errors.ts';
import { integrationKindOf, INTEGRATION_KIND_LIST } from '../integrations/index.ts';
import { type Subject, subjectFor } from '../identity/subject.ts';
import type { RegistryRequest } from '../session-types.ts';
import { type RegistryTarget, requestedIntegrations, viaName } from './request.ts';

export { type RegistryService, type RegistryTarget, viaName } from './request.ts';

/** The Docker registries an integration serves. */
export function integrationTargets(integration: Integration): RegistryTarget[] {
  return integrationKindOf(integration).registries(integration);
}

/** The target for an ad-hoc host: its integration when one serves it (unless an identity is forced), else the subject given. */
export function hostTarget(config: ResolvedConfig, input: string, identity: string | undefined): RegistryTarget {
  const parsed = parseRegistryHost(input);
  const owned = Object.values(config.integrations)
    .filter((i) => identity === undefined || viaName(i) === identity)
    .flatMap(integrationTargets)
    .find((t) => t.host === parsed.host);
  if (owned) return { ...owned, fips: parsed.fips, dualstack: parsed.dualstack };
  const subject: Subject = identity === undefined ? { ambient: true } : subjectFor(config, identity);
  for (const kind of INTEGRATION_KIND_LIST) {
    const target = kind.adHocRegistry?.(parsed, subject);
    if (target) return target;
  }
  throw new EcrAuthError('E_REGISTRY_HOST', `no integration kind serves ${parsed.host}`, { hint: 'name an ECR or ECR Public registry host' });
}

export interface Plan {
  integrations: Integration[];
  /** Ad-hoc hosts that no planned integration already serves. */
  registries: RegistryTarget[];
}

/** Everything a request names, without duplicates (first mention wins). */
export function planRequest(config: ResolvedConfig, request: RegistryRequest): Plan {
  const integrations = requestedIntegrations(config, request);
  const seen = new Set(integrations.flatMap(integrationTargets).map((t) => t.host));
  const registries: RegistryTarget[] = [];
  for (const host of request.registries ?? []) {
    const target = hostTarget(config, host, request.identity);
    if (!seen.has(target.host)) registries.push(target);
    seen.add(target.host);
  }
  return { integrations, registries };
}

/** Every registry target a request names (the password of `get-login-password` is one of these). */
export function planTargets(config: ResolvedConfig, request: RegistryRequest): RegistryTarget[] {
  const plan = planRequest(config, request);
  return [...plan.integrations.flatMap(integrationTargets), ...plan.registries];
}
