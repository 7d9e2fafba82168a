// aws/ecr: a private ECR registry, <account>.dkr.ecr.<region>.<partition suffix>. Its credential is a Docker login
// whose token comes from ecr:GetAuthorizationToken in the registry's region.
import { accountId, via } from '../config/kind-row.ts';
import type { SchemaKit } from '../config/schema.ts';
import type { Via } from '../config/model.ts';
import { joinPath } from '../config/issues.ts';
import { dockerLoginStatus, ensureDockerLogins, logoutDockerLogins } from '../registry/docker-integration.ts';
import { ecrAdHocTarget, ecrTargets } from './ecr-registries.ts';
import { defineIntegrationKind } from './kind.ts';

export interface EcrIntegration {
  kind: 'aws/ecr';
  name: string;
  via: Via;
  registry: { accountId: string; region: string };
  autoProvision: boolean;
}

/** The config entry: `spec.registry.{account_id, region}`; auto_provision in spec (Atmos) or beside it. */
function schema({ z, via, accountId, region }: SchemaKit) {
  return z.strictObject({
    kind: z.literal('aws/ecr'),
    via,
    spec: z.strictObject({
      registry: z.strictObject({ account_id: accountId, region }),
      auto_provision: z.boolean().optional(),
    }),
    /** Also accepted beside spec; spec.auto_provision is the Atmos spelling. */
    auto_provision: z.boolean().optional(),
  });
}
type Input = import('zod').infer<ReturnType<typeof schema>>;

export const ecrIntegration = defineIntegrationKind<EcrIntegration>({
  kind: 'aws/ecr',
  config: {
    schema,
    toModel: (i: Input, { name, path, issues }) => ({
      kind: i.kind,
      name,
      via: via(i.via),
      registry: {
        accountId: accountId(i.spec.registry.account_id, joinPath(path, 'spec', 'registry', 'account_id'), issues),
        region: i.spec.registry.region,
      },
      autoProvision: i.spec.auto_provision ?? i.auto_provision ?? true,
    }),
  },
  describe: (integration) => ecrTargets(integration)[0]!.host,
  registries: ecrTargets,
  adHocRegistry: ecrAdHocTarget,
  ensure: (ctx, integration) => ensureDockerLogins(ctx, ecrTargets(integration)),
  environment: async () => ({}),
  status: (ctx, integration) => dockerLoginStatus(ctx, integration, ecrTargets(integration)),
  logout: logoutDockerLogins,
});
