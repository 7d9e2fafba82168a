// Byte-for-byte pictures of the files a run must not touch (a Docker config, the SSO cache, a config file): every
// entry under each watched path with its type, mode and bytes (a symlink's target, never followed), compared later.
import { Buffer } from 'node:buffer';
import { lstat, readdir, readFile, readlink } from 'node:fs/promises';
import { join } from 'node:path';

/** Path -> "dir 755" | "link -> target" | "file 644 " + bytes; a missing watched path is recorded as absent. */
export type Picture = Map<string, Buffer>;

/** A picture of every entry under each of `paths`. */
export async function takePicture(paths: readonly string[]): Promise<Picture> {
  const picture: Picture = new Map();
  const visit = async (path: string): Promise<void> => {
    const info = await lstat(path).catch(() => undefined);
    if (!info) return void picture.set(path, Buffer.from('absent'));
    const mode = (info.mode & 0o7777).toString(8);
    if (info.isSymbolicLink()) return void picture.set(path, Buffer.from(`link ${mode} -> ${await readlink(path)}`));
    // a FIFO, socket or device is pictured by its type and mode: reading it would block or never end
    if (!info.isDirectory() && !info.isFile()) return void picture.set(path, Buffer.from(`special ${mode} ${info.isFIFO() ? 'fifo' : info.isSocket() ? 'socket' : 'device'}`));
    if (!info.isDirectory()) {
      // a file this process cannot read (a test made it 000 and runs unprivileged) is pictured by its mode and size
      const bytes = await readFile(path).catch(() => Buffer.from(`unreadable, ${info.size} bytes, mtime ${info.mtimeMs}`));
      return void picture.set(path, Buffer.concat([Buffer.from(`file ${mode} `), bytes]));
    }
    picture.set(path, Buffer.from(`dir ${mode}`));
    // a directory this process cannot list (a test made it 000) is pictured by its mode only
    const names = await readdir(path).catch(() => [] as string[]);
    for (const name of names.sort()) await visit(join(path, name));
  };
  for (const path of paths) await visit(path);
  return picture;
}

/** The paths whose entry was added, removed or changed between two pictures. */
export function differences(before: Picture, after: Picture): string[] {
  const paths = new Set([...before.keys(), ...after.keys()]);
  return [...paths].filter((path) => {
    const a = before.get(path);
    const b = after.get(path);
    const absent = (x: Buffer | undefined) => x === undefined || x.toString() === 'absent';
    if (absent(a) && absent(b)) return false;
    return a === undefined || b === undefined || !a.equals(b);
  }).sort();
}
