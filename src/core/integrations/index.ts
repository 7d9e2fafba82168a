// The table of integration kinds. Adding one (EKS kubeconfig, CodeArtifact...) is one new module plus one entry here;
// the config table, the model's Integration type and the orchestration path all read this list.
import { codeartifactIntegration } from './codeartifact.ts';
import { ecrPublicIntegration } from './ecr-public.ts';
import { ecrIntegration } from './ecr.ts';
import { eksIntegration } from './eks.ts';
import type { IntegrationKind, ModelOf } from './kind.ts';

/** Every integration kind ecr-auth supports. */
export const INTEGRATION_KIND_LIST = [ecrIntegration, ecrPublicIntegration, eksIntegration, codeartifactIntegration] as const;

/** An integration of the resolved config: the model of one of the kinds above. */
export type Integration = ModelOf<(typeof INTEGRATION_KIND_LIST)[number]>;

const BY_KIND: ReadonlyMap<string, IntegrationKind<Integration>> = new Map(
  INTEGRATION_KIND_LIST.map((kind) => [kind.kind, kind as unknown as IntegrationKind<Integration>]),
);

/** The implementation of an integration's kind. */
export function integrationKindOf<I extends Integration>(integration: I): IntegrationKind<I> {
  return BY_KIND.get(integration.kind) as unknown as IntegrationKind<I>;
}

/** The kind of that name, if ecr-auth has it. */
export function integrationKindNamed(kind: string): IntegrationKind<Integration> | undefined {
  return BY_KIND.get(kind);
}

/** What an integration serves, in one line (the registry host of an ECR kind): for `validate` and generators. */
export function integrationHost(integration: Integration): string {
  return integrationKindOf(integration).describe(integration);
}
