// The kind table: for each section of the document, the kinds ecr-auth supports, the schema that checks an
// entry of that kind and the function that turns it into the model. Each kind declares its own row in its module
// (provider and identity kinds in src/core/identity/kinds/, integration kinds in src/core/integrations/); this
// table takes them from the kind tables and builds their schemas from the kit.
import { IDENTITY_ROWS, PROVIDER_ROWS } from '../identity/kinds/index.ts';
import { INTEGRATION_KIND_LIST } from '../integrations/index.ts';
import type { Identity, Integration, Provider } from './model.ts';
import type { ConfigRow, KindRow } from './kind-row.ts';
import * as s from './schema.ts';

export type { EntryScope, KindRow } from './kind-row.ts';
export { accountId } from './kind-row.ts';

export type Section = 'providers' | 'identities' | 'integrations';

/** A kind's config row with its schema built (validation loads zod). */
function built<Out>(row: ConfigRow<Out>): KindRow<Out> {
  return { schema: row.schema(s.SCHEMA_KIT), toModel: row.toModel };
}

/** Provider kinds ecr-auth supports: each kind module's row (src/core/identity/kinds/). */
export const PROVIDER_KINDS: Record<string, KindRow<Provider>> = Object.fromEntries(
  Object.entries(PROVIDER_ROWS).map(([kind, row]) => [kind, built(row as ConfigRow<Provider>)]),
);

/** Identity kinds ecr-auth supports: each kind module's row (src/core/identity/kinds/). */
export const IDENTITY_KINDS: Record<string, KindRow<Identity>> = Object.fromEntries(
  Object.entries(IDENTITY_ROWS).map(([kind, row]) => [kind, built(row)]),
);

/** Integration kinds ecr-auth supports: each kind module's row, its schema built from the shared building blocks. */
export const INTEGRATION_KINDS: Record<string, KindRow<Integration>> = Object.assign(
  Object.create(null) as Record<string, KindRow<Integration>>,
  Object.fromEntries(
    INTEGRATION_KIND_LIST.map((kind) => [kind.kind, built(kind.config as ConfigRow<Integration>)]),
  ),
);

/** The kind table of each section. */
export const KINDS: { [S in Section]: Record<string, KindRow<unknown>> } = {
  providers: PROVIDER_KINDS,
  identities: IDENTITY_KINDS,
  integrations: INTEGRATION_KINDS,
};

const ATMOS_KINDS = new Set([
  'aws/saml', 'aws/user', 'aws/assume-root', 'aws/assume-role', 'aws/eks',
  'github/user', 'github/sts', 'github/app',
]);
const ATMOS_PREFIXES = ['azure/', 'gcp/', 'atmos/', 'kubernetes/', 'mock/'];

/** True for a kind Atmos knows that ecr-auth does not support in this section: warned about and dropped. */
export function isAtmosOnlyKind(section: Section, kind: string): boolean {
  if (Object.hasOwn(KINDS[section], kind)) return false;
  return ATMOS_KINDS.has(kind) || kind === 'mock' || ATMOS_PREFIXES.some((p) => kind.startsWith(p)) || kind.endsWith('/emulator');
}

/**
 * True for an entry of the document (by its path: [section, name], or ['auth', section, name]) whose kind ecr-auth
 * sets aside: its YAML functions are not run.
 */
export function setAsideByKind(path: readonly (string | number)[], value: Record<string, unknown>): boolean {
  const at = path[0] === 'auth' ? path.slice(1) : path;
  if (at.length !== 2 || typeof value.kind !== 'string') return false;
  const section = at[0];
  if (section !== 'providers' && section !== 'identities' && section !== 'integrations') return false;
  return isAtmosOnlyKind(section, value.kind);
}
