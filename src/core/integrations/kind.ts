// The interface every integration kind implements: one module per kind (registered in integrations/index.ts)
// declares its config row, what it serves, how it materializes its credential where its clients read it (Docker
// config, .npmrc, kubeconfig...), the environment it adds to `exec`/`env`/`with-auth`, and how `status` and `logout`
// see it. The orchestration path (session.ts, session/*) calls these and names no kind.
import type { z } from 'zod';
import type { EntryScope } from '../config/kind-row.ts';
import type { Via } from '../config/model.ts';
import type { SchemaKit } from '../config/schema.ts';
import type { CoreContext } from '../context.ts';
import type { RegistryHost } from '../docker/registry-host.ts';
import type { Subject } from '../identity/subject.ts';
import type { RegistryTarget } from '../registry/targets.ts';
import type { LogoutScope, RegistryLogin, StatusEntry } from '../session-types.ts';

/** What every integration of the model has. */
export interface IntegrationBase {
  kind: string;
  name: string;
  via: Via;
  autoProvision: boolean;
}

export interface IntegrationKind<I extends IntegrationBase = IntegrationBase> {
  kind: I['kind'];
  /** The config row: the schema (built from the kit at validation, so zod stays unloaded otherwise) and the model. */
  config: {
    schema(kit: SchemaKit): z.ZodType;
    toModel(input: never, scope: EntryScope): I | undefined;
  };
  /** What it serves, in one line (a registry host, a cluster, repositories): validate, describe, failure lines. */
  describe(integration: I): string;
  /** The Docker registries it serves: `--registry HOST`, get-login-password and the credential helper look here. */
  registries(integration: I): RegistryTarget[];
  /** A registry host no integration of the config serves, when this kind knows how to log in to it. */
  adHocRegistry?(host: RegistryHost, subject: Subject): RegistryTarget | undefined;
  /** Obtains (or reuses) its credential and writes it where its clients read it. Throws EcrAuthError. */
  ensure(ctx: CoreContext, integration: I): Promise<RegistryLogin[]>;
  /** Variables it adds to the environment of `exec`, `env` and `with-auth` (from the cache, fetching on a miss). */
  environment(ctx: CoreContext, integration: I): Promise<Record<string, string>>;
  /**
   * A credential minted on demand for a client's credential plugin (kubectl's exec plugin runs `ecr-auth eks-token`),
   * as the text the client reads. From the cache while fresh: the SDK is loaded only on a miss.
   */
  clientCredential?(ctx: CoreContext, request: ReadonlyMap<string, string>): Promise<string>;
  /** Its lines of `status`, from local files only. */
  status(ctx: CoreContext, integration: I): Promise<StatusEntry[]>;
  /**
   * Removes what kinds of its family cached and wrote, for one subject or all; returns what was removed. Kinds that
   * share files (both ECR kinds share the Docker config) share this function, and logout calls it once.
   */
  logout(ctx: CoreContext, scope: LogoutScope): Promise<string[]>;
}

/** Declares a kind (only for type inference: the model type of the kind is what its toModel returns). */
export function defineIntegrationKind<I extends IntegrationBase>(kind: IntegrationKind<I>): IntegrationKind<I> {
  return kind;
}

/** The model type an integration kind produces. */
export type ModelOf<K> = K extends IntegrationKind<infer I> ? I : never;
