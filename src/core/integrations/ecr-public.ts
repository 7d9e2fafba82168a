// aws/ecr-public: public.ecr.aws, whose tokens come from ecr-public:GetAuthorizationToken in us-east-1 only.
import { via } from '../config/kind-row.ts';
import type { Via } from '../config/model.ts';
import type { SchemaKit } from '../config/schema.ts';
import { ECR_PUBLIC_HOST } from '../docker/registry-host.ts';
import { dockerLoginStatus, ensureDockerLogins, logoutDockerLogins } from '../registry/docker-integration.ts';
import { ecrPublicAdHocTarget, ecrPublicTargets } from './ecr-public-registries.ts';
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
  registries: ecrPublicTargets,
  adHocRegistry: ecrPublicAdHocTarget,
  ensure: (ctx, integration) => ensureDockerLogins(ctx, ecrPublicTargets(integration)),
  environment: async () => ({}),
  status: (ctx, integration) => dockerLoginStatus(ctx, integration, ecrPublicTargets(integration)),
  logout: logoutDockerLogins,
});
