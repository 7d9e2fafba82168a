// What `ecr-auth validate` reports about a config: every entry with what it resolves to (identity chains,
// registry hosts), the default identity and the effective settings. One object for --json and for the text.
import type { CoreContext } from '../core/context.ts';
import { integrationHost } from '../core/integrations/index.ts';
import type { Identity, Integration, Provider, SetAsideEntry } from '../core/config/model.ts';
import { identityChain } from '../core/config/resolve.ts';

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

/** An identity as shown: an aws/user's secret key is never printed (its key id is not secret). */
function withoutSecrets(identity: Identity): Identity {
  if (identity.kind !== 'aws/user' || !identity.keys || !('secretAccessKey' in identity.keys)) return identity;
  return { ...identity, keys: { accessKeyId: identity.keys.accessKeyId, secretAccessKey: '(hidden)' } };
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
  switch (provider.kind) {
    case 'aws/iam-identity-center':
      return `${provider.region}  ${provider.startUrl}${provider.flow ? `  flow ${provider.flow}` : ''}`;
    case 'aws/ambient':
      return [provider.profile && `profile ${provider.profile}`, provider.region].filter(Boolean).join('  ') || 'the standard AWS chain';
    case 'github/oidc':
      return `${provider.region}  ${provider.roleArn ?? 'token only: the role is on the aws/assume-role identities via it'}`;
    case 'aws/saml':
      return [provider.region, provider.url, provider.roleArn, provider.assertionCommand !== undefined ? 'assertion_command' : 'browser'].filter(Boolean).join('  ');
  }
}

/** One line about what an identity is: a permission set in an account, a role, or the ambient chain. */
export function identityDetail(identity: Identity): string {
  if (identity.kind === 'aws/permission-set') {
    const { account } = identity;
    const text = 'id' in account ? (account.name ? `${account.name} (${account.id})` : account.id) : account.name;
    return `${identity.permissionSet} in ${text}`;
  }
  if (identity.kind === 'aws/ambient') {
    return [identity.profile && `profile ${identity.profile}`, identity.region].filter(Boolean).join('  ') || 'the standard AWS chain';
  }
  if (identity.kind === 'aws/user') {
    const keys = !identity.keys ? 'no keys' : 'profile' in identity.keys ? `profile ${identity.keys.profile}` : `key ${identity.keys.accessKeyId}`;
    return identity.mfaSerial ? `${keys}  MFA ${identity.mfaSerial}` : keys;
  }
  return identity.mfaSerial ? `${identity.roleArn}  MFA ${identity.mfaSerial}` : identity.roleArn;
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
