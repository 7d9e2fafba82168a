// Names -> graph: checks every `via` reference (exists, right kind, no cycle), picks the default identity,
// and walks an identity's chain down to its root provider for the session.
import { EcrAuthError } from '../errors.ts';
import { didYouMean } from './closest.ts';
import type { SectionResult } from './entries.ts';
import type { IssueList } from './issues.ts';
import { joinPath } from './issues.ts';
import type { Identity, Integration, Provider, ResolvedConfig, Via } from './model.ts';
import { own } from './names.ts';

/** The checked sections of a document, before their references are resolved. */
export interface ConfigGraph {
  providers: SectionResult<Provider>;
  identities: SectionResult<Identity>;
  integrations: SectionResult<Integration>;
}

interface ViaRule {
  identity: boolean;
  providerKinds: Array<Provider['kind']>;
  /** Why another provider kind does not fit. */
  reason: string;
}

const CREDENTIAL_PROVIDERS: Array<Provider['kind']> = ['aws/ambient', 'github/oidc', 'aws/saml'];
const NEEDS_CREDENTIALS =
  'it needs AWS credentials, and an aws/iam-identity-center provider yields an SSO token: go through an aws/permission-set identity';
const RULES: Record<Exclude<Identity['kind'], 'aws/user'> | 'integration', ViaRule> = {
  'aws/permission-set': {
    identity: false,
    providerKinds: ['aws/iam-identity-center'],
    reason: 'a permission set is reached through IAM Identity Center',
  },
  'aws/assume-role': { identity: true, providerKinds: CREDENTIAL_PROVIDERS, reason: NEEDS_CREDENTIALS },
  integration: { identity: true, providerKinds: CREDENTIAL_PROVIDERS, reason: NEEDS_CREDENTIALS },
};

function names(record: Record<string, unknown>): string[] {
  return Object.keys(record);
}

function checkVia(path: string, via: Via, rule: ViaRule, graph: ConfigGraph, issues: IssueList): void {
  const target = 'identity' in via ? 'identity' : 'provider';
  const name = 'identity' in via ? via.identity : via.provider;
  const section = target === 'identity' ? graph.identities : graph.providers;
  const other = target === 'identity' ? graph.providers : graph.identities;
  const at = joinPath(path, 'via', target);
  if (section.invalid.has(name)) return;
  const dropped = own(section.dropped, name);
  if (dropped !== undefined) {
    issues.error(at, `${target} '${name}' is of kind ${dropped}, which is not supported by ecr-auth`);
    return;
  }
  const entry = own<Provider | Identity>(section.entries, name);
  if (entry === undefined) {
    const swap = Object.hasOwn(other.entries, name) ? ` (there is a ${target === 'identity' ? 'provider' : 'identity'} named '${name}')` : '';
    const candidates = names(section.entries);
    issues.error(at, `no ${target} named '${name}'${didYouMean(name, candidates) || swap}`,
      candidates.length > 0 && candidates.length <= 12 ? `one of ${candidates.join(', ')}` : undefined);
    return;
  }
  if (target === 'identity' && !rule.identity) {
    issues.error(at, `must be a provider: ${rule.reason}`);
  } else if (target === 'provider' && !rule.providerKinds.includes((entry as Provider).kind)) {
    issues.error(at, `provider '${name}' is of kind ${(entry as Provider).kind}: ${rule.reason}`,
      `a provider of kind ${rule.providerKinds.join(' or ')}${rule.identity ? ', or via: { identity: NAME }' : ''}`);
  } else if (target === 'provider' && rule === RULES.integration && isTokenOnlyProvider(entry as Provider)) {
    issues.error(at, `provider '${name}' has no role_arn, so it yields a token, not AWS credentials`,
      `give the provider a role_arn, or go via an aws/assume-role identity whose via is this provider`);
  }
}

/** A provider that yields a token for a child link to use rather than AWS credentials of its own. */
export function isTokenOnlyProvider(node: Provider | Identity): boolean {
  return node.kind === 'aws/iam-identity-center' || (node.kind === 'github/oidc' && node.roleArn === undefined);
}

