// One SAML sign-in: the assertion (from assertion_command, else the browser), the role chosen among those it
// offers, and AssumeRoleWithSAML. Used by the aws/saml provider kind, and by aws/assume-role identities that go via
// an aws/saml provider without a role of its own (the Atmos way: the identity's role is taken from the assertion).
import type { SamlProvider } from '../config/model.ts';
import type { CoreContext } from '../context.ts';
import type { AwsCredentials } from '../credentials.ts';
import { rolesOfAssertion } from './assertion.ts';
import { chooseRole } from './choose-role.ts';

export interface SamlExchange {
  provider: SamlProvider;
  /** The role wanted; undefined = the provider's, else the only one, else a choice on the terminal. */
  roleArn?: string;
  durationSeconds?: number;
  /** The name credentials are asked for (identity or provider), for messages. */
  name: string;
}

/** The provider's assertion, as printed by its assertion_command or captured in the browser. */
async function assertionOf(ctx: CoreContext, provider: SamlProvider): Promise<string> {
  if (provider.assertionCommand !== undefined) {
    const { runSecretCommand } = await import('../secret-input/command.ts');
    return runSecretCommand(provider.assertionCommand, { what: `assertion_command of provider "${provider.name}"`, env: ctx.env, cwd: ctx.cwd });
  }
  const { captureAssertion } = await import('./browser-capture.ts');
  return captureAssertion(ctx, { url: provider.url, name: provider.name });
}

/** Signs in at the IdP and exchanges the assertion for credentials of the chosen role. */
export async function samlCredentials(ctx: CoreContext, exchange: SamlExchange): Promise<AwsCredentials> {
  const { provider } = exchange;
  const assertion = await assertionOf(ctx, provider);
  const roles = rolesOfAssertion(assertion);
  ctx.log.verbose(`${provider.name}: the assertion offers ${roles.length} role(s): ${roles.map((r) => r.roleArn).join(', ')}`);
  const role = await chooseRole(ctx, roles, {
    name: provider.name,
    ...(exchange.roleArn ?? provider.roleArn ? { roleArn: (exchange.roleArn ?? provider.roleArn)! } : {}),
    ...(provider.idpArn ? { idpArn: provider.idpArn } : {}),
  });
  const { assumeRoleWithSaml } = await import('../aws/sts.ts');
  const durationSeconds = exchange.durationSeconds ?? provider.durationSeconds;
  const credentials = await assumeRoleWithSaml(ctx.env, {
    region: provider.region,
    roleArn: role.roleArn,
    principalArn: role.principalArn,
    assertion,
    ...(durationSeconds ? { durationSeconds } : {}),
    identity: exchange.name,
  });
  ctx.log.verbose(`${provider.name}: signed in as ${role.roleArn}`);
  return credentials;
}
