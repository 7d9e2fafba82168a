// What an aws/ecr-public integration serves, apart from the rest of its kind (ecr-public.ts): public.ecr.aws and its
// token service. Pure; the bins' cached answers plan with it without loading the kind table.
import { ECR_PUBLIC_HOST, ECR_PUBLIC_REGION, type RegistryHost } from '../docker/registry-host.ts';
import { type Subject, subjectOfVia } from '../identity/subject.ts';
import type { RegistryService, RegistryTarget } from '../registry/request.ts';
import type { EcrPublicIntegration } from './ecr-public.ts';

/** ECR Public tokens, always from us-east-1. */
export const ECR_PUBLIC_SERVICE: RegistryService = {
  name: 'ecr-public',
  label: () => 'ECR Public',
  fetchToken: async (env, who) => (await import('../aws/ecr.ts')).getEcrPublicToken(env, who),
};

const publicTarget = (subject: Subject, integration?: string): RegistryTarget => ({
  host: ECR_PUBLIC_HOST,
  ...(integration === undefined ? {} : { integration }),
  subject,
  region: ECR_PUBLIC_REGION,
  service: ECR_PUBLIC_SERVICE,
  fips: false,
  dualstack: false,
});

/** The one registry of an aws/ecr-public integration. */
export function ecrPublicTargets(integration: EcrPublicIntegration): RegistryTarget[] {
  return [publicTarget(subjectOfVia(integration.via), integration.name)];
}

/** public.ecr.aws when no integration of the config serves it. */
export function ecrPublicAdHocTarget(host: RegistryHost, subject: Subject): RegistryTarget | undefined {
  return host.kind === 'ecr-public' ? publicTarget(subject) : undefined;
}
