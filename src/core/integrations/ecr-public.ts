// aws/ecr-public: public.ecr.aws, whose tokens come from ecr-public:GetAuthorizationToken in us-east-1 only.
import { via } from '../config/kind-row.ts';
import type { Via } from '../config/model.ts';
import type { SchemaKit } from '../config/schema.ts';
import { ECR_PUBLIC_HOST, ECR_PUBLIC_REGION } from '../docker/registry-host.ts';
import { subjectOfVia } from '../identity/subject.ts';
import { dockerLoginStatus, ensureDockerLogins, logoutDockerLogins } from '../registry/docker-integration.ts';
import type { RegistryService, RegistryTarget } from '../registry/targets.ts';
import { defineIntegrationKind } from './kind.ts';

export interface EcrPublicIntegration {
  kind: 'aws/ecr-public';
  name: string;
  via: Via;
  autoProvision: boolean;
}

function schema({ z, via }: SchemaKit) {
  return z.strictObject({
    kind: z.literal('aws/ecr-public'),
    via,
    spec: z.strictObject({ auto_provision: z.boolean().optional() }).optional(),
    auto_provision: z.boolean().optional(),
  });
}
type Input = import('zod').infer<ReturnType<typeof schema>>;

/** ECR Public tokens, always from us-east-1. */
export const ECR_PUBLIC_SERVICE: RegistryService = {
  name: 'ecr-public',
  label: () => 'ECR Public',
  fetchToken: async (env, who) => (await import('../aws/ecr.ts')).getEcrPublicToken(env, who),
};

const publicTarget = (subject: RegistryTarget['subject'], integration?: string): RegistryTarget => ({
  host: ECR_PUBLIC_HOST,
  ...(integration === undefined ? {} : { integration }),
  subject,
  region: ECR_PUBLIC_REGION,
  service: ECR_PUBLIC_SERVICE,
  fips: false,
  dualstack: false,
});

const targets = (integration: EcrPublicIntegration) => [publicTarget(subjectOfVia(integration.via), integration.name)];

export const ecrPublicIntegration = defineIntegrationKind<EcrPublicIntegration>({
  kind: 'aws/ecr-public',
  config: {
    schema,
    toModel: (i: Input, { name }) => ({
      kind: i.kind,
      name,
      via: via(i.via),
      autoProvision: i.spec?.auto_provision ?? i.auto_provision ?? true,
    }),
  },
  describe: () => ECR_PUBLIC_HOST,
  registries: targets,
  adHocRegistry: (host, subject) => (host.kind === 'ecr-public' ? publicTarget(subject) : undefined),
  ensure: (ctx, integration) => ensureDockerLogins(ctx, targets(integration)),
  environment: async () => ({}),
  status: (ctx, integration) => dockerLoginStatus(ctx, integration, targets(integration)),
  logout: logoutDockerLogins,
});
