import { lstat, mkdir, mkdtemp, readdir, readFile, readlink, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isEcrAuthError } from '../errors.ts';
import { readTextIfExists, resolveWriteTarget, writeFileAtomic } from './atomic-file.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ecr-auth-atomic-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});
const modeOf = async (path: string) => (await stat(path)).mode & 0o777;

describe('writeFileAtomic', () => {
  it('creates missing directories 0700 and the file 0600 by default', async () => {
    const path = join(dir, 'a', 'b', 'file.json');
    await writeFileAtomic(path, '{"x":1}');
    expect(await readFile(path, 'utf8')).toBe('{"x":1}');
    expect(await modeOf(path)).toBe(0o600);
    expect(await modeOf(join(dir, 'a'))).toBe(0o700);
    expect(await modeOf(join(dir, 'a', 'b'))).toBe(0o700);
  });

  it('replaces an existing file with the requested mode and leaves no temp file', async () => {
    const path = join(dir, 'file');
    await writeFile(path, 'old', { mode: 0o644 });
    await writeFileAtomic(path, new TextEncoder().encode('new'), { mode: 0o640 });
    expect(await readFile(path, 'utf8')).toBe('new');
    expect(await modeOf(path)).toBe(0o640);
    expect(await readdir(dir)).toEqual(['file']);
  });

  it('writes through a symlink so the link survives', async () => {
    const real = join(dir, 'real', 'config.json');
    await mkdir(join(dir, 'real'));
    await writeFile(real, 'old');
    const link = join(dir, 'link.json');
    await symlink(real, link);
    await writeFileAtomic(link, 'new');
    expect((await lstat(link)).isSymbolicLink()).toBe(true);
    expect(await readlink(link)).toBe(real);
    expect(await readFile(real, 'utf8')).toBe('new');
  });

  it('follows a relative, dangling symlink chain to its final target', async () => {
    await symlink('second', join(dir, 'first'));
    await symlink('target.json', join(dir, 'second'));
    expect(await resolveWriteTarget(join(dir, 'first'))).toBe(join(dir, 'target.json'));
    await writeFileAtomic(join(dir, 'first'), 'x');
    expect(await readFile(join(dir, 'target.json'), 'utf8')).toBe('x');
  });

  it('fails on a directory in place of the file and cleans up its temp file', async () => {
    const path = join(dir, 'occupied');
    await mkdir(path);
    await expect(writeFileAtomic(path, 'x')).rejects.toThrow();
    expect(await readdir(dir)).toEqual(['occupied']);
  });
});

describe('readTextIfExists', () => {
  it('returns the text, or undefined when the file is missing', async () => {
    await writeFile(join(dir, 'f'), 'hello');
    expect(await readTextIfExists(join(dir, 'f'))).toBe('hello');
    expect(await readTextIfExists(join(dir, 'missing'))).toBeUndefined();
  });

  it('a directory is an EcrAuthError with a hint, under the code the caller chose', async () => {
    const error = await readTextIfExists(dir, { code: 'E_DOCKER_CONFIG' }).catch((e) => e);
    expect(isEcrAuthError(error, 'E_DOCKER_CONFIG')).toBe(true);
    expect(error.message).toContain('is a directory');
    expect(error.hint).toBeTruthy();
    expect(isEcrAuthError(await readTextIfExists(dir).catch((e) => e), 'E_CACHE')).toBe(true);
  });
});
