import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { hasContext, kubeUser, type KubeEntries, removeKubeEntries, upsertKubeEntries } from './kubeconfig.ts';

// As `kubectl config set-cluster/set-credentials/set-context/use-context` writes it.
const KUBECTL_WRITTEN = `apiVersion: v1
clusters:
- cluster:
    server: https://foreign.example.invalid:6443
  name: foreign
contexts:
- context:
    cluster: foreign
    namespace: team
    user: foreign-user
  name: foreign
current-context: foreign
kind: Config
preferences: {}
users:
- name: foreign-user
  user:
    token: not-ours
`;

const ENTRIES: KubeEntries = {
  context: 'dev-eks',
  cluster: 'arn:aws:eks:us-east-2:123456789012:cluster/dev',
  user: 'ecr-auth/dev/eks',
  server: 'https://ABC.gr7.us-east-2.eks.amazonaws.com',
  certificateAuthorityData: 'LS0tLS1CRUdJTg==',
  exec: { apiVersion: 'client.authentication.k8s.io/v1beta1', command: 'ecr-auth', args: ['eks-token', '--cluster', 'dev', '--region', 'us-east-2'] },
};
const opts = { path: '/k/config', update: 'merge' as const, isOurs: (u: string) => u.startsWith('ecr-auth/') };

describe('upsertKubeEntries / removeKubeEntries', () => {
  it('adds our three entries after the foreign ones, keeps every foreign line and the current context', () => {
    const out = upsertKubeEntries(KUBECTL_WRITTEN, ENTRIES, opts);
    const doc = parse(out);
    expect(doc['current-context']).toBe('foreign');
    expect(doc.contexts.map((c: { name: string }) => c.name)).toEqual(['foreign', 'dev-eks']);
    expect(doc.users[1]).toEqual({ name: 'ecr-auth/dev/eks', user: { exec: ENTRIES.exec } });
    expect(doc.clusters[1].cluster).toEqual({ server: ENTRIES.server, 'certificate-authority-data': ENTRIES.certificateAuthorityData });
    const lines = out.split('\n');
    let at = 0;
    for (const line of KUBECTL_WRITTEN.split('\n')) at = lines.indexOf(line, at) + 1 || Number.NaN;
    expect(at).not.toBeNaN();
  });

  it('is idempotent, and removal gives back the original bytes', () => {
    const once = upsertKubeEntries(KUBECTL_WRITTEN, ENTRIES, opts);
    expect(upsertKubeEntries(once, ENTRIES, opts)).toBe(once);
    expect(removeKubeEntries(once, ENTRIES, '/k/config')).toBe(KUBECTL_WRITTEN);
    expect(removeKubeEntries(KUBECTL_WRITTEN, ENTRIES, '/k/config')).toBeUndefined();
  });

  it('keeps comments, quoting and unknown keys of foreign content', () => {
    const text = `# managed by hand\napiVersion: v1\nclusters: []\ncontexts: [] # none yet\ncurrent-context: ""\nkind: Config\nextensions:\n  - name: "quoted"\npreferences: {colors: true}\nusers: []\n`;
    const out = upsertKubeEntries(text, ENTRIES, opts);
    expect(out).toContain('# managed by hand\n');
    expect(out).toContain('preferences: { colors: true }');
    expect(out).toContain('name: "quoted"');
    expect(parse(out)['current-context']).toBe('dev-eks');
  });

  it('starts a file that does not exist with our entries as the current context', () => {
    const doc = parse(upsertKubeEntries(undefined, { ...ENTRIES, namespace: 'apps' }, opts));
    expect(doc).toMatchObject({ apiVersion: 'v1', kind: 'Config', 'current-context': 'dev-eks' });
    expect(doc.contexts[0].context).toEqual({ cluster: ENTRIES.cluster, user: ENTRIES.user, namespace: 'apps' });
  });

  it('update: error refuses a foreign context of the same name; replace keeps only ours', () => {
    const foreign = upsertKubeEntries(KUBECTL_WRITTEN, { ...ENTRIES, context: 'foreign' }, { ...opts, update: 'merge' });
    expect(() => upsertKubeEntries(KUBECTL_WRITTEN, { ...ENTRIES, context: 'foreign' }, { ...opts, update: 'error' })).toThrow(/did not write/);
    expect(upsertKubeEntries(foreign, { ...ENTRIES, context: 'foreign' }, { ...opts, update: 'error' })).toBe(foreign);
    expect(parse(upsertKubeEntries(KUBECTL_WRITTEN, ENTRIES, { ...opts, update: 'replace' })).users).toHaveLength(1);
  });

  it('a cluster another context still uses stays at removal', () => {
    const shared = upsertKubeEntries(KUBECTL_WRITTEN, { ...ENTRIES, cluster: 'foreign' }, opts);
    const out = removeKubeEntries(shared, { ...ENTRIES, cluster: 'foreign' }, '/k/config')!;
    expect(parse(out).clusters.map((c: { name: string }) => c.name)).toEqual(['foreign']);
  });

  it.each([
    ['not YAML', 'clusters: [\n'],
    ['not a map', '- a\n- b\n'],
    ['duplicate keys', 'apiVersion: v1\nusers: []\nusers: []\n'],
  ])('refuses a file that is %s', (_, text) => {
    expect(() => upsertKubeEntries(text, ENTRIES, opts)).toThrow(expect.objectContaining({ code: 'E_KUBECONFIG' }));
  });

  it('reads back a user and a context', () => {
    const out = upsertKubeEntries(KUBECTL_WRITTEN, ENTRIES, opts);
    expect(kubeUser(out, ENTRIES.user)?.exec?.command).toBe('ecr-auth');
    expect(kubeUser(out, 'nobody')).toBeUndefined();
    expect([hasContext(out, 'dev-eks'), hasContext(KUBECTL_WRITTEN, 'dev-eks')]).toEqual([true, false]);
  });
});
