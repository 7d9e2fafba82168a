// The table of what each provider and identity kind says of its cache key (its `keys` export). Only the kinds'
// keys: a bundle that derives keys (the cached bins) reaches this table and the pure functions it lists, never how
// credentials are obtained (kinds/index.ts), whose sign-in flows and SDK calls stay out of it.
import type { Identity, Provider } from '../../config/model.ts';
import { ambientKeys } from './ambient.ts';
import { assumeRoleKeys } from './assume-role.ts';
import { githubOidcKeys } from './github-oidc.ts';
import { ssoKeys } from './iam-identity-center.ts';
import type { ChainNode, KindKeys } from './kind.ts';
import { permissionSetKeys } from './permission-set.ts';
import { samlKeys } from './saml.ts';
import { userKeys } from './user.ts';

const KEYS_LIST = [ssoKeys, ambientKeys, assumeRoleKeys, githubOidcKeys, permissionSetKeys, samlKeys, userKeys] as const;
/** A type error here names a kind of the model with no keys in the list. */
type NoKindLeftOut<Missing extends never> = Missing;
export type EveryKindHasKeys = NoKindLeftOut<Exclude<ChainNode['kind'], (typeof KEYS_LIST)[number]['kind']>>;

/** What a node's kind says of its keys. */
export function keysOf<N extends Provider | Identity>(node: N): KindKeys<N> {
  // a handful of kinds: a search is as quick as a map, and smaller in the bundled bins
  return (KEYS_LIST as ReadonlyArray<KindKeys>).find((keys) => keys.kind === node.kind) as unknown as KindKeys<N>;
}
