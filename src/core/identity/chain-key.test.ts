// Pins the cache key of every link kind, byte for byte: a key that changed would miss every token already cached
// (each user would sign in again after an upgrade). Keys are derived from the config and the environment only.
import { describe, expect, it } from 'vitest';
import { validateConfig } from '../config/validate.ts';
import { chainKeys } from './chain-key.ts';
import { chainOf, type Subject, subjectKey } from './subject.ts';

const { config } = validateConfig({
  providers: {
    sso: { kind: 'aws/iam-identity-center', region: 'eu-west-1', start_url: 'https://acme.awsapps.com/start' },
    amb: { kind: 'aws/ambient', profile: 'ops' },
    gha: { kind: 'github/oidc', region: 'us-east-2', role_arn: 'arn:aws:iam::111111111111:role/Ci', session_name: 'ci-run', duration: '1h' },
    'gha-token': { kind: 'github/oidc', audience: 'sts.example' },
    idp: { kind: 'aws/saml', url: 'https://idp.example/app', region: 'us-east-1', role_arn: 'arn:aws:iam::222222222222:role/Saml', idp_arn: 'arn:aws:iam::222222222222:saml-provider/Okta', session_duration: '2h' },
    'idp-open': { kind: 'aws/saml', url: 'https://idp.example/open', region: 'us-east-1' },
  },
  identities: {
    'ps-id': { kind: 'aws/permission-set', via: { provider: 'sso' }, principal: { name: 'Admin', account: '333333333333' } },
    'ps-name': { kind: 'aws/permission-set', via: { provider: 'sso' }, principal: { name: 'Dev', account: 'dev-account' } },
    chained: {
      kind: 'aws/assume-role', via: { identity: 'ps-id' },
      principal: { assume_role: 'arn:aws:iam::444444444444:role/Deploy', external_id: 'ext-1', session_name: 'deploy', duration: '30m' },
      mfa_arn: 'arn:aws:iam::444444444444:mfa/me',
    },
    'from-amb': { kind: 'aws/assume-role', via: { provider: 'amb' }, principal: { assume_role: 'arn:aws:iam::555555555555:role/FromAmb' } },
    'from-gha': { kind: 'aws/assume-role', via: { provider: 'gha-token' }, principal: { assume_role: 'arn:aws:iam::666666666666:role/Gha' } },
    'from-saml': { kind: 'aws/assume-role', via: { provider: 'idp-open' }, principal: { assume_role: 'arn:aws:iam::777777777777:role/Picked' } },
    'via-saml-role': { kind: 'aws/assume-role', via: { provider: 'idp' }, principal: { assume_role: 'arn:aws:iam::888888888888:role/Next' } },
    keys: { kind: 'aws/user', credentials: { access_key_id: 'AKIAPINNEDKEY0000000', secret_access_key: 'not-a-real-secret' }, mfa_arn: 'arn:aws:iam::999999999999:mfa/u', session_duration: '8h' },
    prof: { kind: 'aws/user', profile: 'legacy' },
    nokeys: { kind: 'aws/user' },
    'amb-id': { kind: 'aws/ambient', principal: { profile: 'p1' } },
    'amb-plain': { kind: 'ambient' },
  },
}, '/w/ecr-auth.config.yaml');

const env = {
  HOME: '/home/u', GITHUB_REPOSITORY: 'acme/app', GITHUB_RUN_ID: '42', AWS_SHARED_CREDENTIALS_FILE: '/creds',
  AWS_PROFILE: 'envprof',
};

function keysOf(subject: Subject): string[] {
  return chainKeys(config!, chainOf(config!, subject), env);
}

describe('link keys (pinned: cached tokens of earlier versions must still hit)', () => {
  it.each<[Subject, string[]]>([
    [{ provider: 'amb' }, ['ambient|profile=ops|key=|role=|webid=|ecs=']],
    [{ provider: 'gha' }, ['gha|arn:aws:iam::111111111111:role/Ci|sts.amazonaws.com|acme/app|42|ci-run']],
    [{ provider: 'idp' }, ['saml|https://idp.example/app|arn:aws:iam::222222222222:role/Saml|arn:aws:iam::222222222222:saml-provider/Okta|7200']],
    [{ identity: 'ps-id' }, ['ps|https://acme.awsapps.com/start|333333333333|Admin']],
    [{ identity: 'ps-name' }, ['ps|https://acme.awsapps.com/start|name:dev-account|Dev']],
    [{ identity: 'chained' }, [
      'ps|https://acme.awsapps.com/start|333333333333|Admin',
      'ar|ps|https://acme.awsapps.com/start|333333333333|Admin|arn:aws:iam::444444444444:role/Deploy|ext-1|deploy|1800|mfa=arn:aws:iam::444444444444:mfa/me',
    ]],
    [{ identity: 'from-amb' }, ['ambient|profile=ops|key=|role=|webid=|ecs=', 'ar|ambient|profile=ops|key=|role=|webid=|ecs=|arn:aws:iam::555555555555:role/FromAmb|||']],
    [{ identity: 'from-gha' }, ['ar|gha-token|sts.example|acme/app|42|arn:aws:iam::666666666666:role/Gha|||']],
    [{ identity: 'from-saml' }, ['ar|saml-assertion|https://idp.example/open||arn:aws:iam::777777777777:role/Picked|||']],
    [{ identity: 'via-saml-role' }, [
      'saml|https://idp.example/app|arn:aws:iam::222222222222:role/Saml|arn:aws:iam::222222222222:saml-provider/Okta|7200',
      'ar|saml|https://idp.example/app|arn:aws:iam::222222222222:role/Saml|arn:aws:iam::222222222222:saml-provider/Okta|7200|arn:aws:iam::888888888888:role/Next|||',
    ]],
    [{ identity: 'keys' }, ['user|AKIAPINNEDKEY0000000|arn:aws:iam::999999999999:mfa/u|28800']],
    [{ identity: 'prof' }, ['user|profile=legacy|/creds||43200']],
    [{ identity: 'nokeys' }, ['user|none:nokeys||43200']],
    [{ identity: 'amb-id' }, ['ambient|profile=p1|key=|role=|webid=|ecs=']],
    [{ identity: 'amb-plain' }, ['ambient|profile=envprof|key=|role=|webid=|ecs=']],
    [{ ambient: true }, ['ambient|profile=envprof|key=|role=|webid=|ecs=']],
  ])('%j', (subject, keys) => {
    expect(keysOf(subject)).toEqual(keys);
    expect(subjectKey(config!, subject, env)).toBe(keys.at(-1));
  });

  it('an SSO provider yields no link of its own', () => {
    expect(keysOf({ identity: 'ps-id' })).toHaveLength(1);
  });
});
