import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Logger } from '../context.ts';
import { hashKey, openCacheStore } from './store.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ecr-auth-cache-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function recordingLogger() {
  const lines: Array<[string, string]> = [];
  const log: Logger = {
    info: (m) => lines.push(['info', m]),
    warn: (m) => lines.push(['warn', m]),
    verbose: (m) => lines.push(['verbose', m]),
  };
  return { log, lines };
}

describe('openCacheStore', () => {
  it('round-trips values under free-form keys, in an envelope, with 0700 dirs and 0600 files', async () => {
    const cache = openCacheStore(join(dir, 'cache'), undefined, { now: () => Date.UTC(2030, 0, 1) });
    const key = 'dev/ecr.primary@us-east-1';
    await cache.write('ecr', key, { token: 'x', expiresAt: 5 });
    expect(await cache.read('ecr', key)).toEqual({ token: 'x', expiresAt: 5 });
    const path = cache.pathOf('ecr', key);
    expect(path).toBe(join(dir, 'cache', 'ecr', `${hashKey(key)}.json`));
    expect(hashKey(key)).toMatch(/^[0-9a-f]{32}$/);
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual({ version: 1, key, writtenAt: '2030-01-01T00:00:00.000Z', value: { token: 'x', expiresAt: 5 } });
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect((await stat(join(dir, 'cache'))).mode & 0o777).toBe(0o700);
    expect((await stat(join(dir, 'cache', 'ecr'))).mode & 0o777).toBe(0o700);
  });

  it('reads a missing entry as undefined and creates nothing', async () => {
    const cache = openCacheStore(join(dir, 'cache'));
    expect(await cache.read('ecr', 'nope')).toBeUndefined();
    expect(await cache.list('ecr')).toEqual([]);
    expect(await cache.remove('ecr', 'nope')).toBe(false);
    expect(await readdir(dir)).toEqual([]);
  });

  it.each([
    ['garbage', 'not json{'],
    ['an empty file', ''],
    ['another format', '{"accessToken":"x"}'],
    ['another key (hash collision or hand edit)', JSON.stringify({ version: 1, key: 'other', writtenAt: '', value: 1 })],
    ['a future version', JSON.stringify({ version: 2, key: 'k', writtenAt: '', value: 1 })],
  ])('%s reads as undefined (verbose says so) and is overwritten on the next write', async (_name, text) => {
    const { log, lines } = recordingLogger();
    const cache = openCacheStore(dir, log);
    await mkdir(join(dir, 'ns'), { recursive: true });
    await writeFile(cache.pathOf('ns', 'k'), text);
    expect(await cache.read('ns', 'k')).toBeUndefined();
    expect(lines.some(([level, m]) => level === 'verbose' && m.includes(cache.pathOf('ns', 'k')))).toBe(true);
    await cache.write('ns', 'k', 42);
    expect(await cache.read('ns', 'k')).toBe(42);
  });

  it('lists the entries of a namespace with their original keys, skipping foreign files', async () => {
    const cache = openCacheStore(dir);
    await cache.write('ids', 'a/b.c', 1);
    await cache.write('ids', 'd', 2);
    await cache.write('other', 'e', 3);
    await writeFile(join(dir, 'ids', 'README'), 'x');
    await writeFile(join(dir, 'ids', `${'0'.repeat(32)}.json`), 'corrupt');
    const listed = await cache.list<number>('ids');
    expect(listed.sort((x, y) => x.value - y.value)).toEqual([{ key: 'a/b.c', value: 1 }, { key: 'd', value: 2 }]);
  });

  it('removes an entry and reports whether it existed', async () => {
    const cache = openCacheStore(dir);
    await cache.write('ns', 'k', 1);
    expect(await cache.remove('ns', 'k')).toBe(true);
    expect(await cache.read('ns', 'k')).toBeUndefined();
  });

  it('keeps locks under <dir>/locks, one per entry', () => {
    const cache = openCacheStore(dir);
    expect(cache.lockPath('sso', 'x')).toBe(join(dir, 'locks', `sso-${hashKey('x')}.lock`));
    expect(cache.lockPath('sso', 'x')).not.toBe(cache.lockPath('sso', 'y'));
    expect(() => cache.pathOf('../escape', 'k')).toThrow(/namespace/);
    expect(() => cache.pathOf('locks', 'k')).toThrow(/namespace/);
  });

  it('warns once when the cache dir sits inside a git work tree', async () => {
    await mkdir(join(dir, 'repo', '.git'), { recursive: true });
    const { log, lines } = recordingLogger();
    const cache = openCacheStore(join(dir, 'repo', 'sub', 'cache'), log);
    await cache.write('ns', 'a', 1);
    await cache.write('ns', 'b', 2);
    const warnings = lines.filter(([level]) => level === 'warn');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.[1]).toContain('inside a repository');
  });

  it('does not warn outside a git work tree', async () => {
    const { log, lines } = recordingLogger();
    await openCacheStore(join(dir, 'plain'), log).write('ns', 'a', 1);
    expect(lines.filter(([level]) => level === 'warn')).toEqual([]);
  });
});
