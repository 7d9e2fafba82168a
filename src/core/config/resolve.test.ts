import { describe, expect, it } from 'vitest';
import { isEcrAuthError } from '../errors.ts';
import { findCycles, identityChain } from './resolve.ts';
import { validateConfig } from './validate.ts';

const { config } = validateConfig({
  providers: {
    sso: { kind: 'aws/iam-identity-center', region: 'us-east-1', start_url: 'https://x.awsapps.com/start' },
    ci: { kind: 'aws/ambient' },
  },
  identities: {
    'dev-admin': { kind: 'aws/permission-set', via: { provider: 'sso' }, principal: { name: 'Admin', account: 'dev' } },
    deployer: { kind: 'aws/assume-role', via: { identity: 'dev-admin' }, principal: { assume_role: 'arn:aws:iam::111111111111:role/Deploy' } },
    'prod.deployer': { kind: 'aws/assume-role', via: { identity: 'deployer' }, principal: { assume_role: 'arn:aws:iam::222222222222:role/Deploy' } },
    'ci-role': { kind: 'aws/assume-role', via: { provider: 'ci' }, principal: { assume_role: 'arn:aws:iam::111111111111:role/CI' } },
  },
}, '/w/ecr-auth.config.yaml');

describe('identityChain', () => {
  it.each([
    ['dev-admin', ['sso', 'dev-admin']],
    ['deployer', ['sso', 'dev-admin', 'deployer']],
    ['prod.deployer', ['sso', 'dev-admin', 'deployer', 'prod.deployer']],
    ['ci-role', ['ci', 'ci-role']],
  ])('%s: root provider first', (name, chain) => {
    expect(identityChain(config!, name).map((entry) => entry.name)).toEqual(chain);
  });

  it('an unknown identity is a usage error with the closest name and the file', () => {
    try {
      identityChain(config!, 'deploy');
      expect.unreachable();
    } catch (error) {
      expect(isEcrAuthError(error, 'E_USAGE')).toBe(true);
      expect((error as Error).message).toBe("no identity named 'deploy' in /w/ecr-auth.config.yaml (did you mean 'deployer'?)");
    }
  });
});

describe('findCycles', () => {
  const role = (via: string) => ({ kind: 'aws/assume-role' as const, name: via, via: { identity: via }, roleArn: 'x', default: false });
  it('finds each cycle once, and none in a chain', () => {
    expect(findCycles({ a: role('b'), b: role('c'), c: role('a'), d: role('a') })).toEqual([['a', 'b', 'c', 'a']]);
    expect(findCycles({ a: role('b'), b: { ...role('x'), via: { provider: 'p' } } as never })).toEqual([]);
  });
});
