// The node:fs/promises of the bundled bins: the reads the core makes, done synchronously; every change refused.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { constants } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import * as ro from './read-only-fs.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ea-ro-'));
  await writeFile(join(dir, 'a.txt'), 'hello');
});
afterEach(() => rm(dir, { recursive: true, force: true }));

it('reads as node:fs/promises does: text, listings, stats, access, and a FileHandle opened for reading', async () => {
  expect(await ro.readFile(join(dir, 'a.txt'), 'utf8')).toBe('hello');
  expect(await ro.readdir(dir)).toEqual(['a.txt']);
  expect((await ro.stat(join(dir, 'a.txt'))).size).toBe(5);
  expect((await ro.lstat(join(dir, 'a.txt'))).isFile()).toBe(true);
  await expect(ro.access(join(dir, 'a.txt'), constants.R_OK)).resolves.toBeUndefined();
  await expect(ro.readFile(join(dir, 'missing'), 'utf8')).rejects.toMatchObject({ code: 'ENOENT' });
  const handle = await ro.open(join(dir, 'a.txt'), constants.O_RDONLY | constants.O_NONBLOCK);
  expect((await handle.stat()).size).toBe(5);
  const buffer = Buffer.alloc(16);
  expect((await handle.read(buffer, 0, 16, null)).bytesRead).toBe(5);
  await handle.close();
});

it('refuses every call that would change a file, and opening for writing', async () => {
  await expect(ro.writeFile(join(dir, 'b.txt'), 'x')).rejects.toThrow(/changes no file/);
  await expect(ro.mkdir(join(dir, 'd'))).rejects.toThrow(/changes no file/);
  await expect(ro.chmod(join(dir, 'a.txt'), 0o600)).rejects.toThrow(/changes no file/);
  await expect(ro.unlink(join(dir, 'a.txt'))).rejects.toThrow(/changes no file/);
  await expect(ro.open(join(dir, 'a.txt'), constants.O_WRONLY)).rejects.toThrow(/changes no file/);
  await expect(ro.open(join(dir, 'c.txt'), 'w')).rejects.toThrow(/changes no file/);
  expect(await ro.readFile(join(dir, 'a.txt'), 'utf8')).toBe('hello');
});
