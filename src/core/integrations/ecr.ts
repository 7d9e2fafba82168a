// aws/ecr: a private ECR registry, <account>.dkr.ecr.<region>.<partition suffix>. Its credential is a Docker login
// whose token comes from ecr:GetAuthorizationToken in the registry's region.
import { accountId, via } from '../config/kind-row.ts';
import type { SchemaKit } from '../config/schema.ts';
import type { Via } from '../config/model.ts';
import { ecrRegistryHost } from '../docker/registry-host.ts';
import { joinPath } from '../config/issues.ts';
import { subjectOfVia } from '../identity/subject.ts';
import { dockerLoginStatus, ensureDockerLogins, logoutDockerLogins } from '../registry/docker-integration.ts';
import type { RegistryService } from '../registry/targets.ts';
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

const targets = (integration: EcrIntegration) => {
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
};

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
  describe: (integration) => targets(integration)[0]!.host,
  registries: targets,
  adHocRegistry: (host, subject) =>
    host.kind === 'ecr'
      ? {
          host: host.host,
          subject,
          region: host.region,
          service: ECR_SERVICE,
          ...(host.accountId ? { accountId: host.accountId } : {}),
          fips: host.fips,
          dualstack: host.dualstack,
        }
      : undefined,
  ensure: (ctx, integration) => ensureDockerLogins(ctx, targets(integration)),
  environment: async () => ({}),
  status: (ctx, integration) => dockerLoginStatus(ctx, integration, targets(integration)),
  logout: logoutDockerLogins,
});
