// Our entries in a kubeconfig file: one cluster, one context and one user whose credential is an exec plugin. Pure
// text-to-text functions over the `yaml` library's document model, so that what we do not change keeps its keys,
// key order, values, quoting, comments and blank lines; only our three entries (and current-context when it was
// empty) change. A file written by kubectl itself round-trips byte for byte (block sequences at the parent's
// indentation, as kubectl writes them). A file that is not YAML, not a map, or has duplicate keys is refused.
import { isMap, isSeq, parseDocument, type Document, type YAMLMap, type YAMLSeq } from 'yaml';
import { EcrAuthError } from '../errors.ts';

/** The entries one integration owns in a kubeconfig. */
export interface KubeEntries {
  context: string;
  cluster: string;
  user: string;
  server: string;
  certificateAuthorityData: string;
  namespace?: string;
  exec: { apiVersion: string; command: string; args: string[] };
}

export type UpdateMode = 'merge' | 'replace' | 'error';

const SECTIONS = { clusters: 'cluster', contexts: 'context', users: 'user' } as const;
type Section = keyof typeof SECTIONS;

const TO_STRING = { indentSeq: false, lineWidth: 0 } as const;

function refuse(path: string, why: string): EcrAuthError {
  return new EcrAuthError('E_KUBECONFIG', `${path} ${why}; it was left unchanged`, {
    hint: `fix ${path} (kubectl config view shows what kubectl makes of it), or point the integration at another file with spec.cluster.kubeconfig.path`,
  });
}

function parse(text: string | undefined, path: string): Document {
  if (text === undefined || text.trim() === '') {
    return parseDocument('apiVersion: v1\nclusters: []\ncontexts: []\ncurrent-context: ""\nkind: Config\npreferences: {}\nusers: []\n');
  }
  const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: false });
  if (doc.errors.length > 0) throw refuse(path, `is not valid YAML (${doc.errors[0]!.message.split('\n')[0]})`);
  if (!isMap(doc.contents)) throw refuse(path, 'is not a kubeconfig (its top level is not a map)');
  return doc;
}

function sectionOf(doc: Document, section: Section): YAMLSeq {
  const node = doc.get(section, true);
  if (isSeq(node)) return node;
  if (node !== undefined && node !== null && !(typeof node === 'object' && 'value' in node && (node as { value: unknown }).value === null)) {
    throw new EcrAuthError('E_KUBECONFIG', `the kubeconfig's ${section} is not a list; it was left unchanged`, { hint: 'fix the file, then run the command again' });
  }
  const seq = doc.createNode([]) as YAMLSeq;
  doc.set(section, seq);
  return seq;
}

function indexOf(seq: YAMLSeq, name: string): number {
  return seq.items.findIndex((item) => isMap(item) && (item as YAMLMap).get('name') === name);
}

function put(doc: Document, section: Section, name: string, body: Record<string, unknown>): void {
  const seq = sectionOf(doc, section);
  const node = doc.createNode({ name, [SECTIONS[section]]: body });
  const at = indexOf(seq, name);
  if (seq.items.length === 0) seq.flow = false; // `clusters: []` becomes a block list once it has an entry
  if (at < 0) seq.items.push(node);
  else if (JSON.stringify((seq.items[at] as YAMLMap).toJSON()) !== JSON.stringify(node.toJSON())) seq.items[at] = node;
}

/** The user entry of `name` in a kubeconfig text, as data (undefined when absent). Pure. */
export function kubeUser(text: string | undefined, name: string, path = 'kubeconfig'): { exec?: { command?: unknown; args?: unknown } } | undefined {
  const doc = parse(text, path);
  const seq = doc.get('users', true);
  if (!isSeq(seq)) return undefined;
  const at = indexOf(seq, name);
  return at < 0 ? undefined : ((seq.items[at] as YAMLMap).toJSON() as { user?: { exec?: { command?: unknown; args?: unknown } } }).user ?? {};
}

/** True when the kubeconfig has a context of that name. Pure. */
export function hasContext(text: string | undefined, name: string, path = 'kubeconfig'): boolean {
  const seq = parse(text, path).get('contexts', true);
  return isSeq(seq) && indexOf(seq, name) >= 0;
}

/** The kubeconfig with our entries added or updated; everything else kept. Pure. */
export function upsertKubeEntries(text: string | undefined, entries: KubeEntries, options: { path: string; update: UpdateMode; isOurs(user: string): boolean }): string {
  const existing = parse(text, options.path);
  if (options.update === 'error') {
    const contexts = existing.get('contexts', true);
    const at = isSeq(contexts) ? indexOf(contexts, entries.context) : -1;
    if (at >= 0) {
      const user = (contexts as YAMLSeq).items[at] && ((contexts as YAMLSeq).items[at] as YAMLMap).getIn(['context', 'user']);
      if (typeof user !== 'string' || !options.isOurs(user)) throw refuse(options.path, `already has a context "${entries.context}" that ecr-auth did not write (update: error)`);
    }
  }
  const doc = options.update === 'replace' ? parse(undefined, options.path) : existing;
  put(doc, 'clusters', entries.cluster, { server: entries.server, 'certificate-authority-data': entries.certificateAuthorityData });
  put(doc, 'contexts', entries.context, { cluster: entries.cluster, user: entries.user, ...(entries.namespace ? { namespace: entries.namespace } : {}) });
  put(doc, 'users', entries.user, { exec: { apiVersion: entries.exec.apiVersion, command: entries.exec.command, args: entries.exec.args } });
  const current = doc.get('current-context');
  if (current === undefined || current === null || current === '') doc.set('current-context', entries.context);
  return doc.toString(TO_STRING);
}

/**
 * The kubeconfig without our context and user, and without the cluster when no remaining context uses it; a
 * current-context naming our context is emptied. Undefined when there was nothing of ours. Pure.
 */
export function removeKubeEntries(text: string | undefined, entries: Pick<KubeEntries, 'context' | 'cluster' | 'user'>, path: string): string | undefined {
  if (text === undefined) return undefined;
  const doc = parse(text, path);
  let changed = false;
  const drop = (section: Section, name: string) => {
    const seq = doc.get(section, true);
    if (!isSeq(seq)) return;
    const at = indexOf(seq, name);
    if (at >= 0) {
      seq.items.splice(at, 1);
      changed = true;
    }
  };
  drop('contexts', entries.context);
  drop('users', entries.user);
  const contexts = doc.get('contexts', true);
  const clusterInUse = isSeq(contexts) && contexts.items.some((item) => isMap(item) && (item as YAMLMap).getIn(['context', 'cluster']) === entries.cluster);
  if (!clusterInUse) drop('clusters', entries.cluster);
  if (doc.get('current-context') === entries.context) {
    doc.set('current-context', '');
    changed = true;
  }
  return changed ? doc.toString(TO_STRING) : undefined;
}
