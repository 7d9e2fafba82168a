import { describe, expect, it } from 'vitest';
import type { ResolvedConfig } from './model.ts';
import { validateConfig } from './validate.ts';

const sso = { kind: 'aws/iam-identity-center', region: 'us-east-1', start_url: 'https://company.awsapps.com/start/' };
const devAdmin = {
  kind: 'aws/permission-set',
  via: { provider: 'company-sso' },
  principal: { name: 'AdministratorAccess', account: 'dev' },
};
const deployer = {
  kind: 'aws/assume-role',
  via: { identity: 'dev-admin' },
  principal: { assume_role: 'arn:aws:iam::111111111111:role/Deploy' },
};
const ecr = { kind: 'aws/ecr', via: { identity: 'dev-admin' }, spec: { registry: { account_id: '123456789012', region: 'us-east-2' } } };

type Doc = Record<string, unknown>;
/** A valid `auth:` document (one SSO provider, one identity) with sections replaced or extended. */
function auth(parts: { providers?: Doc; identities?: Doc; integrations?: Doc; settings?: Doc; extra?: Doc } = {}): Doc {
  return {
    auth: {
      providers: { 'company-sso': sso, ...parts.providers },
      identities: { 'dev-admin': devAdmin, ...parts.identities },
      integrations: { ...parts.integrations },
      ...(parts.settings ? { settings: parts.settings } : {}),
      ...parts.extra,
    },
  };
}

interface Case {
  name: string;
  raw: unknown;
  /** Exact set of error paths, each with a pattern its message (and expected) must match. */
  errors?: Array<[string, RegExp]>;
  /** Warnings that must be present (path, pattern). */
  warnings?: Array<[string, RegExp]>;
  check?: (config: ResolvedConfig) => void;
}

