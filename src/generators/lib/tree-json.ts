// JSON files in the Nx Tree without @nx/devkit at run time: read (comments and trailing commas tolerated, as Nx
// allows them in nx.json and project.json), and update writing only when the content really changed, keeping the
// file's indentation, so a second generator run changes nothing.
import type { Tree } from '@nx/devkit';
import type { ReadText } from '../../plugin/workspace-files.ts';

export type JsonObject = Record<string, unknown>;

/** Removes // and /* *\/ comments and trailing commas outside strings. */
export function stripJsonComments(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === '"') {
      const start = i++;
      while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
      out += text.slice(start, ++i);
    } else if (ch === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (ch === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end === -1 ? text.length : end + 2;
    } else {
      out += ch;
      i++;
    }
  }
  return out.replace(/,(\s*[}\]])/g, '$1');
}

/** A reader over the Tree, for the helpers shared with the plugin. */
export function treeReader(tree: Tree): ReadText {
  return (path) => (tree.exists(path) && tree.isFile(path) ? (tree.read(path, 'utf-8') ?? undefined) : undefined);
}

/** The JSON object in `path`; undefined when the file does not exist; throws a clear error when it is not JSON. */
export function readJson(tree: Tree, path: string): JsonObject | undefined {
  const text = treeReader(tree)(path);
  if (text === undefined) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(stripJsonComments(text));
  } catch (error) {
    throw new Error(`${path} is not valid JSON (${(error as Error).message}); fix it and run the generator again`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`${path} does not hold a JSON object`);
  return value as JsonObject;
}

function indentOf(text: string | undefined): string {
  const match = text === undefined ? null : /^\{\s*?\n([ \t]+)\S/.exec(text);
  return match?.[1] ?? '  ';
}

/** Writes `value` to `path` unless it equals what is there; returns whether the file changed. */
export function writeJsonIfChanged(tree: Tree, path: string, value: JsonObject): boolean {
  const before = treeReader(tree)(path);
  const current = before === undefined ? undefined : readJson(tree, path);
  if (current !== undefined && JSON.stringify(current) === JSON.stringify(value)) return false;
  tree.write(path, `${JSON.stringify(value, null, indentOf(before))}\n`);
  return true;
}

/** Reads `path` (an empty object when missing), lets `update` change it, writes it back only if it changed. */
export function updateJson(tree: Tree, path: string, update: (json: JsonObject) => void): boolean {
  const json = readJson(tree, path) ?? {};
  update(json);
  return writeJsonIfChanged(tree, path, json);
}

/** The object at `json[key]`, created when missing. */
export function objectAt(json: JsonObject, key: string): JsonObject {
  const value = json[key];
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as JsonObject;
  const created: JsonObject = {};
  json[key] = created;
  return created;
}
