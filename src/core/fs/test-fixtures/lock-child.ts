// Child process for lock.test.ts: `count LOCK COUNTER N` increments a counter file N times under the lock;
// `hold LOCK` takes the lock, prints "locked" and waits to be killed.
import { readFile, writeFile } from 'node:fs/promises';
import process from 'node:process';
import { withLock } from '../lock.ts';

const [mode, lockPath, counterPath, times] = process.argv.slice(2);
if (mode === 'count' && lockPath && counterPath) {
  for (let i = 0; i < Number(times); i++) {
    await withLock(lockPath, async () => {
      const value = Number(await readFile(counterPath, 'utf8'));
      await new Promise((resolve) => setImmediate(resolve));
      await writeFile(counterPath, String(value + 1));
    });
  }
} else if (mode === 'hold' && lockPath) {
  await withLock(lockPath, async () => {
    process.stdout.write('locked\n');
    await new Promise(() => setInterval(() => {}, 1000));
  });
}
