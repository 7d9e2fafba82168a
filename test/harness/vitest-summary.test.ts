// The tally behind scripts/test.sh's per-suite lines: tests, not files, are counted; harness files apart; a file
// that failed outside its tests counts as one failure; every failure is named with the first line of its message.
import { describe, expect, it } from 'vitest';
// @ts-expect-error a plain .mjs script without declarations
import { summarize } from '../../scripts/lib/vitest-summary.mjs';

const root = '/repo';
const report = {
  testResults: [
    {
      name: '/repo/test/cli/a.test.ts',
      status: 'failed',
      assertionResults: [
        { status: 'passed', fullName: 'a works' },
        { status: 'failed', fullName: 'a fails', failureMessages: ['\n\x1b[31mAssertionError: expected 1 to be 2\x1b[39m\n    at x'] },
        { status: 'skipped', fullName: 'a skipped' },
      ],
    },
    { name: '/repo/test/cli/b.test.ts', status: 'failed', message: 'Error: beforeAll timed out\nstack', assertionResults: [] },
    { name: '/repo/test/emulator/sts.test.ts', status: 'passed', assertionResults: [{ status: 'passed', fullName: 'sts' }] },
    { name: '/repo/test/harness/vitest-summary.test.ts', status: 'passed', assertionResults: [{ status: 'pending', fullName: 'todo' }] },
  ],
};

describe('summarize', () => {
  const tally = summarize(report, root);
  it('counts product and harness tests apart, and a file that failed without a failed test as one failure', () => {
    expect(tally.product).toEqual({ passed: 1, failed: 2, skipped: 1 });
    expect(tally.harness).toEqual({ passed: 1, failed: 0, skipped: 1 });
  });
  it('names every failure with the first line of its message, colours removed', () => {
    expect(tally.failedTests).toEqual([
      'test/cli/a.test.ts > a fails — AssertionError: expected 1 to be 2',
      'test/cli/b.test.ts (the file failed outside its tests) — Error: beforeAll timed out',
    ]);
  });
  it('lists the skipped tests by file', () => {
    expect(tally.skippedTests).toEqual(['test/cli/a.test.ts > a skipped', 'test/harness/vitest-summary.test.ts > todo']);
  });
});
