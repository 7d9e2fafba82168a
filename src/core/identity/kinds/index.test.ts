// The kind tables: every kind of a validated config is found in each table it has a part in, and what the
// commands that show an entry ask its kind (one line of detail; the entry without its secrets).
import { describe, expect, it } from 'vitest';
import { validateConfig } from '../../config/validate.ts';
import { credentialKindOf, sessionHooksOf } from './index.ts';
import { keysOf } from './keys.ts';
import { credentialNodes } from '../chain-key.ts';

const { config } = validateConfig({
  providers: {
    sso: { kind: 'aws/iam-identity-center', region: 'eu-west-1', start_url: 'https://acme.awsapps.com/start', flow: 'device' },
    amb: { kind: 'aws/ambient', profile: 'ops', region: 'us-east-2' },
    gha: { kind: 'github/oidc', audience: 'sts.example' },
    idp: { kind: 'aws/saml', url: 'https://idp.example/app', region: 'us-east-1' },
  },
  identities: {
    ps: { kind: 'aws/permission-set', via: { provider: 'sso' }, principal: { name: 'Admin', account: { id: '333333333333', name: 'prod' } } },
    role: { kind: 'aws/assume-role', via: { provider: 'gha' }, principal: { assume_role: 'arn:aws:iam::444444444444:role/Deploy' }, mfa_arn: 'arn:aws:iam::444444444444:mfa/me' },
    keys: { kind: 'aws/user', credentials: { access_key_id: 'AKIAEXAMPLEKEY000000', secret_access_key: 'secret-value-never-shown' } },
    plain: { kind: 'ambient' },
  },
}, '/w/ecr-auth.config.yaml');

describe('kind tables', () => {
  it('every provider and identity has keys; every credential node has a way to obtain credentials', () => {
    for (const node of [...Object.values(config!.providers), ...Object.values(config!.identities)]) {
      expect(keysOf(node).kind, node.name).toBe(node.kind);
      for (const link of credentialNodes([node])) expect(typeof credentialKindOf(link).obtain, link.name).toBe('function');
    }
  });

  it.each([
    ['sso', 'eu-west-1  https://acme.awsapps.com/start  flow device'],
    ['amb', 'profile ops  us-east-2'],
    ['gha', 'us-east-1  token only: the role is on the aws/assume-role identities via it'],
    ['idp', 'us-east-1  https://idp.example/app  browser'],
  ])('provider %s: its detail line', (name, line) => {
    const provider = config!.providers[name]!;
    expect(sessionHooksOf(provider).detail?.(provider)).toBe(line);
  });

  it.each([
    ['ps', 'Admin in prod (333333333333)'],
    ['role', 'arn:aws:iam::444444444444:role/Deploy  MFA arn:aws:iam::444444444444:mfa/me'],
    ['keys', 'key AKIAEXAMPLEKEY000000'],
    ['plain', 'the standard AWS chain'],
  ])('identity %s: its detail line', (name, line) => {
    const identity = config!.identities[name]!;
    expect(sessionHooksOf(identity).detail?.(identity)).toBe(line);
  });

  it('an aws/user is shown without its secret key; other entries as they are', () => {
    const user = config!.identities.keys!;
    const shown = sessionHooksOf(user).shown!(user);
    expect(JSON.stringify(shown)).not.toContain('secret-value-never-shown');
    expect(shown).toMatchObject({ keys: { accessKeyId: 'AKIAEXAMPLEKEY000000', secretAccessKey: '(hidden)' } });
    expect(sessionHooksOf(config!.identities.ps!).shown).toBeUndefined();
  });
});
