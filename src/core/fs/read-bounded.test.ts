import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readBounded, readBoundedSync, RefusedFileError } from './read-bounded.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ecr-auth-bounded-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const readers = { async: readBounded, sync: async (path: string, options?: { maxBytes?: number }) => readBoundedSync(path, options) };

describe.each(Object.entries(readers))('readBounded (%s)', (_name, read) => {
  it('reads a regular file, through a symlink, keeping a BOM', async () => {
    await writeFile(join(dir, 'f'), '\uFEFF{"a":1}');
    await symlink(join(dir, 'f'), join(dir, 'l'));
    expect(await read(join(dir, 'l'))).toBe('\uFEFF{"a":1}');
  });

  it('answers undefined for a missing file or a missing directory on the way', async () => {
    expect(await read(join(dir, 'nope'))).toBeUndefined();
    expect(await read(join(dir, 'nope', 'deeper'))).toBeUndefined();
  });

  it('refuses a FIFO at once, without waiting for a writer', async () => {
    const fifo = join(dir, 'fifo');
    execFileSync('mkfifo', [fifo]);
    const error = await Promise.resolve(read(fifo)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RefusedFileError);
    expect((error as RefusedFileError).reason).toBe('not-a-file');
    expect((error as Error).message).toMatch(/is a FIFO \(named pipe\), not a regular file/);
  });

  it('refuses a character device (/dev/zero) and a directory', async () => {
    await expect(Promise.resolve(read('/dev/zero'))).rejects.toThrow(/is a character device, not a regular file/);
    await expect(Promise.resolve(read(dir))).rejects.toThrow(/is a directory, not a regular file/);
  });

  it('refuses a socket', async () => {
    const path = join(dir, 'sock');
    const server = createServer();
    await new Promise<void>((done) => server.listen(path, done));
    try {
      await expect(Promise.resolve(read(path))).rejects.toThrow(/is a socket, not a regular file/);
    } finally {
      server.close();
    }
  });

  it('refuses a file over the cap, and reads one exactly at it', async () => {
    await writeFile(join(dir, 'big'), 'x'.repeat(1025));
    await writeFile(join(dir, 'edge'), 'x'.repeat(1024));
    await expect(Promise.resolve(read(join(dir, 'big'), { maxBytes: 1024 }))).rejects.toThrow(/is 1\.0 KB, more than the 1\.0 KB/);
    expect((await read(join(dir, 'edge'), { maxBytes: 1024 }))?.length).toBe(1024);
  });

  it('reads a file that reports no size (procfs) up to the cap', async () => {
    const text = await read('/proc/self/status');
    expect(text).toMatch(/^Name:/);
    await expect(Promise.resolve(read('/proc/self/status', { maxBytes: 16 }))).rejects.toThrow(/more than 16 bytes/);
  });

  it('reads a file larger than its first buffer', async () => {
    await writeFile(join(dir, 'mid'), 'y'.repeat(100_000));
    expect((await read(join(dir, 'mid')))?.length).toBe(100_000);
  });
});
