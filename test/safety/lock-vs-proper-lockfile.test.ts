// Why src/core/fs/lock.ts is hand-written and not proper-lockfile 4: a holder killed with SIGKILL (a Ctrl-C'd CI job,
// an OOM kill). The lock record names the holder's pid and host, so ours is taken over as soon as the next process
// sees that pid is dead on this host; proper-lockfile knows only the lock's mtime, so the same dead holder blocks
// every waiter until `stale` has passed (at least 2 s, the smallest it accepts; 10 s by default). Both load under
// Deno (checked by hand: proper-lockfile, CJS with graceful-fs, runs there from node_modules), so Deno is not the
// reason. The assertions are on the mechanism (ours never waits for staleness; proper-lockfile still reports the
// dead holder's lock as held), never on wall time; the measured takeover times are printed.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { withLock } from '../../src/core/fs/lock.ts';
import { spawnTsx } from '../../src/core/fs/test-fixtures/run-tsx.ts';

const REPO = join(import.meta.dirname, '..', '..');
const lockfile = createRequire(join(REPO, 'package.json'))('proper-lockfile') as typeof import('proper-lockfile');
const OUR_CHILD = join(REPO, 'src', 'core', 'fs', 'test-fixtures', 'lock-child.ts');

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ea-lock-compare-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** Resolves once the child printed `word` (it holds the lock then); rejects if it exits first. */
function printed(child: ChildProcess, word: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout?.on('data', (chunk) => {
      out += String(chunk);
      if (out.includes(word)) resolve();
    });
    child.stderr?.on('data', (chunk) => (err += String(chunk)));
    child.once('exit', (code) => reject(new Error(`lock holder exited (${code}) before holding: ${err}`)));
  });
}

/** SIGKILLs the child and waits until it is gone. */
async function killHard(child: ChildProcess): Promise<void> {
  const gone = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await gone;
}

it('ours: a SIGKILLed holder on this host is taken over without waiting for staleMs', async () => {
  const lock = join(dir, 'ours.lock');
  const holder = spawnTsx(OUR_CHILD, ['hold', lock]);
  await printed(holder, 'locked');
  await killHard(holder);
  const started = performance.now();
  // staleMs (10 minutes) far beyond timeoutMs (2 minutes): only the dead-pid takeover can get the lock
  expect(await withLock(lock, async () => 'taken over', { staleMs: 600_000, timeoutMs: 120_000 })).toBe('taken over');
  console.info(`lock takeover after SIGKILL: ecr-auth lock ${(performance.now() - started).toFixed(0)} ms`);
});

it('proper-lockfile: the same dead holder still counts as holding until `stale` passes', async () => {
  const file = join(dir, 'theirs');
  await writeFile(file, '');
  const script = `require('proper-lockfile').lock(${JSON.stringify(file)}, { stale: 2000 }).then(() => { console.log('locked'); setInterval(() => {}, 1000); });`;
  const holder = spawn(process.execPath, ['-e', script], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
  await printed(holder, 'locked');
  await killHard(holder);
  const started = performance.now();
  // with the default stale (10 s) the lock is reported held right after its holder died...
  expect(await lockfile.check(file, { stale: 10_000 })).toBe(true);
  // ...and an immediate attempt is refused (ELOCKED): it cannot tell a dead holder from a live one
  await expect(lockfile.lock(file, { stale: 10_000, retries: 0 })).rejects.toMatchObject({ code: 'ELOCKED' });
  // with the smallest stale it accepts (2 s), retrying every 50-100 ms, it gets the lock only once the mtime is old
  const release = await lockfile.lock(file, { stale: 2000, retries: { retries: 400, minTimeout: 50, maxTimeout: 100 } });
  const waited = performance.now() - started;
  await release();
  console.info(`lock takeover after SIGKILL: proper-lockfile (stale 2000 ms, its minimum) ${waited.toFixed(0)} ms`);
}, 120_000);
