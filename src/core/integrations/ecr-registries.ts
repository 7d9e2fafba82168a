// What an aws/ecr integration serves, apart from the rest of its kind (ecr.ts): its registry target and the token
// service. Pure; the bins' cached answers plan with it without loading the kind table.
import { ecrRegistryHost, type RegistryHost } from '../docker/registry-host.ts';
import { type Subject, subjectOfVia } from '../identity/subject.ts';
import type { RegistryService, RegistryTarget } from '../registry/request.ts';
import type { EcrIntegration } from './ecr.ts';

/** Private ECR tokens: one GetAuthorizationToken per region serves every registry the principal may use there. */
export const ECR_SERVICE: RegistryService = {
  name: 'ecr',
  label: (region) => region,
  fetchToken: async (env, who, target) =>
    (await import('../aws/ecr.ts')).getEcrToken(env, {
      ...who,
      ...(target.accountId ? { account: target.accountId } : {}),
      region: target.region,
      fips: target.fips,
      dualstack: target.dualstack,
    }),
};

/** The one registry of an aws/ecr integration. */
export function ecrTargets(integration: EcrIntegration): RegistryTarget[] {
  const { accountId, region } = integration.registry;
  return [
    {
      host: ecrRegistryHost(accountId, region),
      integration: integration.name,
      subject: subjectOfVia(integration.via),
      region,
      service: ECR_SERVICE,
      accountId,
      fips: false,
      dualstack: false,
    },
  ];
}

/** A private ECR host that no integration of the config serves. */
export function ecrAdHocTarget(host: RegistryHost, subject: Subject): RegistryTarget | undefined {
  return host.kind === 'ecr'
    ? {
        host: host.host,
        subject,
        region: host.region,
        service: ECR_SERVICE,
        ...(host.accountId ? { accountId: host.accountId } : {}),
        fips: host.fips,
        dualstack: host.dualstack,
      }
    : undefined;
}
