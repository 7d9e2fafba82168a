// Byte-for-byte pictures of files and directory trees, to prove that what the tool must not touch was not touched.
import { Buffer } from 'node:buffer';
import { lstat, readdir, readFile, readlink } from 'node:fs/promises';
import { join, relative } from 'node:path';

/** Every entry under `root` (itself included): a file's bytes and mode, a link's target, a directory's mode. */
export async function snapshot(root: string): Promise<Map<string, string | Buffer>> {
  const out = new Map<string, string | Buffer>();
  const walk = async (path: string): Promise<void> => {
    const info = await lstat(path).catch(() => undefined);
    const name = relative(root, path) || '.';
    if (!info) return;
    const mode = (info.mode & 0o7777).toString(8);
    if (info.isSymbolicLink()) out.set(name, `link ${await readlink(path)}`);
    else if (info.isDirectory()) {
      out.set(name, `dir ${mode}`);
      for (const entry of (await readdir(path)).sort()) await walk(join(path, entry));
    } else out.set(name, Buffer.concat([Buffer.from(`file ${mode} `), await readFile(path)]));
  };
  await walk(root);
  return out;
}

/** The names whose entry differs between two snapshots (added, removed or changed). */
export function changedEntries(before: Map<string, string | Buffer>, after: Map<string, string | Buffer>): string[] {
  const names = new Set([...before.keys(), ...after.keys()]);
  return [...names].filter((name) => {
    const a = before.get(name);
    const b = after.get(name);
    if (a === undefined || b === undefined) return true;
    return Buffer.isBuffer(a) && Buffer.isBuffer(b) ? !a.equals(b) : a !== b;
  }).sort();
}

/** The entries of `before` that changed or vanished; entries only added are not counted (see `addedEntries`). */
export function touchedEntries(before: Map<string, string | Buffer>, after: Map<string, string | Buffer>): string[] {
  return changedEntries(before, after).filter((name) => before.has(name));
}

/** The entries that exist only in `after`. */
export function addedEntries(before: Map<string, string | Buffer>, after: Map<string, string | Buffer>): string[] {
  return [...after.keys()].filter((name) => !before.has(name)).sort();
}
