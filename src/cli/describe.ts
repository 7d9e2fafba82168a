// What `ecr-auth validate` reports about a config: every entry with what it resolves to (identity chains,
// registry hosts), the default identity and the effective settings. One object for --json and for the text.
import type { CoreContext } from '../core/context.ts';
import { integrationHost } from '../core/integrations/index.ts';
import type { Identity, Integration, Provider, SetAsideEntry } from '../core/config/model.ts';
import { identityChain } from '../core/config/resolve.ts';
import { sessionHooksOf } from '../core/identity/kinds/index.ts';

export interface ConfigSummary {
  valid: true;
  source: string | null;
  providers: Provider[];
  identities: Array<Identity & { chain: string[] }>;
  integrations: Array<Integration & { host: string }>;
  defaultIdentity: string | null;
  /** Several identities marked default: true (a terminal asks which). */
  defaultIdentities?: string[];
  /** Out-of-scope entries, and those depending on them, left out of the config. */
  setAside: SetAsideEntry[];
  settings: { minValidity: string; minValidityMs: number; docker: { mode: string } };
  warnings: string[];
}

/** A duration as a config would write it: "15m", "1h", "1h30m", "90s" -> "1m30s", "500ms". */
export function durationText(ms: number): string {
  const units: Array<[string, number]> = [['d', 86_400_000], ['h', 3_600_000], ['m', 60_000], ['s', 1000], ['ms', 1]];
  let rest = Math.round(ms);
  let text = '';
  for (const [unit, size] of units) {
    if (rest >= size) {
      text += `${Math.floor(rest / size)}${unit}`;
      rest %= size;
    }
  }
  return text || '0s';
}

/** An identity as shown: a secret it holds (an aws/user's secret key) is never printed. */
function withoutSecrets(identity: Identity): Identity {
  return sessionHooksOf(identity).shown?.(identity) ?? identity;
}

/** The summary of a loaded config; minValidityMs is the effective one (--min-validity wins over settings). */
export function describeConfig(ctx: Pick<CoreContext, 'config' | 'minValidityMs'>): ConfigSummary {
  const { config } = ctx;
  return {
    valid: true,
    source: config.source ?? null,
    providers: Object.values(config.providers),
    identities: Object.values(config.identities).map((identity) => ({
      ...withoutSecrets(identity),
      chain: identityChain(config, identity.name).map((node) => node.name),
    })),
    integrations: Object.values(config.integrations).map((integration) => ({ ...integration, host: integrationHost(integration) })),
    defaultIdentity: config.defaultIdentity ?? null,
    ...(config.defaultIdentities ? { defaultIdentities: [...config.defaultIdentities] } : {}),
    setAside: [...(config.setAside ?? [])],
    settings: { minValidity: durationText(ctx.minValidityMs), minValidityMs: ctx.minValidityMs, docker: { ...config.settings.docker } },
    warnings: [...config.warnings],
  };
}

function providerDetail(provider: Provider): string {
  return sessionHooksOf(provider).detail?.(provider) ?? '';
}

/** One line about what an identity is: a permission set in an account, a role, the ambient chain... (its kind says). */
export function identityDetail(identity: Identity): string {
  return sessionHooksOf(identity).detail?.(identity) ?? '';
}

/** The summary as table rows per section, for the text output. */
export function summaryRows(summary: ConfigSummary): { providers: string[][]; identities: string[][]; integrations: string[][] } {
  return {
    providers: summary.providers.map((p) => [p.name, p.kind, providerDetail(p)]),
    identities: summary.identities.map((i) => [
      `${i.name}${i.name === summary.defaultIdentity ? ' (default)' : ''}`,
      i.kind,
      identityDetail(i),
      i.chain.join(' → '),
    ]),
    integrations: summary.integrations.map((i) => [
      i.name,
      i.kind,
      i.host,
      `via ${'identity' in i.via ? i.via.identity : i.via.provider}`,
      i.autoProvision ? 'on login' : 'on demand',
    ]),
  };
}
