// The hostile-input table (hostile-cases.ts), each case in a world of its own against the AWS emulator, run
// in-process: the exit code, what the output says, and the files that must not change, byte for byte. A failure
// is one paragraph with a hint and no stack trace. Its run time is measured and printed.
import process from 'node:process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../emulator/index.ts';
import { hostileCases } from './hostile-cases.ts';
import { runHostileCase } from './support/hostile-run.ts';
import { hasStackTrace, paragraphProblems } from './support/stderr-shape.ts';

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(async () => {
  await emulator?.stop();
});

// HOSTILE_ONLY=<regex> runs the cases whose "[group] name" matches (to look at a few; CI runs them all)
const only = process.env.HOSTILE_ONLY ? new RegExp(process.env.HOSTILE_ONLY) : undefined;
const cases = hostileCases().filter((c) => only === undefined || only.test(`[${c.group}] ${c.name}`));
const started = performance.now();

describe('hostile input table', () => {
  it(`holds more than 150 cases (${hostileCases().length})`, () => {
    expect(hostileCases().length).toBeGreaterThan(150);
  });

  for (const c of cases) {
    it(`[${c.group}] ${c.name}`, async () => {
      const { w, result, changed } = await runHostileCase(c, emulator);
      try {
        const shown = `exit ${result.code}\nstdout: ${result.stdout.slice(0, 1500)}\nstderr: ${result.stderr.slice(0, 1500)}`;
        expect(result.code, shown).toBe(c.exit);
        expect(result.stderr, shown).not.toMatch(/E_INTERNAL/);
        expect(hasStackTrace(result.stderr + result.stdout), shown).toBe(false);
        if (c.says) expect(c.exit === 0 ? result.stdout + result.stderr : result.stderr + result.stdout, shown).toMatch(c.says);
        if (c.exit !== 0 && !c.helper && result.stderr.startsWith('ecr-auth: ')) expect(paragraphProblems(result.stderr), shown).toEqual([]);
        expect(changed, `files changed: ${changed.join(', ')}`).toEqual([]);
        await c.after?.(w, result);
      } finally {
        await w.cleanup();
      }
    });
  }

  // the run time is reported, not asserted (tests never depend on wall time on a shared machine)
  afterAll(() => {
    console.log(`hostile table: ${cases.length} cases in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  });
});
