// aws/ecr: a private ECR registry, <account>.dkr.ecr.<region>.<partition suffix>.
import type { EcrIntegration } from '../config/model.ts';
import { ecrRegistryHost } from '../docker/registry-host.ts';
import { subjectOfVia } from '../identity/subject.ts';
import type { IntegrationKind } from './kind.ts';

export const ecrIntegration: IntegrationKind<EcrIntegration> = {
  kind: 'aws/ecr',
  targets: (integration) => {
    const { accountId, region } = integration.registry;
    return [
      {
        host: ecrRegistryHost(accountId, region),
        integration: integration.name,
        subject: subjectOfVia(integration.via),
        region,
        public: false,
        accountId,
        fips: false,
        dualstack: false,
      },
    ];
  },
  environment: () => ({}),
};
