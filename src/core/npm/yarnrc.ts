// Our entries in Yarn Berry's .yarnrc.yml: `npmScopes.<scope>.{npmRegistryServer, npmAuthToken}` for a scoped
// repository, or `npmRegistryServer` plus `npmRegistries["//host/path/"].npmAuthToken` for the default one. Pure,
// over yaml's document model: other keys keep their order, quoting and comments.
import { isMap, parseDocument, type Document } from 'yaml';
import { EcrAuthError } from '../errors.ts';

export interface YarnEntry {
  /** Without the @; undefined for the default registry. */
  scope?: string;
  server: string;
  token: string;
}

function parse(text: string | undefined, path: string): Document {
  const doc = parseDocument(text ?? '', { uniqueKeys: true, prettyErrors: false });
  if (doc.errors.length > 0) throw new EcrAuthError('E_CONFIG', `${path} is not valid YAML; it was left unchanged`, { hint: `fix ${path}, then run the command again` });
  if (doc.contents !== null && !isMap(doc.contents)) throw new EcrAuthError('E_CONFIG', `${path} is not a map; it was left unchanged`, { hint: `fix ${path}` });
  return doc;
}

const pathsOf = (entry: Pick<YarnEntry, 'scope' | 'server'>) =>
  entry.scope !== undefined
    ? { server: ['npmScopes', entry.scope, 'npmRegistryServer'], token: ['npmScopes', entry.scope, 'npmAuthToken'] }
    : { server: ['npmRegistryServer'], token: ['npmRegistries', `//${entry.server.replace(/^https?:\/\//, '')}`, 'npmAuthToken'] };

/** .yarnrc.yml with our entries set. Pure. */
export function upsertYarnrc(text: string | undefined, entries: YarnEntry[], path: string): string {
  const doc = parse(text, path);
  for (const entry of entries) {
    const at = pathsOf(entry);
    doc.setIn(at.server, entry.server);
    doc.setIn(at.token, entry.token);
  }
  return doc.toString({ lineWidth: 0 });
}

/** .yarnrc.yml without our entries (only while they still hold what we wrote); undefined when nothing changed. */
export function removeFromYarnrc(text: string | undefined, entries: Array<Pick<YarnEntry, 'scope' | 'server'> & { isOurs(token: string): boolean }>, path: string): string | undefined {
  if (text === undefined) return undefined;
  const doc = parse(text, path);
  let changed = false;
  for (const entry of entries) {
    const at = pathsOf(entry);
    const token = doc.getIn(at.token);
    if (typeof token !== 'string' || !entry.isOurs(token)) continue;
    doc.deleteIn(at.token);
    if (doc.getIn(at.server) === entry.server) doc.deleteIn(at.server);
    const parent = at.token.slice(0, -1);
    for (let depth = parent.length; depth > 0; depth--) {
      const node = doc.getIn(parent.slice(0, depth));
      if (isMap(node) && node.items.length === 0) doc.deleteIn(parent.slice(0, depth));
    }
    changed = true;
  }
  return changed ? doc.toString({ lineWidth: 0 }) : undefined;
}
