// Who credentials are asked for: a named identity, a credential-producing provider used directly (aws/ambient,
// github/oidc), or the ambient chain when the config names no identity at all. Pure.
import type { AmbientProvider, Identity, Provider, ResolvedConfig, Via } from '../config/model.ts';
import { identityChain, unknownNameError } from '../config/resolve.ts';
import { EcrAuthError } from '../errors.ts';
import type { Env } from '../paths.ts';
import { chainKeys } from './chain-key.ts';
import { keysOf } from './kinds/keys.ts';
import { own } from '../config/names.ts';

export type Subject = { identity: string } | { provider: string } | { ambient: true };

/** The implicit ambient provider used when nothing is configured. */
export const AMBIENT_SUBJECT_PROVIDER: AmbientProvider = { kind: 'aws/ambient', name: 'ambient' };

/** A display name for a subject ("dev-admin", "ci", or undefined for the bare ambient chain). */
export function subjectName(subject: Subject): string | undefined {
  if ('identity' in subject) return subject.identity;
  if ('provider' in subject) return subject.provider;
  return undefined;
}

/** The subject a `via` points at. */
export function subjectOfVia(via: Via): Subject {
  return 'identity' in via ? { identity: via.identity } : { provider: via.provider };
}

/** The chain of nodes a subject's credentials come from, root first. */
export function chainOf(config: ResolvedConfig, subject: Subject): Array<Provider | Identity> {
  if ('identity' in subject) return identityChain(config, subject.identity);
  if ('provider' in subject) {
    const provider = own(config.providers, subject.provider);
    if (!provider) throw unknownName(config, subject.provider);
    return [provider];
  }
  return [AMBIENT_SUBJECT_PROVIDER];
}

function unknownName(config: ResolvedConfig, name: string): EcrAuthError {
  const aside = config.setAside?.find((entry) => entry.name === name && entry.section !== 'integrations');
  if (aside) {
    return new EcrAuthError('E_USAGE', `${aside.section === 'identities' ? 'identity' : 'provider'} '${name}' is set aside: ${aside.reason}`, {
      hint: `\`ecr-auth validate\` lists what is set aside; the usable identities are: ${Object.keys(config.identities).join(', ') || '(none)'}`,
    });
  }
  return unknownNameError('identity', name, [...Object.keys(config.identities), ...credentialProviders(config)], config.source);
}

/** The error for a command that needs one identity when several are marked default: true and nobody can be asked. */
export function severalDefaultsError(defaults: readonly string[]): EcrAuthError {
  return new EcrAuthError('E_USAGE', `${defaults.length} identities are marked default: true (${defaults.join(', ')}) and there is no terminal to ask which`, {
    hint: `name one with --identity (${defaults.join(', ')}), or keep default: true on one of them`,
  });
}

/** A provider of a kind that yields credentials (not only a token, as IAM Identity Center): a subject of its own. */
function yieldsCredentials(provider: Provider): boolean {
  return keysOf(provider).linkKey !== undefined;
}

function credentialProviders(config: ResolvedConfig): string[] {
  return Object.values(config.providers)
    .filter(yieldsCredentials)
    .map((p) => p.name);
}

/** The cache key of a subject's credentials: the key of the last link of its chain. Pure, no network. */
export function subjectKey(config: ResolvedConfig, subject: Subject, env: Env): string {
  return chainKeys(config, chainOf(config, subject), env).at(-1)!;
}

/** The subject for a command: the named identity (or credential provider), else the default identity, else ambient. */
export function subjectFor(config: ResolvedConfig, requested: string | undefined): Subject {
  if (requested !== undefined) {
    if (own(config.identities, requested)) return { identity: requested };
    const provider = own(config.providers, requested);
    if (provider && yieldsCredentials(provider)) return { provider: requested };
    throw unknownName(config, requested);
  }
  if (config.defaultIdentity) return { identity: config.defaultIdentity };
  if (config.defaultIdentities && config.defaultIdentities.length > 1) throw severalDefaultsError(config.defaultIdentities);
  const identities = Object.keys(config.identities);
  if (identities.length === 0) {
    const providers = credentialProviders(config);
    return providers.length === 1 ? { provider: providers[0]! } : { ambient: true };
  }
  throw new EcrAuthError('E_USAGE', `the config has ${identities.length} identities and none is the default`, {
    hint: `name one with --identity (${identities.join(', ')}) or mark one with \`default: true\``,
  });
}
