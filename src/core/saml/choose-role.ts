// Which of the assertion's roles to take: the configured (or --saml-role) role, optionally with its IdP; else the
// only role; else a choice on the terminal; in CI or without a terminal, an error listing the roles.
import type { ResolvedConfig } from '../config/model.ts';
import type { CoreContext } from '../context.ts';
import { EcrAuthError } from '../errors.ts';
import type { SamlRole } from './assertion.ts';
import { chooseOnTerminal } from '../secret-input/terminal.ts';

export interface RoleWish {
  /** The role wanted (config role_arn, --saml-role, or an Atmos-style aws/assume-role identity's role). */
  roleArn?: string;
  /** The IdP wanted when the assertion pairs the role with several. */
  idpArn?: string;
  /** The provider (or identity) name, for messages. */
  name: string;
}

function listing(roles: readonly SamlRole[]): string {
  return roles.map((r) => r.roleArn).join(', ');
}

/** The role wished for among `roles` (pure); undefined when nothing was wished. */
export function matchWish(roles: readonly SamlRole[], wish: RoleWish): SamlRole | undefined {
  if (wish.roleArn === undefined) return undefined;
  const matching = roles.filter((r) => r.roleArn === wish.roleArn && (wish.idpArn === undefined || r.principalArn === wish.idpArn));
  if (matching.length === 0) {
    throw new EcrAuthError('E_SAML', `the SAML assertion of "${wish.name}" does not offer ${wish.roleArn}${wish.idpArn ? ` through ${wish.idpArn}` : ''}`, {
      hint: `the IdP offers: ${listing(roles)}; fix role_arn (or --saml-role), or ask the IdP's admins for the role`,
    });
  }
  if (matching.length > 1) {
    throw new EcrAuthError('E_CONFIG', `the SAML assertion of "${wish.name}" offers ${wish.roleArn} through ${matching.length} IdPs`, {
      hint: `set idp_arn to one of: ${matching.map((r) => r.principalArn).join(', ')}`,
    });
  }
  return matching[0];
}

/** The role to assume with the assertion. */
export async function chooseRole(ctx: CoreContext, roles: readonly SamlRole[], wish: RoleWish): Promise<SamlRole> {
  const wished = matchWish(roles, wish);
  if (wished) return wished;
  const eligible = wish.idpArn === undefined ? roles : roles.filter((r) => r.principalArn === wish.idpArn);
  if (eligible.length === 1) return eligible[0]!;
  if (eligible.length === 0) {
    throw new EcrAuthError('E_SAML', `the SAML assertion of "${wish.name}" offers no role through ${wish.idpArn}`, { hint: `it offers: ${listing(roles)}` });
  }
  if (!ctx.interaction.human) {
    throw new EcrAuthError('E_SAML', `the SAML assertion of "${wish.name}" offers ${eligible.length} roles and none is chosen: ${listing(eligible)}`, {
      hint: 'set role_arn on the aws/saml provider, or pass --saml-role ARN',
    });
  }
  const index = await chooseOnTerminal(`Roles offered by ${wish.name}:`, eligible.map((r) => `${r.roleArn}  (via ${r.principalArn})`));
  return eligible[index]!;
}

/**
 * The config with `roleArn` as the role of every aws/saml provider that names none (--saml-role). Providers that an
 * aws/assume-role identity goes via are left alone: that identity's role is the one taken from the assertion. Pure.
 */
export function withSamlRole(config: ResolvedConfig, roleArn: string | undefined): ResolvedConfig {
  if (roleArn === undefined) return config;
  const rolesFromIdentities = new Set<string>();
  for (const identity of Object.values(config.identities)) {
    if (identity.kind === 'aws/assume-role' && 'provider' in identity.via) rolesFromIdentities.add(identity.via.provider);
  }
  const providers: ResolvedConfig['providers'] = Object.create(null);
  for (const [name, provider] of Object.entries(config.providers)) {
    const open = provider.kind === 'aws/saml' && provider.roleArn === undefined && !rolesFromIdentities.has(name);
    providers[name] = open ? { ...provider, roleArn } : provider;
  }
  return { ...config, providers };
}
