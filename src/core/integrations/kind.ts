// The interface every integration kind implements (one file per kind, registered in integrations/index.ts).
// An integration materializes client-side credentials from an identity: here, Docker registry logins.
import type { Integration } from '../config/model.ts';
import type { RegistryTarget } from '../registry/targets.ts';

export interface IntegrationKind<I extends Integration = Integration> {
  kind: I['kind'];
  /** The registries it logs Docker into (ensure = log in to each; cleanup = remove each one's Docker entry). Pure. */
  targets(integration: I): RegistryTarget[];
  /** Variables it adds to the environment of `exec` / `with-auth` commands. Pure. */
  environment(integration: I): Record<string, string>;
}