const cases: Case[] = [
  // ---- good configs ----
  {
    name: 'the contract example validates with its defaults',
    raw: auth({
      providers: { ci: { kind: 'aws/ambient' }, gha: { kind: 'github/oidc', region: 'us-east-1', role_arn: 'arn:aws:iam::111111111111:role/gha-deploy' } },
      identities: { deployer: { ...deployer, principal: { ...deployer.principal, external_id: 'ext-1', duration: '1h', session_name: 'ci' } } },
      integrations: { 'dev/ecr/primary': { ...ecr, spec: { ...ecr.spec, auto_provision: true } }, public: { kind: 'aws/ecr-public', via: { identity: 'dev-admin' } } },
      settings: { min_validity: '15m', docker: { mode: 'auto' } },
    }),
    check: (c) => {
      expect(c.defaultIdentity).toBeUndefined();
      expect(c.identities.deployer).toMatchObject({ roleArn: 'arn:aws:iam::111111111111:role/Deploy', durationSeconds: 3600, externalId: 'ext-1', sessionName: 'ci', default: false });
      expect(c.integrations['dev/ecr/primary']).toEqual({ kind: 'aws/ecr', name: 'dev/ecr/primary', via: { identity: 'dev-admin' }, registry: { accountId: '123456789012', region: 'us-east-2' }, autoProvision: true });
      expect(c.integrations.public).toMatchObject({ kind: 'aws/ecr-public', autoProvision: true });
      expect(c.providers.gha).toMatchObject({ audience: 'sts.amazonaws.com' });
      expect(c.settings).toEqual({ minValidityMs: 900_000, docker: { mode: 'auto' } });
      expect(c.warnings).toEqual([]);
    },
  },
  {
    name: 'a document without the auth: wrapper',
    raw: { providers: { 'company-sso': sso }, identities: { 'dev-admin': devAdmin } },
    check: (c) => expect(Object.keys(c.identities)).toEqual(['dev-admin']),
  },
  {
    name: 'the only identity is the default',
    raw: auth(),
    check: (c) => {
      expect(c.defaultIdentity).toBe('dev-admin');
      expect(c.providers['company-sso']).toEqual({ kind: 'aws/iam-identity-center', name: 'company-sso', region: 'us-east-1', startUrl: 'https://company.awsapps.com/start/', scopes: ['sso:account:access'] });
      expect(c.settings).toEqual({ minValidityMs: 900_000, docker: { mode: 'auto' } });
    },
  },
  {
    name: 'default: true picks one of several identities',
    raw: auth({ identities: { deployer: { ...deployer, default: true } } }),
    check: (c) => expect(c.defaultIdentity).toBe('deployer'),
  },
  {
    name: 'settings are read and durations converted',
    raw: auth({ settings: { min_validity: '1h30m', docker: { mode: 'helper' } } }),
    check: (c) => expect(c.settings).toEqual({ minValidityMs: 5_400_000, docker: { mode: 'helper' } }),
  },
  {
    name: 'every account form of a permission set',
    raw: auth({
      identities: {
        a: { ...devAdmin, principal: { name: 'X', account: { id: '012345678901' } } },
        b: { ...devAdmin, principal: { name: 'X', account: { name: 'prod' } } },
        c: { ...devAdmin, principal: { name: 'X', account: '123456789012' } },
      },
    }),
    check: (c) => {
      expect(c.identities['dev-admin']).toMatchObject({ account: { name: 'dev' }, permissionSet: 'AdministratorAccess' });
      expect(c.identities.a).toMatchObject({ account: { id: '012345678901' } });
      expect(c.identities.b).toMatchObject({ account: { name: 'prod' } });
      expect(c.identities.c).toMatchObject({ account: { id: '123456789012' } });
    },
  },
  {
    name: 'a numeric account_id is accepted with a warning and padded to 12 digits',
    raw: auth({ integrations: { r: { ...ecr, spec: { registry: { account_id: 12345678901, region: 'us-east-2' } } } } }),
    warnings: [['auth.integrations.r.spec.registry.account_id', /is a number: write it as a string \("012345678901"\)/]],
    check: (c) => expect(c.integrations.r).toMatchObject({ registry: { accountId: '012345678901' } }),
  },
  {
    name: 'github/oidc takes the Atmos spec.audience, a duration and a session name',
    raw: auth({
      providers: { gha: { kind: 'github/oidc', region: 'eu-west-1', role_arn: 'arn:aws:iam::111111111111:role/gha', spec: { audience: 'sts.eu-west-1.amazonaws.com' }, duration: '2h', session_name: 'gha-run' } },
      integrations: { r: { ...ecr, via: { provider: 'gha' } } },
    }),
    check: (c) => expect(c.providers.gha).toEqual({ kind: 'github/oidc', name: 'gha', region: 'eu-west-1', roleArn: 'arn:aws:iam::111111111111:role/gha', audience: 'sts.eu-west-1.amazonaws.com', sessionName: 'gha-run', durationSeconds: 7200 }),
  },
  {
    name: 'assume-role and integrations may hang off ambient and github/oidc providers',
    raw: auth({
      providers: { ci: { kind: 'aws/ambient', profile: 'ci', region: 'us-west-2' } },
      identities: { 'ci-role': { ...deployer, via: { provider: 'ci' } } },
      integrations: { direct: { ...ecr, via: { provider: 'ci' } } },
    }),
    check: (c) => {
      expect(c.providers.ci).toEqual({ kind: 'aws/ambient', name: 'ci', profile: 'ci', region: 'us-west-2' });
      expect(c.identities['ci-role']!.via).toEqual({ provider: 'ci' });
      expect(c.integrations.direct!.via).toEqual({ provider: 'ci' });
    },
  },
  {
    name: 'auto_provision: spec wins, top level accepted, default true',
    raw: auth({
      integrations: {
        a: { ...ecr, spec: { ...ecr.spec, auto_provision: false } },
        b: { ...ecr, auto_provision: false },
        c: { kind: 'aws/ecr-public', via: { identity: 'dev-admin' }, spec: { auto_provision: false } },
        d: { kind: 'aws/ecr-public', via: { identity: 'dev-admin' } },
      },
    }),
    check: (c) => expect(Object.values(c.integrations).map((i) => i.autoProvision)).toEqual([false, false, false, true]),
  },
  {
    name: 'SSO provider options: flow, scopes, session_name',
    raw: auth({ providers: { 'company-sso': { ...sso, flow: 'device', scopes: ['sso:account:access', 'codewhisperer:completions'], session_name: 'company' } } }),
    check: (c) => expect(c.providers['company-sso']).toMatchObject({ flow: 'device', sessionName: 'company', scopes: ['sso:account:access', 'codewhisperer:completions'] }),
  },
  {
    name: 'an Atmos auth: block pastes in: Atmos-only settings, kinds and fields become warnings',
    raw: {
      auth: {
        realm: 'acme',
        logs: { level: 'Info' },
        keyring: { type: 'system' },
        providers: {
          'company-sso': { ...sso, auto_provision_identities: true, session: { duration: '4h' } },
          okta: { kind: 'aws/saml', region: 'us-east-1', url: 'https://x.okta.com/app', driver: 'Browser' },
          gcp: { kind: 'gcp/adc', project_id: 'p' },
        },
        identities: {
          'dev-admin': { ...devAdmin, default: true, tags: ['dev'], alias: 'dev' },
          emergency: { kind: 'aws/user', credentials: { region: 'us-east-1' } },
          sub: { kind: 'azure/subscription', via: { provider: 'az' } },
        },
        integrations: {
          'dev/ecr': { ...ecr },
          'dev/eks': { kind: 'aws/eks', via: { identity: 'dev-admin' }, spec: { cluster: { name: 'c', region: 'us-east-2' } } },
        },
      },
    },
    warnings: [
      ['auth.realm', /Atmos setting/],
      ['auth.logs', /Atmos setting that ecr-auth does not use/],
      ['auth.keyring', /Atmos setting/],
      ['auth.providers.company-sso.auto_provision_identities', /not used by ecr-auth/],
      ['auth.providers.company-sso.session', /not used by ecr-auth/],
      ['auth.providers.gcp.kind', /gcp\/adc is not supported/],
      ['auth.identities.dev-admin.tags', /ignored/],
      ['auth.identities.emergency', /has no keys \(Atmos keeps them in its keyring/],
      ['auth.identities.sub.kind', /azure\/subscription is not supported/],
    ],
    check: (c) => {
      expect(Object.keys(c.providers)).toEqual(['company-sso', 'okta']);
      expect(Object.keys(c.identities)).toEqual(['dev-admin', 'emergency']);
      expect(Object.keys(c.integrations)).toEqual(['dev/ecr', 'dev/eks']);
    },
  },
  {
    name: 'a whole atmos.yaml: keys beside auth: are warned about',
    raw: { base_path: '.', components: { terraform: {} }, ...auth() },
    warnings: [['base_path', /outside auth/], ['components', /outside auth/]],
    check: (c) => expect(c.defaultIdentity).toBe('dev-admin'),
  },
  {
    name: 'names may hold / and . and are quoted in paths when needed',
    raw: auth({ identities: { 'team.admin': { ...devAdmin, via: { provider: 'nope' } } } }),
    errors: [['auth.identities["team.admin"].via.provider', /no provider named 'nope'/]],
  },
  {
    name: 'empty sections (YAML `providers:` with nothing) are empty, not errors',
    raw: { auth: { providers: null, identities: null, integrations: null, settings: null } },
    check: (c) => {
      expect(c.identities).toEqual({});
      expect(c.defaultIdentity).toBeUndefined();
    },
  },
  // ---- bad configs ----
  { name: 'an empty document', raw: null, errors: [['', /the config is empty.*expected an object with providers/]] },
  { name: 'a document that is not an object', raw: 'providers', errors: [['', /got "providers"/]] },
  { name: 'auth: that is not an object', raw: { auth: [] }, errors: [['auth', /got a list/]] },
  {
    name: 'an unknown kind lists the supported kinds and the closest one',
    raw: auth({ integrations: { pub: { kind: 'aws/ecr-publik', via: { identity: 'dev-admin' } } } }),
    errors: [['auth.integrations.pub.kind', /unknown kind "aws\/ecr-publik" \(did you mean "aws\/ecr-public"\?\).*expected one of aws\/ecr, aws\/ecr-public/]],
  },
  {
    name: 'a missing kind',
    raw: auth({ providers: { p: { region: 'us-east-1' } } }),
    errors: [['auth.providers.p.kind', /is missing.*one of aws\/iam-identity-center, aws\/ambient, github\/oidc/]],
  },
  {
    name: 'a missing region',
    raw: auth({ providers: { 'company-sso': { kind: 'aws/iam-identity-center', start_url: sso.start_url } } }),
    errors: [['auth.providers.company-sso.region', /is missing.*expected an AWS region like us-east-1/]],
  },
  {
    name: 'a malformed region and start URL, all reported at once',
    raw: auth({ providers: { 'company-sso': { ...sso, region: 'US East', start_url: 'company portal' } } }),
    errors: [
      ['auth.providers.company-sso.region', /got "US East".*region like us-east-1/],
      ['auth.providers.company-sso.start_url', /got "company portal".*access portal URL/],
    ],
  },
  {
    name: 'a flow that is not pkce or device',
    raw: auth({ providers: { 'company-sso': { ...sso, flow: 'browser' } } }),
    errors: [['auth.providers.company-sso.flow', /got "browser".*expected one of pkce, device/]],
  },
  {
    name: 'an unknown identity reference names the closest one',
    raw: auth({ identities: { deployer: { ...deployer, via: { identity: 'dev-admn' } } } }),
    errors: [['auth.identities.deployer.via.identity', /no identity named 'dev-admn' \(did you mean 'dev-admin'\?\)/]],
  },
  {
    name: 'an unknown reference with nothing close lists the names',
    raw: auth({ integrations: { r: { ...ecr, via: { identity: 'production' } } } }),
    errors: [['auth.integrations.r.via.identity', /^(?!.*did you mean).*no identity named 'production'.*expected one of dev-admin\)$/]],
  },
  {
    name: 'a provider name used as an identity says so',
    raw: auth({ integrations: { r: { ...ecr, via: { identity: 'company-sso' } } } }),
    errors: [['auth.integrations.r.via.identity', /no identity named 'company-sso' \(there is a provider named 'company-sso'\)/]],
  },
  {
    name: 'a permission set must come from a provider, not an identity',
    raw: auth({ identities: { ps: { ...devAdmin, via: { identity: 'dev-admin' } } } }),
    errors: [['auth.identities.ps.via.identity', /signs in through an IAM Identity Center provider/]],
  },
  {
    name: 'a permission set via an ambient provider is the wrong kind',
    raw: auth({ providers: { ci: { kind: 'aws/ambient' } }, identities: { ps: { ...devAdmin, via: { provider: 'ci' } } } }),
    errors: [['auth.identities.ps.via.provider', /provider 'ci' is of kind aws\/ambient.*expected a provider of kind aws\/iam-identity-center/]],
  },
  {
    name: 'assume-role straight off an SSO provider validates as in Atmos, with a warning that it cannot sign in',
    raw: auth({ identities: { deployer: { ...deployer, via: { provider: 'company-sso' } } } }),
    warnings: [['auth.identities.deployer.via.provider', /aws\/iam-identity-center.*cannot work at run time.*SSO access token.*aws\/permission-set identity/]],
  },
  {
    name: 'an integration straight off an SSO provider is rejected the same way',
    raw: auth({ integrations: { r: { ...ecr, via: { provider: 'company-sso' } } } }),
    errors: [['auth.integrations.r.via.provider', /needs AWS credentials.*aws\/ambient or github\/oidc/]],
  },
  {
    name: 'what depends on an out-of-scope entry is set aside with it (at any depth), and the rest still works',
    raw: auth({
      providers: { app: { kind: 'github/app', app_id: 1 } },
      identities: {
        'app-role': { ...deployer, via: { provider: 'app' } },
        'app-chained': { ...deployer, via: { identity: 'app-role' } },
        sub: { kind: 'azure/subscription' },
        'sub-role': { ...deployer, via: { identity: 'sub' } },
        'dev-admin': devAdmin,
      },
      integrations: { 'app/ecr': { ...ecr, via: { identity: 'app-chained' } }, 'dev/ecr': ecr },
    }),
    warnings: [
      ['auth.providers.app.kind', /not supported/],
      ['auth.identities.sub.kind', /not supported/],
      ['auth.identities.app-role', /set aside: it depends on provider 'app' \(github\/app\)/],
      ['auth.identities.app-chained', /set aside: it depends on identity 'app-role' \(aws\/assume-role\)/],
      ['auth.identities.sub-role', /set aside: it depends on identity 'sub' \(azure\/subscription\)/],
      ['auth.integrations.app/ecr', /set aside: it depends on identity 'app-chained'/],
    ],
    check: (c) => {
      expect(Object.keys(c.identities)).toEqual(['dev-admin']);
      expect(Object.keys(c.integrations)).toEqual(['dev/ecr']);
      expect(c.setAside!.map((e) => `${e.section}.${e.name}`).sort()).toEqual([
        'identities.app-chained', 'identities.app-role', 'identities.sub', 'identities.sub-role', 'integrations.app/ecr', 'providers.app',
      ]);
    },
  },
  {
    name: 'a cycle of identities is named',
    raw: auth({ identities: { a: { ...deployer, via: { identity: 'b' } }, b: { ...deployer, via: { identity: 'a' } } } }),
    errors: [['auth.identities.a.via.identity', /identities form a cycle: a → b → a/]],
  },
  {
    name: 'an identity via itself is a cycle',
    raw: auth({ identities: { loop: { ...deployer, via: { identity: 'loop' } } } }),
    errors: [['auth.identities.loop.via.identity', /cycle: loop → loop/]],
  },
  {
    name: 'two defaults validate as in Atmos: no single default, both remembered for the prompt',
    raw: auth({ identities: { 'dev-admin': { ...devAdmin, default: true }, deployer: { ...deployer, default: true } } }),
    warnings: [['auth.identities', /more than one identity has default: true \(dev-admin, deployer\).*terminal asks/]],
    check: (c) => {
      expect(c.defaultIdentity).toBeUndefined();
      expect(c.defaultIdentities).toEqual(['dev-admin', 'deployer']);
    },
  },
  {
    name: 'via with both provider and identity',
    raw: auth({ integrations: { r: { ...ecr, via: { identity: 'dev-admin', provider: 'company-sso' } } } }),
    errors: [['auth.integrations.r.via', /must name exactly one of provider or identity/]],
  },
  {
    name: 'a misspelt via key is an error, not a warning',
    raw: auth({ integrations: { r: { ...ecr, via: { idenity: 'dev-admin' } } } }),
    errors: [['auth.integrations.r.via.idenity', /is not a via key \(did you mean 'identity'\?\)/]],
  },
  {
    name: 'an account id that is not 12 digits',
    raw: auth({ integrations: { r: { ...ecr, spec: { registry: { account_id: '1234', region: 'us-east-2' } } } } }),
    errors: [['auth.integrations.r.spec.registry.account_id', /got "1234".*12 digits as a string/]],
  },
  {
    name: 'a missing registry',
    raw: auth({ integrations: { r: { kind: 'aws/ecr', via: { identity: 'dev-admin' } } } }),
    errors: [['auth.integrations.r.spec', /is missing/]],
  },
  {
    name: 'a role ARN that is not one',
    raw: auth({ identities: { deployer: { ...deployer, principal: { assume_role: 'Deploy' } } } }),
    errors: [['auth.identities.deployer.principal.assume_role', /got "Deploy".*IAM role ARN/]],
  },
  {
    name: 'durations: malformed, and outside what STS accepts',
    raw: auth({
      identities: { d1: { ...deployer, principal: { ...deployer.principal, duration: 'soon' } }, d2: { ...deployer, principal: { ...deployer.principal, duration: '13h' } } },
    }),
    errors: [
      ['auth.identities.d1.principal.duration', /is not a duration.*expected a duration like 1h/],
      ['auth.identities.d2.principal.duration', /outside what STS accepts.*15m to 12h/],
    ],
  },
  {
    name: 'a github/oidc provider without role_arn (Atmos style) cannot serve an integration directly',
    raw: auth({
      providers: { gha: { kind: 'github/oidc', region: 'us-east-1' } },
      integrations: { ecr: { kind: 'aws/ecr', via: { provider: 'gha' }, spec: { registry: { account_id: '123456789012', region: 'us-east-1' } } } },
    }),
    errors: [['auth.integrations.ecr.via.provider', /has no role_arn.*aws\/assume-role identity/]],
  },
  {
    name: 'bad settings: docker mode and min_validity; a misspelt key is a warning',
    raw: auth({ settings: { min_validity: 'later', docker: { mode: 'keychain' }, min_validty: '1h' } }),
    errors: [
      ['auth.settings.min_validity', /is not a duration/],
      ['auth.settings.docker.mode', /got "keychain".*one of auto, auths, store, helper/],
    ],
    warnings: [['auth.settings.min_validty', /ignored \(did you mean 'min_validity'\?\)/]],
  },
  {
    name: 'a reference to an entry that has errors is not reported twice',
    raw: auth({ identities: { 'dev-admin': { ...devAdmin, principal: { name: 'X' } } }, integrations: { r: ecr } }),
    errors: [['auth.identities.dev-admin.principal.account', /is missing.*account name/]],
  },
  {
    name: 'a misspelt section is a warning with the closest name',
    raw: { auth: { providers: { 'company-sso': sso }, identites: {} } },
    warnings: [['auth.identites', /not used by ecr-auth.*did you mean 'identities'/]],
  },
  {
    name: 'an entry that is not an object',
    raw: auth({ identities: { bad: 'dev' } }),
    errors: [['auth.identities.bad', /got "dev".*an object with a kind/]],
  },
  {
    name: 'errors of an unwrapped document have paths without auth.',
    raw: { identities: { x: { ...deployer, via: { identity: 'nobody' } } } },
    errors: [['identities.x.via.identity', /no identity named 'nobody'/]],
  },
];

