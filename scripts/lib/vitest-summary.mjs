#!/usr/bin/env node
// Reads a vitest JSON report and prints one record per suite for scripts/test.sh: `SUITE PASSED FAILED SKIPPED`,
// where SUITE is `product` or `harness` (the tests that exist only to check the test harness: the AWS emulator's
// own tests and the real-parts harness test). Counts tests, never files, except that a test file that failed
// without a failing test (an import error, a failing beforeAll) counts as one failure, so it cannot pass silently.
// Skipped tests (it.skip, skipIf, todo) are counted as skipped. The skipped tests are listed on stderr, by file;
// each failed test (or failed file) is one more record, `failed FILE > TEST — first line of its message`, so the
// end of a run can name what failed.
//
//   node scripts/lib/vitest-summary.mjs .tmp/test-results/vitest.json
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';

/** Test files that test the test harness itself, not the product. */
export const HARNESS = [/^test\/emulator\//, /^test\/real\/harness\.test\.ts$/, /^test\/harness\/.*\.test\.ts$/];

export function isHarness(file) {
  return HARNESS.some((pattern) => pattern.test(file));
}

/** Tallies a parsed vitest JSON report: { product: {passed, failed, skipped}, harness: {...}, skippedTests: [] }. */
export function summarize(report, root = process.cwd()) {
  const suites = { product: { passed: 0, failed: 0, skipped: 0 }, harness: { passed: 0, failed: 0, skipped: 0 } };
  const skippedTests = [];
  const failedTests = [];
  for (const file of report.testResults ?? []) {
    const name = relative(root, file.name).split('\\').join('/');
    const tally = suites[isHarness(name) ? 'harness' : 'product'];
    let failedHere = 0;
    for (const test of file.assertionResults ?? []) {
      if (test.status === 'passed') tally.passed += 1;
      else if (test.status === 'failed') {
        tally.failed += 1;
        failedHere += 1;
        failedTests.push(`${name} > ${test.fullName ?? test.title} — ${firstLine(test.failureMessages?.[0])}`);
      } else {
        tally.skipped += 1;
        skippedTests.push(`${name} > ${test.fullName ?? test.title}`);
      }
    }
    if (file.status === 'failed' && failedHere === 0) {
      tally.failed += 1;
      failedTests.push(`${name} (the file failed outside its tests) — ${firstLine(file.message)}`);
    }
  }
  return { ...suites, skippedTests, failedTests };
}

function firstLine(message) {
  const line = String(message ?? '').split('\n').find((l) => l.trim() !== '') ?? '';
  return line.replace(/\x1b\[[0-9;]*m/g, '').trim().slice(0, 200);
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop())) {
  const report = JSON.parse(readFileSync(process.argv[2], 'utf8'));
  const { product, harness, skippedTests, failedTests } = summarize(report);
  for (const test of skippedTests) process.stderr.write(`  skipped: ${test}\n`);
  for (const test of failedTests) console.log(`failed ${test}`);
  console.log(`product ${product.passed} ${product.failed} ${product.skipped}`);
  console.log(`harness ${harness.passed} ${harness.failed} ${harness.skipped}`);
}
