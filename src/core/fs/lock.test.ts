import { mkdtemp, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isEcrAuthError } from '../errors.ts';
import { withLock } from './lock.ts';
import { isAbandoned, parseLockRecord } from './lock-record.ts';
import { runTsx, spawnTsx } from './test-fixtures/run-tsx.ts';

const child = fileURLToPath(new URL('./test-fixtures/lock-child.ts', (import.meta as { url: string }).url));
let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ecr-auth-lock-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('withLock', () => {
  it('16 processes incrementing a counter 20 times each under the lock lose no update', async () => {
    const counter = join(dir, 'counter');
    await writeFile(counter, '0');
    const lock = join(dir, 'locks', 'counter.lock');
    await Promise.all(Array.from({ length: 16 }, () => runTsx(child, ['count', lock, counter, '20'])));
    expect(await readFile(counter, 'utf8')).toBe('320');
    await expect(stat(lock)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('takes over the lock of a holder killed with SIGKILL, without waiting for staleness', async () => {
    const lock = join(dir, 'held.lock');
    const holder = spawnTsx(child, ['hold', lock]);
    await new Promise<void>((resolve, reject) => {
      holder.stdout?.on('data', (chunk) => String(chunk).includes('locked') && resolve());
      holder.on('exit', (code) => reject(new Error(`holder exited early (${code})`)));
    });
    const exited = new Promise((resolve) => holder.on('exit', resolve));
    holder.kill('SIGKILL');
    await exited;
    const result = await withLock(lock, async () => 'taken', { staleMs: 600_000, timeoutMs: 30_000 });
    expect(result).toBe('taken');
  });

  it('takes over a lock from another host once its mtime is older than staleMs', async () => {
    const lock = join(dir, 'remote.lock');
    await writeFile(lock, JSON.stringify({ hostname: 'other-host.invalid', acquiredAt: 'then', token: 'x' }));
    const old = new Date(Date.now() - 60_000);
    await utimes(lock, old, old);
    expect(await withLock(lock, async () => 1, { staleMs: 30_000, timeoutMs: 5_000 })).toBe(1);
  });

  it('times out with E_LOCK_TIMEOUT naming the lock file and how to remove it', async () => {
    const lock = join(dir, 'busy.lock');
    let release!: () => void;
    let acquired!: () => void;
    const held = new Promise<void>((resolve) => (acquired = resolve));
    const holding = withLock(lock, () => new Promise<void>((resolve) => {
      release = resolve;
      acquired();
    }));
    await held; // the holder is inside: wait for that, not for a guessed time
    let waited = 0;
    const error = await withLock(lock, async () => 'never', { timeoutMs: 300, onWait: () => waited++ }).catch((e) => e);
    release();
    await holding;
    expect(isEcrAuthError(error, 'E_LOCK_TIMEOUT')).toBe(true);
    expect(error.message).toContain(lock);
    expect(error.message).toContain(`pid ${process.pid}`);
    expect(error.hint).toContain(`rm -f "${lock}"`);
    expect(waited).toBe(1);
  });

  it('releases the lock when fn throws, and passes the error through', async () => {
    const lock = join(dir, 'throws.lock');
    await expect(withLock(lock, async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await withLock(lock, async () => 'again', { timeoutMs: 1_000 })).toBe('again');
  });

  it('serializes concurrent callers in one process', async () => {
    const lock = join(dir, 'inproc.lock');
    let inside = 0;
    let maxInside = 0;
    await Promise.all(
      Array.from({ length: 8 }, () =>
        withLock(lock, async () => {
          maxInside = Math.max(maxInside, ++inside);
          await new Promise((resolve) => setTimeout(resolve, 5));
          inside--;
        }),
      ),
    );
    expect(maxInside).toBe(1);
  });
});

describe('isAbandoned', () => {
  const fresh = { mtimeMs: 1_000_000 };
  it.each([
    ['a live holder, fresh', { alive: true, host: 'self', age: 0 }, false],
    ['a dead holder on this host, fresh', { alive: false, host: 'self', age: 0 }, true],
    ['a dead-looking holder on another host, fresh', { alive: false, host: 'elsewhere', age: 0 }, false],
    ['a live holder, stale', { alive: true, host: 'self', age: 20_000 }, true],
    ['no record yet, fresh', undefined, false],
  ])('%s -> %s', (_name, holder, expected) => {
    const record = holder && { pid: process.pid + 100_000, hostname: holder.host === 'self' ? hostname() : holder.host, acquiredAt: '', token: 't' };
    const now = fresh.mtimeMs + (holder?.age ?? 0);
    expect(isAbandoned({ record, mtimeMs: fresh.mtimeMs }, now, 15_000, () => holder?.alive ?? true)).toBe(expected);
  });

  it('parseLockRecord tolerates an empty or foreign file', () => {
    expect(parseLockRecord('')).toBeUndefined();
    expect(parseLockRecord('{"pid":"x"}')).toBeUndefined();
    expect(parseLockRecord('{"pid":3,"hostname":"h","token":"t","acquiredAt":"a"}')).toEqual({ pid: 3, hostname: 'h', token: 't', acquiredAt: 'a' });
  });
});