describe('validateConfig', () => {
  it('has a table of at least 30 configs', () => expect(cases.length).toBeGreaterThanOrEqual(30));

  it.each(cases)('$name', ({ raw, errors = [], warnings = [], check }) => {
    const result = validateConfig(structuredClone(raw), '/work/ecr-auth.config.yaml');
    const shown = (issue: { message: string; expected?: string }) => `${issue.message}${issue.expected ? ` (expected ${issue.expected})` : ''}`;
    expect(result.errors.map((e) => e.path).sort()).toEqual(errors.map(([path]) => path).sort());
    for (const [path, pattern] of errors) {
      expect(shown(result.errors.find((e) => e.path === path)!)).toMatch(pattern);
    }
    for (const [path, pattern] of warnings) {
      const warning = result.warnings.find((w) => w.path === path);
      expect(warning, `warning at ${path} in ${JSON.stringify(result.warnings)}`).toBeDefined();
      expect(shown(warning!)).toMatch(pattern);
    }
    if (errors.length > 0) {
      expect(result.config).toBeUndefined();
    } else {
      expect(result.config).toBeDefined();
      expect(result.config!.source).toBe('/work/ecr-auth.config.yaml');
      check?.(result.config!);
    }
  });

  it('takes values a JS config may hold (a function beside an unknown key) without choking', () => {
    const raw = auth({ extra: { hooks: { onLogin: () => 1 } }, settings: { docker: { mode: 'auths' }, note: () => 2 } });
    const result = validateConfig(raw);
    expect(result.errors).toEqual([]);
    expect(result.warnings.map((w) => w.path)).toEqual(['auth.hooks', 'auth.settings.note']);
  });

  it('does not modify the document it is given', () => {
    const raw = auth({ settings: { min_validty: '1h' } });
    const copy = structuredClone(raw);
    validateConfig(raw);
    expect(raw).toEqual(copy);
  });
});
