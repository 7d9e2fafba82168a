import { describe, expect, it } from 'vitest';
import { validateConfig } from '../config/validate.ts';
import { codeartifactHost, type CodeartifactIntegration, npmrcLines, pipEnvironment } from './codeartifact.ts';

const base = {
  providers: { sso: { kind: 'aws/iam-identity-center', region: 'us-east-1', start_url: 'https://x.awsapps.com/start' } },
  identities: { dev: { kind: 'aws/permission-set', via: { provider: 'sso' }, principal: { name: 'Admin', account: '123456789012' } } },
};
const withCa = (spec: object) => ({ auth: { ...base, integrations: { pkgs: { kind: 'aws/codeartifact', via: { identity: 'dev' }, spec } } } });
const SPEC = { domain: 'acme', domain_owner: '123456789012', region: 'us-east-2', repositories: [{ name: 'npm-store', tool: 'npm', scope: '@acme' }] };

describe('aws/codeartifact config', () => {
  it('reads domain, owner, region, duration and repositories with their tools', () => {
    const { config, errors } = validateConfig(withCa({ ...SPEC, duration: '2h', npmrc: 'project', repositories: [...SPEC.repositories, { name: 'py', tool: 'uv' }] }));
    expect(errors).toEqual([]);
    expect(config!.integrations.pkgs).toEqual({
      kind: 'aws/codeartifact', name: 'pkgs', via: { identity: 'dev' }, domain: 'acme', domainOwner: '123456789012', region: 'us-east-2',
      durationSeconds: 7200, npmrc: 'project', autoProvision: true,
      repositories: [{ name: 'npm-store', tool: 'npm', scope: '@acme' }, { name: 'py', tool: 'uv' }],
    });
  });

  it.each([
    ['an unknown tool', { ...SPEC, repositories: [{ name: 'r1', tool: 'maven' }] }, 'spec.repositories[0].tool'],
    ['no repositories', { ...SPEC, repositories: [] }, 'spec.repositories'],
    ['a bad domain', { ...SPEC, domain: 'Acme!' }, 'spec.domain'],
  ])('refuses %s, naming the path', (_, spec, path) => {
    const { config, errors } = validateConfig(withCa(spec));
    expect(config).toBeUndefined();
    expect(errors.map((e) => e.path)).toContain(`auth.integrations.pkgs.${path}`);
  });
});

describe('where each tool reads the token', () => {
  const i: CodeartifactIntegration = {
    kind: 'aws/codeartifact', name: 'pkgs', via: { identity: 'dev' }, domain: 'acme', domainOwner: '123456789012', region: 'us-east-2', npmrc: 'user', autoProvision: true,
    repositories: [{ name: 'npm-store', tool: 'npm', scope: 'acme' }, { name: 'default', tool: 'pnpm' }, { name: 'py', tool: 'pip' }, { name: 'py', tool: 'uv' }],
  };
  it('npm and pnpm: a registry line (scoped or not) and the auth token line of each repository', () => {
    expect(codeartifactHost(i)).toBe('acme-123456789012.d.codeartifact.us-east-2.amazonaws.com');
    expect(npmrcLines(i, 'T').map(({ key, value }) => `${key}=${value}`)).toEqual([
      '@acme:registry=https://acme-123456789012.d.codeartifact.us-east-2.amazonaws.com/npm/npm-store/',
      '//acme-123456789012.d.codeartifact.us-east-2.amazonaws.com/npm/npm-store/:_authToken=T',
      'registry=https://acme-123456789012.d.codeartifact.us-east-2.amazonaws.com/npm/default/',
      '//acme-123456789012.d.codeartifact.us-east-2.amazonaws.com/npm/default/:_authToken=T',
    ]);
  });
  it('pip and uv: the index URL with the token as password, URL-encoded', () => {
    const url = 'https://aws:a%2Fb%3D@acme-123456789012.d.codeartifact.us-east-2.amazonaws.com/pypi/py/simple/';
    expect(pipEnvironment(i, 'a/b=')).toEqual({ PIP_INDEX_URL: url, UV_INDEX_URL: url, UV_DEFAULT_INDEX: url });
  });
});
