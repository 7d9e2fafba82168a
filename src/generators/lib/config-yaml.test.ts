import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { validateConfig } from '../../core/config/validate.ts';
import { NO_REGISTRY_NOTE, configYaml } from './config-yaml.ts';
import { parseRegistryList, parseRegistrySpec } from './registry-specs.ts';

function valid(yaml: string) {
  const result = validateConfig(parse(yaml), 'ecr-auth.config.yaml');
  expect(result.errors).toEqual([]);
  return result.config!;
}

describe('configYaml', () => {
  it('writes an SSO provider, a permission-set identity and the account registry in the region', () => {
    const yaml = configYaml({ startUrl: 'https://acme.awsapps.com/start/', region: 'eu-west-1', account: '012345678901', permissionSet: 'AdministratorAccess' })!;
    const config = valid(yaml);
    expect(config.providers.sso).toMatchObject({ kind: 'aws/iam-identity-center', region: 'eu-west-1', startUrl: 'https://acme.awsapps.com/start/' });
    expect(config.identities.default).toMatchObject({ kind: 'aws/permission-set', permissionSet: 'AdministratorAccess', account: { id: '012345678901' } });
    expect(config.integrations['ecr/012345678901/eu-west-1']).toMatchObject({ kind: 'aws/ecr', registry: { accountId: '012345678901', region: 'eu-west-1' } });
    expect(config.defaultIdentity).toBe('default');
  });

  it('takes an account name, a separate SSO region, a named identity and listed registries', () => {
    const yaml = configYaml({
      startUrl: 'https://acme.awsapps.com/start',
      ssoRegion: 'us-east-1',
      region: 'us-west-2',
      account: 'dev',
      permissionSet: 'Deploy',
      identity: 'dev/deploy',
      registries: ['111111111111:us-west-2', 'https://222222222222.dkr.ecr.eu-central-1.amazonaws.com/app', 'public.ecr.aws'],
    })!;
    const config = valid(yaml);
    expect(config.providers.sso).toMatchObject({ region: 'us-east-1' });
    expect(config.identities['dev/deploy']).toMatchObject({ account: { name: 'dev' }, region: 'us-west-2' });
    expect(Object.keys(config.integrations)).toEqual(['ecr/111111111111/us-west-2', 'ecr/222222222222/eu-central-1', 'ecr-public']);
  });

  it('takes an account id that Nx parsed as a number, restoring its leading zero', () => {
    const config = valid(configYaml({ startUrl: 'https://a.awsapps.com/start', region: 'us-east-1', account: 12345678901, permissionSet: 'x' })!);
    expect(config.identities.default).toMatchObject({ account: { id: '012345678901' } });
    expect(Object.keys(config.integrations)).toEqual(['ecr/012345678901/us-east-1']);
  });

  it('uses the ambient AWS chain without a start URL', () => {
    const config = valid(configYaml({ registries: '123456789012:us-east-1, public.ecr.aws' })!);
    expect(config.providers.ambient).toMatchObject({ kind: 'aws/ambient' });
    expect(Object.values(config.integrations).map((i) => i.via)).toEqual([{ provider: 'ambient' }, { provider: 'ambient' }]);
  });

  it('keeps odd characters inside quoted scalars', () => {
    const config = valid(configYaml({ startUrl: 'https://x.awsapps.com/start/#a:"b', region: 'us-east-1', account: 'team: "x" # y', permissionSet: "it's" })!);
    expect(config.identities.default).toMatchObject({ permissionSet: "it's", account: { name: 'team: "x" # y' } });
  });

  it('writes nothing when the answers name no registry and no start URL (empty prompt answers count as none)', () => {
    expect(configYaml({})).toBeUndefined();
    expect(configYaml({ startUrl: '', region: 'us-east-1', account: 'dev' })).toBeUndefined();
  });

  it.each([
    [{ region: 'useast1', registries: ['public.ecr.aws'] }, /not an AWS region/],
    [{ startUrl: 'acme', region: 'us-east-1', account: 'dev', permissionSet: 'x' }, /not a URL/],
    [{ startUrl: 'https://a.awsapps.com/start', account: 'dev', permissionSet: 'x' }, /--ssoRegion/],
    [{ startUrl: 'https://a.awsapps.com/start', region: 'us-east-1' }, /--account and --permissionSet/],
    [{ registries: ['123:us-east-1'] }, /is not one of/],
  ])('rejects %j', (answers, message) => {
    expect(() => configYaml(answers)).toThrow(message);
  });
});

describe('registry specs', () => {
  it.each([
    ['123456789012:us-east-1', { kind: 'ecr', accountId: '123456789012', region: 'us-east-1' }],
    ['123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn', { kind: 'ecr', accountId: '123456789012', region: 'cn-north-1' }],
    ['public.ecr.aws', { kind: 'ecr-public' }],
  ])('%s', (input, expected) => {
    expect(parseRegistrySpec(input)).toEqual(expected);
  });

  it('rejects look-alike hosts', () => {
    expect(() => parseRegistrySpec('123456789012.dkr.ecr.us-east-1.amazonaws.com.fake.example.com')).toThrow(/is not one of/);
  });

  it('drops duplicates', () => {
    expect(parseRegistryList(['123456789012:us-east-1', '123456789012.dkr.ecr.us-east-1.amazonaws.com'])).toHaveLength(1);
  });
});

describe('an account given by name', () => {
  it('writes a valid config whose comment says how to add the registries, since no host can be derived', () => {
    const text = configYaml({ startUrl: 'https://x.awsapps.com/start/', region: 'us-east-1', account: 'dev', permissionSet: 'Admin' })!;
    expect(text).toContain(NO_REGISTRY_NOTE);
    expect(text).not.toMatch(/^ {2}integrations:/m);
    expect(valid(text).integrations).toEqual({});
  });
});
