// Config of the federation kinds: aws/saml, aws/user, aws/assume-role with mfa_arn (Atmos spellings included),
// their chain keys (per provider and role; never from a secret), and --saml-role applied to the config.
import { describe, expect, it } from 'vitest';
import { chainKeys, credentialNodes } from '../identity/chain-key.ts';
import { identityChain } from './resolve.ts';
import { withSamlRole } from '../saml/choose-role.ts';
import { validateConfig } from './validate.ts';

const DEV = 'arn:aws:iam::123456789012:role/Dev';
const saml = { kind: 'aws/saml', region: 'us-east-1', url: 'https://idp.example.com/app/aws' };
const keys = { access_key_id: 'AKIAEXAMPLE000000001', secret_access_key: 'exampleSecretKey00000000000000000000000x' };
const check = (auth: Record<string, unknown>) => validateConfig({ auth }, '/w/ecr-auth.config.yaml');

describe('aws/saml', () => {
  it('takes the Atmos fields (url, region, driver, session.duration) and ours (role_arn, idp_arn, assertion_command)', () => {
    const r = check({
      providers: {
        a: { ...saml, driver: 'Browser', session: { duration: '2h' } },
        b: { ...saml, role_arn: DEV, idp_arn: 'arn:aws:iam::123456789012:saml-provider/Okta', session_duration: '1h', assertion_command: ['saml-tool', 'print'] },
      },
    });
    expect(r.errors).toEqual([]);
    expect(r.config!.providers.a).toEqual({ kind: 'aws/saml', name: 'a', url: saml.url, region: 'us-east-1', durationSeconds: 7200 });
    expect(r.config!.providers.b).toMatchObject({ roleArn: DEV, idpArn: 'arn:aws:iam::123456789012:saml-provider/Okta', durationSeconds: 3600, assertionCommand: ['saml-tool', 'print'] });
  });

  it('a bad idp_arn, a session over 12h and a driver other than Browser are reported', () => {
    const r = check({ providers: { a: { ...saml, idp_arn: 'okta', session_duration: '13h' }, b: { ...saml, driver: 'Okta' } } });
    expect(r.errors.map((e) => e.path).sort()).toEqual(['auth.providers.a.idp_arn', 'auth.providers.a.session_duration']);
    expect(r.warnings.map((w) => w.path)).toContain('auth.providers.b.driver');
  });

  it('an aws/assume-role via a role-less aws/saml takes its role from the assertion (no link of its own); with a role, both are links', () => {
    const viaSaml = (provider: Record<string, unknown>) =>
      check({ providers: { corp: { ...saml, ...provider } }, identities: { prod: { kind: 'aws/assume-role', via: { provider: 'corp' }, principal: { assume_role: DEV } } } }).config!;
    const atmos = viaSaml({});
    expect(credentialNodes(identityChain(atmos, 'prod')).map((n) => n.name)).toEqual(['prod']);
    expect(chainKeys(atmos, identityChain(atmos, 'prod'), {})[0]).toContain(`saml-assertion|${saml.url}`);
    const chained = viaSaml({ role_arn: 'arn:aws:iam::123456789012:role/Base' });
    expect(credentialNodes(identityChain(chained, 'prod')).map((n) => n.name)).toEqual(['corp', 'prod']);
  });

  it('cache keys are per (provider, role); --saml-role fills only providers that name no role and no identity takes it from', () => {
    const r = check({
      providers: { corp: saml, fixed: { ...saml, role_arn: DEV }, atmos: saml },
      identities: { prod: { kind: 'aws/assume-role', via: { provider: 'atmos' }, principal: { assume_role: DEV } } },
    }).config!;
    const picked = withSamlRole(r, 'arn:aws:iam::123456789012:role/Other');
    expect(picked.providers.corp).toMatchObject({ roleArn: 'arn:aws:iam::123456789012:role/Other' });
    expect(picked.providers.fixed).toMatchObject({ roleArn: DEV });
    expect(picked.providers.atmos).not.toHaveProperty('roleArn');
    const key = (c: typeof r) => chainKeys(c, [c.providers.corp!], {})[0];
    expect(key(picked)).not.toBe(key(r));
  });
});

describe('aws/user', () => {
  it('keys under credentials (Atmos), MFA device and region; default session 12h; the key is not from the secret', () => {
    const r = check({ identities: { me: { kind: 'aws/user', credentials: { ...keys, mfa_arn: 'arn:aws:iam::123456789012:mfa/me', region: 'eu-west-1' }, mfa_command: 'pass otp aws' } } });
    expect(r.errors).toEqual([]);
    const me = r.config!.identities.me!;
    expect(me).toMatchObject({ kind: 'aws/user', mfaSerial: 'arn:aws:iam::123456789012:mfa/me', region: 'eu-west-1', durationSeconds: 43_200, mfaCommand: 'pass otp aws' });
    expect(identityChain(r.config!, 'me').map((n) => n.name)).toEqual(['me']);
    const [key] = chainKeys(r.config!, identityChain(r.config!, 'me'), {});
    expect(key).toContain(keys.access_key_id);
    expect(key).not.toContain(keys.secret_access_key);
  });

  it('half a key pair, keys beside a profile, or a session over 36h are errors; no keys at all is a warning (Atmos keyring)', () => {
    const r = check({
      identities: {
        half: { kind: 'aws/user', credentials: { access_key_id: keys.access_key_id } },
        both: { kind: 'aws/user', credentials: keys, profile: 'p' },
        long: { kind: 'aws/user', profile: 'p', session_duration: '37h' },
        keyring: { kind: 'aws/user', credentials: { region: 'us-east-1' } },
      },
    });
    expect(r.errors.map((e) => e.path).sort()).toEqual([
      'auth.identities.both.profile',
      'auth.identities.half.credentials.secret_access_key',
      'auth.identities.long.session_duration',
    ]);
    expect(r.warnings.map((w) => w.path)).toContain('auth.identities.keyring');
  });

  it('aws/assume-role takes mfa_arn (also inside principal, as Atmos writes it), and it is part of the cache key', () => {
    const r = check({
      identities: {
        base: { kind: 'aws/user', profile: 'base' },
        a: { kind: 'aws/assume-role', via: { identity: 'base' }, mfa_arn: 'arn:aws:iam::123456789012:mfa/me', principal: { assume_role: DEV } },
        b: { kind: 'aws/assume-role', via: { identity: 'base' }, principal: { assume_role: DEV, mfa_arn: 'GAHT12345678' } },
      },
    });
    expect(r.errors).toEqual([]);
    expect(r.config!.identities.a).toMatchObject({ mfaSerial: 'arn:aws:iam::123456789012:mfa/me' });
    expect(r.config!.identities.b).toMatchObject({ mfaSerial: 'GAHT12345678' });
    const keyOf = (name: string) => chainKeys(r.config!, identityChain(r.config!, name), {}).at(-1);
    expect(keyOf('a')).not.toBe(keyOf('b'));
  });
});
