// The configs under test/fixtures/configs, loaded the way the CLI loads them (--config).
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './load.ts';

const fixture = (name: string) => fileURLToPath(new URL(`../../../test/fixtures/configs/${name}`, import.meta.url));

describe('fixture configs', () => {
  it('the contract example validates, with no warnings', async () => {
    const config = await loadConfig({ cwd: '/', env: {}, configPath: fixture('contract.yaml') });
    expect(Object.keys(config.identities)).toEqual(['dev-admin', 'deployer']);
    expect(config.identities.deployer).toMatchObject({ externalId: 'optional', durationSeconds: 3600, sessionName: 'optional' });
    expect(config.defaultIdentity).toBeUndefined();
    expect(config.warnings).toEqual([]);
  });

  it('a whole atmos.yaml pastes in: its auth: block is used, the rest is warned about', async () => {
    const config = await loadConfig({ cwd: '/', env: {}, configPath: fixture('atmos.yaml') });
    expect(Object.keys(config.providers)).toEqual(['acme-sso']);
    expect(Object.keys(config.identities)).toEqual(['core-identity/admin', 'plat-prod/terraform']);
    expect(Object.keys(config.integrations)).toEqual(['core/ecr']);
    expect(config.defaultIdentity).toBe('core-identity/admin');
    expect(config.warnings).toEqual([
      'base_path: is outside auth: and is ignored',
      'components: is outside auth: and is ignored',
      'stacks: is outside auth: and is ignored',
      'auth.logs: is an Atmos setting that ecr-auth does not use: ignored',
      'auth.keyring: is an Atmos setting that ecr-auth does not use: ignored',
      'auth.providers.acme-sso.auto_provision_identities: is not used by ecr-auth and is ignored',
      'auth.providers.acme-sso.session: is not used by ecr-auth and is ignored',
      'auth.providers.acme-sso.console: is not used by ecr-auth and is ignored',
      'auth.providers.okta.kind: aws/saml is not supported by ecr-auth: this entry is set aside, with every entry that depends on it',
      'auth.identities.emergency.kind: aws/user is not supported by ecr-auth: this entry is set aside, with every entry that depends on it',
      'auth.integrations.plat/eks.kind: aws/eks is not supported by ecr-auth: this entry is set aside, with every entry that depends on it',
    ]);
  });
});