/**
 * An aws/saml provider without a role of its own, directly under an aws/assume-role identity: as in Atmos, the
 * identity's role is taken from the assertion (one AssumeRoleWithSAML), so the provider is no link of its own.
 */
export function yieldsRoleToChild(node: Provider | Identity, child: Provider | Identity | undefined): boolean {
  return node.kind === 'aws/saml' && node.roleArn === undefined && child?.kind === 'aws/assume-role';
}

/** The identity cycles of the graph, each as the names along it ending with its first name again. */
export function findCycles(identities: Record<string, Identity>): string[][] {
  const cycles: string[][] = [];
  const settled = new Set<string>();
  for (const start of Object.keys(identities)) {
    const trail: string[] = [];
    let current: string | undefined = start;
    while (current !== undefined && !settled.has(current)) {
      const seen = trail.indexOf(current);
      if (seen >= 0) {
        cycles.push([...trail.slice(seen), current]);
        break;
      }
      trail.push(current);
      const via: Via | undefined = own(identities, current)?.via;
      current = via && 'identity' in via ? via.identity : undefined;
    }
    for (const name of trail) settled.add(name);
  }
  return cycles;
}

/** Reports every bad reference and cycle, and returns the default identity (if there is a single choice). */
export function resolveGraph(graph: ConfigGraph, base: string, issues: IssueList): string | undefined {
  for (const [name, identity] of Object.entries(graph.identities.entries)) {
    // an aws/user identity is a root: its keys come from no provider
    if (identity.kind !== 'aws/user') checkVia(joinPath(base, 'identities', name), identity.via, RULES[identity.kind], graph, issues);
  }
  for (const [name, integration] of Object.entries(graph.integrations.entries)) {
    checkVia(joinPath(base, 'integrations', name), integration.via, RULES.integration, graph, issues);
  }
  for (const cycle of findCycles(graph.identities.entries)) {
    issues.error(joinPath(base, 'identities', cycle[0]!, 'via', 'identity'), `identities form a cycle: ${cycle.join(' → ')}`,
      'a chain of identities that ends at a provider');
  }
  const identities = Object.values(graph.identities.entries);
  const defaults = identities.filter((identity) => identity.default).map((identity) => identity.name);
  if (defaults.length > 1) {
    issues.error(joinPath(base, 'identities', defaults[1]!, 'default'), `more than one identity has default: true (${defaults.join(', ')})`,
      'default: true on one identity at most');
    return undefined;
  }
  if (defaults.length === 1) return defaults[0];
  return identities.length === 1 ? identities[0]!.name : undefined;
}

/** The error for a name that is not in the config, with the closest existing name and the choices. */
export function unknownNameError(what: 'identity' | 'integration' | 'provider', name: string, candidates: string[], source?: string): EcrAuthError {
  const where = source ? ` in ${source}` : ' in the config';
  return new EcrAuthError('E_USAGE', `no ${what} named '${name}'${where}${didYouMean(name, candidates)}`, {
    hint: candidates.length > 0 ? `the ${what} names are: ${candidates.join(', ')}` : `add one to the config and check it with \`ecr-auth validate\``,
  });
}

/** The chain that yields an identity's credentials, root provider first and the identity itself last. */
export function identityChain(config: Pick<ResolvedConfig, 'providers' | 'identities' | 'source'>, name: string): Array<Provider | Identity> {
  const chain: Array<Provider | Identity> = [];
  let current: Identity | undefined = own(config.identities, name);
  if (current === undefined) throw unknownNameError('identity', name, names(config.identities), config.source);
  const seen = new Set<string>();
  while (current !== undefined) {
    if (seen.has(current.name)) throw new EcrAuthError('E_CONFIG', `identities form a cycle at '${current.name}'`);
    seen.add(current.name);
    chain.unshift(current);
    const via: Via | undefined = current.via;
    if (via === undefined) {
      current = undefined;
    } else if ('identity' in via) {
      current = own(config.identities, via.identity);
      if (current === undefined) throw unknownNameError('identity', via.identity, names(config.identities), config.source);
    } else {
      const provider = own(config.providers, via.provider);
      if (provider === undefined) throw unknownNameError('provider', via.provider, names(config.providers), config.source);
      chain.unshift(provider);
      current = undefined;
    }
  }
  return chain;
}
