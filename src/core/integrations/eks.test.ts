import { describe, expect, it } from 'vitest';
import { validateConfig } from '../config/validate.ts';
import { execCredential } from './eks.ts';

const base = {
  providers: { sso: { kind: 'aws/iam-identity-center', region: 'us-east-1', start_url: 'https://x.awsapps.com/start' } },
  identities: { dev: { kind: 'aws/permission-set', via: { provider: 'sso' }, principal: { name: 'Admin', account: '123456789012' } } },
};
const withEks = (spec: object) => ({ auth: { ...base, integrations: { 'dev/eks': { kind: 'aws/eks', via: { identity: 'dev' }, spec } } } });

describe('aws/eks config', () => {
  it('takes Atmos spellings: spec.cluster name, region, alias, kubeconfig path/mode/update, auto_provision', () => {
    const { config, errors } = validateConfig(
      withEks({ auto_provision: false, cluster: { name: 'dev-cluster', region: 'us-east-2', alias: 'dev', namespace: 'apps', kubeconfig: { path: '~/.kube/dev', mode: '0640', update: 'replace' } } }),
    );
    expect(errors).toEqual([]);
    expect(config!.integrations['dev/eks']).toEqual({
      kind: 'aws/eks', name: 'dev/eks', via: { identity: 'dev' }, autoProvision: false,
      cluster: { name: 'dev-cluster', region: 'us-east-2', alias: 'dev', namespace: 'apps', kubeconfig: { path: '~/.kube/dev', mode: 0o640, update: 'replace' } },
    });
  });

  it.each([
    ['a missing cluster name', { cluster: { region: 'us-east-2' } }, 'spec.cluster.name'],
    ['a bad region', { cluster: { name: 'c', region: 'mars' } }, 'spec.cluster.region'],
    ['a bad update mode', { cluster: { name: 'c', region: 'us-east-2', kubeconfig: { update: 'overwrite' } } }, 'spec.cluster.kubeconfig.update'],
  ])('refuses %s, naming the path', (_, spec, path) => {
    const { config, errors } = validateConfig(withEks(spec));
    expect(config).toBeUndefined();
    expect(errors.map((e) => e.path)).toContain(`auth.integrations.dev/eks.${path}`);
  });
});

describe('execCredential', () => {
  it("is kubectl's ExecCredential, expiring a minute before the token does", () => {
    const out = JSON.parse(execCredential('k8s-aws-v1.abc', Date.UTC(2026, 0, 1, 0, 15)));
    expect(out).toEqual({
      kind: 'ExecCredential',
      apiVersion: 'client.authentication.k8s.io/v1beta1',
      spec: {},
      status: { expirationTimestamp: '2026-01-01T00:14:00Z', token: 'k8s-aws-v1.abc' },
    });
  });
});
