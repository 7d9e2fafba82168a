// Plans what a request means: named integrations, an identity's integrations, or ad-hoc registry hosts. Pure: no
// network, no files. A host that belongs to a configured integration is served by that integration; one that none
// serves goes to the integration kind that knows its form.
import type { AwsCredentials } from '../credentials.ts';
import type { Integration, ResolvedConfig } from '../config/model.ts';
import { unknownNameError } from '../config/resolve.ts';
import { parseRegistryHost } from '../docker/registry-host.ts';
import { EcrAuthError } from '../errors.ts';
import { integrationKindOf, INTEGRATION_KIND_LIST } from '../integrations/index.ts';
import { type Subject, subjectFor } from '../identity/subject.ts';
import type { Env } from '../paths.ts';
import type { RegistryRequest } from '../session-types.ts';
import type { RegistryToken } from '../aws/ecr.ts';

/** Where a registry's token comes from: declared by the integration kind that serves the registry. */
export interface RegistryService {
  /** Names the token in its cache key ("ecr", "ecr-public"). */
  name: string;
  /** What `logout` calls a removed token of this service in a region. */
  label(region: string): string;
  /** One token call (SDK loaded lazily). */
  fetchToken(env: Env, who: { credentials: AwsCredentials; identity: string | undefined }, target: RegistryTarget): Promise<RegistryToken>;
}
import { own } from '../config/names.ts';

export interface RegistryTarget {
  host: string;
  integration?: string;
  subject: Subject;
  region: string;
  service: RegistryService;
  accountId?: string;
  fips: boolean;
  dualstack: boolean;
}

/** The Docker registries an integration serves. */
export function integrationTargets(integration: Integration): RegistryTarget[] {
  return integrationKindOf(integration).registries(integration);
}

/** The name of what an integration goes through. */
export function viaName(integration: Integration): string {
  return 'identity' in integration.via ? integration.via.identity : integration.via.provider;
}

function unknownIntegration(config: ResolvedConfig, name: string): EcrAuthError {
  const aside = config.setAside?.find((entry) => entry.section === 'integrations' && entry.name === name);
  if (aside) {
    return new EcrAuthError('E_USAGE', `integration '${name}' is set aside: ${aside.reason}`, {
      hint: `\`ecr-auth validate\` lists what is set aside; the usable integrations are: ${Object.keys(config.integrations).join(', ') || '(none)'}`,
    });
  }
  return unknownNameError('integration', name, Object.keys(config.integrations), config.source);
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
  const integrations: Integration[] = [];
  const wanted = (i: Integration) => !request.autoProvisionOnly || i.autoProvision;
  for (const name of request.integrations ?? []) {
    const integration = own(config.integrations, name);
    if (!integration) throw unknownIntegration(config, name);
    if (!integrations.includes(integration)) integrations.push(integration);
  }
  const named = (request.integrations?.length ?? 0) + (request.registries?.length ?? 0) > 0;
  if (!named) {
    const subject = subjectFor(config, request.identity);
    const owner = 'identity' in subject ? subject.identity : 'provider' in subject ? subject.provider : undefined;
    for (const integration of Object.values(config.integrations)) {
      if (owner !== undefined && viaName(integration) === owner && wanted(integration)) integrations.push(integration);
    }
  }
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
