// Plans which registries a request means: named integrations, an identity's integrations, or ad-hoc hosts.
// Pure: no network, no files. A host that belongs to a configured integration is served by that integration.
import type { Integration, ResolvedConfig } from '../config/model.ts';
import { unknownNameError } from '../config/resolve.ts';
import { parseRegistryHost } from '../docker/registry-host.ts';
import { integrationKindOf } from '../integrations/index.ts';
import { EcrAuthError } from '../errors.ts';
import { type Subject, subjectFor } from '../identity/subject.ts';
import type { RegistryRequest } from '../session-types.ts';

export interface RegistryTarget {
  host: string;
  integration?: string;
  subject: Subject;
  region: string;
  public: boolean;
  accountId?: string;
  fips: boolean;
  dualstack: boolean;
}

/** The registries an integration logs Docker into. */
export function integrationTargets(integration: Integration): RegistryTarget[] {
  return integrationKindOf(integration).targets(integration);
}

function viaName(integration: Integration): string {
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
  if (owned) return { ...owned, ...pickFlags(parsed) };
  const subject: Subject = identity === undefined ? { ambient: true } : subjectFor(config, identity);
  return {
    host: parsed.host,
    subject,
    region: parsed.region,
    public: parsed.kind === 'ecr-public',
    ...(parsed.accountId ? { accountId: parsed.accountId } : {}),
    ...pickFlags(parsed),
  };
}

function pickFlags(parsed: { fips: boolean; dualstack: boolean }) {
  return { fips: parsed.fips, dualstack: parsed.dualstack };
}

/** Every target a request names, without duplicates (first mention wins). */
export function planTargets(config: ResolvedConfig, request: RegistryRequest): RegistryTarget[] {
  const targets: RegistryTarget[] = [];
  const wanted = (i: Integration) => !request.autoProvisionOnly || i.autoProvision;
  for (const name of request.integrations ?? []) {
    const integration = config.integrations[name];
    if (!integration) throw unknownIntegration(config, name);
    targets.push(...integrationTargets(integration));
  }
  for (const host of request.registries ?? []) targets.push(hostTarget(config, host, request.identity));
  const named = (request.integrations?.length ?? 0) + (request.registries?.length ?? 0) > 0;
  if (!named) {
    const subject = subjectFor(config, request.identity);
    const owner = 'identity' in subject ? subject.identity : 'provider' in subject ? subject.provider : undefined;
    for (const integration of Object.values(config.integrations)) {
      if (owner !== undefined && viaName(integration) === owner && wanted(integration)) targets.push(...integrationTargets(integration));
    }
  }
  const seen = new Set<string>();
  return targets.filter((t) => (seen.has(t.host) ? false : (seen.add(t.host), true)));
}
