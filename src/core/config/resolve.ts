// Names -> graph: checks every `via` reference (exists, right kind, no cycle), picks the default identity,
// and walks an identity's chain down to its root provider for the session.
import { EcrAuthError } from '../errors.ts';
import { didYouMean } from './closest.ts';
import type { SectionResult } from './entries.ts';
import type { IssueList } from './issues.ts';
import { joinPath } from './issues.ts';
import type { Identity, Integration, Provider, ResolvedConfig, SetAsideEntry, Via } from './model.ts';
import { own } from './names.ts';
import { isTokenOnlyProvider } from '../identity/chain-key.ts';

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
  /** Provider kinds accepted with a warning, because Atmos accepts them, though they cannot work at run time. */
  warnedKinds?: Partial<Record<Provider['kind'], string>>;
}

const CREDENTIAL_PROVIDERS: Array<Provider['kind']> = ['aws/ambient', 'github/oidc', 'aws/saml'];
const NEEDS_CREDENTIALS =
  'it needs AWS credentials, and an aws/iam-identity-center provider yields an SSO token: go through an aws/permission-set identity';
/** Why an aws/assume-role straight from an IAM Identity Center provider validates but cannot sign in. */
export const ASSUME_ROLE_VIA_SSO =
  'Atmos accepts this, but it cannot work at run time: an IAM Identity Center provider yields an SSO access token, not AWS ' +
  'credentials, so there is nothing to call sts:AssumeRole with (Atmos passes the token as an access key id and STS ' +
  'refuses it). Chain the role from an aws/permission-set identity instead: via: { identity: <permission set> }';
const RULES: Record<Exclude<Identity['kind'], 'aws/user'> | 'integration', ViaRule> = {
  'aws/permission-set': {
    identity: false,
    providerKinds: ['aws/iam-identity-center'],
    reason: 'a permission set is reached through IAM Identity Center',
  },
  'aws/assume-role': {
    identity: true, providerKinds: CREDENTIAL_PROVIDERS, reason: NEEDS_CREDENTIALS,
    warnedKinds: { 'aws/iam-identity-center': ASSUME_ROLE_VIA_SSO },
  },
  'aws/ambient': { identity: false, providerKinds: [], reason: 'an ambient identity takes its credentials from the environment' },
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
  } else if (target === 'provider' && rule.warnedKinds?.[(entry as Provider).kind] !== undefined) {
    issues.warn(at, `provider '${name}' is of kind ${(entry as Provider).kind}: ${rule.warnedKinds[(entry as Provider).kind]}`);
  } else if (target === 'provider' && !rule.providerKinds.includes((entry as Provider).kind)) {
    issues.error(at, `provider '${name}' is of kind ${(entry as Provider).kind}: ${rule.reason}`,
      `a provider of kind ${rule.providerKinds.join(' or ')}${rule.identity ? ', or via: { identity: NAME }' : ''}`);
  } else if (target === 'provider' && rule === RULES.integration && isTokenOnlyProvider(entry as Provider)) {
    issues.error(at, `provider '${name}' has no role_arn, so it yields a token, not AWS credentials`,
      `give the provider a role_arn, or go via an aws/assume-role identity whose via is this provider`);
  }
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

/** What resolving the graph decided besides the errors: the default identity and what was set aside. */
export interface GraphDecisions {
  defaultIdentity?: string;
  /** Several identities marked default: true. */
  defaultIdentities?: string[];
  setAside: SetAsideEntry[];
}

/**
 * Sets aside every entry that depends (through `via`, at any depth) on an entry of an out-of-scope kind, with a
 * warning naming what it depends on, so that one unsupported kind never fails the entries that do not need it.
 */
export function setAsideDependents(graph: ConfigGraph, base: string, issues: IssueList): SetAsideEntry[] {
  const setAside: SetAsideEntry[] = [];
  const record = (section: SetAsideEntry['section'], name: string, kind: string, reason: string) => setAside.push({ section, name, kind, reason });
  for (const [name, kind] of Object.entries(graph.providers.dropped)) record('providers', name, kind, `${kind} is not supported by ecr-auth`);
  for (const [name, kind] of Object.entries(graph.identities.dropped)) record('identities', name, kind, `${kind} is not supported by ecr-auth`);
  for (const [name, kind] of Object.entries(graph.integrations.dropped)) record('integrations', name, kind, `${kind} is not supported by ecr-auth`);
  const droppedTarget = (via: Via): string | undefined => {
    if ('identity' in via) {
      const kind = own(graph.identities.dropped, via.identity);
      return kind === undefined ? undefined : `identity '${via.identity}' (${kind})`;
    }
    const kind = own(graph.providers.dropped, via.provider);
    return kind === undefined ? undefined : `provider '${via.provider}' (${kind})`;
  };
  const move = <T extends { kind: string; via?: Via | undefined }>(section: 'identities' | 'integrations', result: SectionResult<T>): boolean => {
    let moved = false;
    for (const [name, entry] of Object.entries(result.entries)) {
      const target = entry.via === undefined ? undefined : droppedTarget(entry.via);
      if (target === undefined) continue;
      issues.warn(joinPath(base, section, name), `is set aside: it depends on ${target}, which ecr-auth does not support`);
      record(section, name, entry.kind, `depends on ${target}`);
      result.dropped[name] = entry.kind;
      delete result.entries[name];
      moved = true;
    }
    return moved;
  };
  while (move('identities', graph.identities));
  move('integrations', graph.integrations);
  return setAside;
}

/** Reports every bad reference and cycle; decides the default identity and sets aside what depends on a dropped kind. */
export function resolveGraph(graph: ConfigGraph, base: string, issues: IssueList): GraphDecisions {
  const setAside = setAsideDependents(graph, base, issues);
  for (const [name, identity] of Object.entries(graph.identities.entries)) {
    // aws/user and aws/ambient identities are roots: their credentials come from no provider
    if (identity.via !== undefined) checkVia(joinPath(base, 'identities', name), identity.via, RULES[identity.kind], graph, issues);
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
    // as Atmos: a terminal asks which one; a command without a person to ask fails, naming them
    issues.warn(joinPath(base, 'identities'), `more than one identity has default: true (${defaults.join(', ')}): ` +
      'a terminal asks which to use; elsewhere name one with --identity');
    return { defaultIdentities: defaults, setAside };
  }
  if (defaults.length === 1) return { defaultIdentity: defaults[0]!, setAside };
  return identities.length === 1 ? { defaultIdentity: identities[0]!.name, setAside } : { setAside };
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
      current = undefined; // a root identity (aws/user, aws/ambient): its credentials come from no provider
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
