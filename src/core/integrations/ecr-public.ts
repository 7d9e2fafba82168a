// aws/ecr-public: public.ecr.aws, whose tokens come from us-east-1 only.
import type { EcrPublicIntegration } from '../config/model.ts';
import { ECR_PUBLIC_HOST, ECR_PUBLIC_REGION } from '../docker/registry-host.ts';
import { subjectOfVia } from '../identity/subject.ts';
import type { IntegrationKind } from './kind.ts';

export const ecrPublicIntegration: IntegrationKind<EcrPublicIntegration> = {
  kind: 'aws/ecr-public',
  targets: (integration) => [
    {
      host: ECR_PUBLIC_HOST,
      integration: integration.name,
      subject: subjectOfVia(integration.via),
      region: ECR_PUBLIC_REGION,
      public: true,
      fips: false,
      dualstack: false,
    },
  ],
  environment: () => ({}),
};
