// The table of integration kinds. Adding one (EKS kubeconfig, CodeArtifact...) is one new file plus one line here.
import type { Integration } from '../config/model.ts';
import { ecrPublicIntegration } from './ecr-public.ts';
import { ecrIntegration } from './ecr.ts';
import type { IntegrationKind } from './kind.ts';

const KINDS = {
  'aws/ecr': ecrIntegration,
  'aws/ecr-public': ecrPublicIntegration,
} as const;

/** The registry host an integration logs Docker into (its first target): for `validate` and generators. */
export function integrationHost(integration: Integration): string {
  return integrationKindOf(integration).targets(integration)[0]!.host;
}

/** The implementation of an integration's kind. */
export function integrationKindOf<I extends Integration>(integration: I): IntegrationKind<I> {
  return KINDS[integration.kind] as unknown as IntegrationKind<I>;
}
