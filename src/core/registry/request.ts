// What a registry target is, and which integrations a request names (named ones, else the subject's own). Pure, and
// without the integration kind table: the bins' cached answers plan with it and load no kind's sign-in or writer
// code. What each integration serves is its kind's (registry/targets.ts).
import type { AwsCredentials } from '../credentials.ts';
import type { Integration, ResolvedConfig } from '../config/model.ts';
import { unknownNameError } from '../config/resolve.ts';
import { own } from '../config/names.ts';
import { EcrAuthError } from '../errors.ts';
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

/**
 * The integrations a request names, without duplicates (first mention wins); when it names neither an integration nor
 * a registry host, those of its subject (only the auto_provision ones when asked).
 */
export function requestedIntegrations(config: ResolvedConfig, request: RegistryRequest): Integration[] {
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
  return integrations;
}
