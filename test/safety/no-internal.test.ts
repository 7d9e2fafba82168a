// E_INTERNAL means a bug. Every case of the hostile-input table is fed to the CLI or the credential helper, each
// under a time-out; the test fails if any ends in E_INTERNAL, shows a stack trace, or hangs. (The table itself,
// hostile-table.test.ts, checks what each case must say; this file checks only that nothing escapes as a bug, so a
// case added to the table is swept here too, whatever it expects.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../emulator/index.ts';
import { hostileCases } from './hostile-cases.ts';
import { runHostileCase } from './support/hostile-run.ts';
import { hasStackTrace } from './support/stderr-shape.ts';

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(async () => {
  await emulator?.stop();
});

describe('no hostile input ends as E_INTERNAL, a stack trace or a hang', () => {
  it('sweeps every case of the table', async () => {
    const escaped: string[] = [];
    for (const c of hostileCases()) {
      const { w, result } = await runHostileCase(c, emulator);
      await w.cleanup();
      const output = result.stdout + result.stderr;
      if (result.code === 'hang') escaped.push(`[${c.group}] ${c.name}: hang`);
      else if (/E_INTERNAL|unexpected error/.test(output)) escaped.push(`[${c.group}] ${c.name}: ${result.stderr.split('\n')[0]}`);
      else if (hasStackTrace(output)) escaped.push(`[${c.group}] ${c.name}: stack trace`);
    }
    expect(escaped).toEqual([]);
  }, 900_000);
});
