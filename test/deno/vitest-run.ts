// Runs one shimmed test the way vitest would: its suites' beforeAll hooks on first use, beforeEach outer-first,
// the body under its time-out, afterEach inner-first, then the afterAll hooks of every suite whose last test this
// was. Every error is collected; assertion errors get vitest's expected/received diff in their message.
import { printDiffOrStringify } from '@vitest/utils/diff';
import { checkExpectedAssertions, resetExpectState } from './vitest-expect.ts';
import { chain, type Hook, type HookEntry, type Suite } from './vitest-suites.ts';

/** vitest.config.ts: testTimeout and hookTimeout. */
export const TEST_TIMEOUT_MS = 180_000;
const HOOK_TIMEOUT_MS = 300_000;

function withTimeout<T>(what: string, ms: number, run: () => T | Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out in ${ms}ms`)), ms);
  });
  return Promise.race([Promise.resolve().then(run), expired]).finally(() => clearTimeout(timer));
}

/** Runs hooks in order; a function a hook returns is put first in `teardowns`. */
async function runHooks(hooks: (HookEntry | Hook)[], what: string, teardowns?: Hook[]): Promise<unknown[]> {
  const errors: unknown[] = [];
  for (const hook of hooks) {
    const { fn, timeout = HOOK_TIMEOUT_MS } = typeof hook === 'function' ? { fn: hook } : hook;
    try {
      const result = await withTimeout(what, timeout, fn);
      if (typeof result === 'function' && teardowns) teardowns.unshift(result as Hook);
    } catch (error) {
      errors.push(error);
    }
  }
  return errors;
}

/** Adds vitest's expected/received diff to an assertion error (Deno prints only the message and stack). */
function withDiff(error: unknown): unknown {
  const e = error as { showDiff?: boolean; actual?: unknown; expected?: unknown; stack?: string };
  if (!(error instanceof Error) || e.showDiff === false || !('expected' in e) || !('actual' in e)) return error;
  const diff = printDiffOrStringify(e.actual, e.expected, { expand: false }, error as never);
  if (!diff) return error;
  error.message += `\n\n${diff}\n`;
  if (e.stack) e.stack = e.stack.replace(/^[^\n]*/, `${error.name}: ${error.message}`);
  return error;
}

/** The body of the Deno.test registered for one `it`. */
export async function runTest(suite: Suite, name: string, timeout: number, body: () => unknown): Promise<void> {
  const suites = chain(suite);
  for (const s of suites.filter((s) => !s.started)) {
    if (suites.some((x) => x.setupError !== undefined)) break; // an outer beforeAll failed: set up nothing inside
    s.started = true;
    s.setupError = (await runHooks(s.hooks.beforeAll, 'beforeAll', s.teardowns))[0];
  }
  const errors: unknown[] = [];
  const failedSetup = suites.find((s) => s.setupError !== undefined);
  if (failedSetup) errors.push(failedSetup.setupError);
  else {
    const eachTeardowns: Hook[] = [];
    for (const s of suites) errors.push(...(await runHooks(s.hooks.beforeEach, 'beforeEach', eachTeardowns)));
    if (errors.length === 0) {
      resetExpectState(name);
      try {
        await withTimeout(`test "${name}"`, timeout, body);
        checkExpectedAssertions();
      } catch (error) {
        errors.push(withDiff(error));
      }
    }
    for (const s of [...suites].reverse()) errors.push(...(await runHooks([...s.hooks.afterEach].reverse(), 'afterEach')));
    errors.push(...(await runHooks(eachTeardowns, 'beforeEach teardown')));
  }
  for (const s of [...suites].reverse()) {
    if (--s.pending > 0 || !s.started) continue;
    errors.push(...(await runHooks([...s.hooks.afterAll].reverse(), 'afterAll')));
    errors.push(...(await runHooks(s.teardowns, 'beforeAll teardown')));
  }
  if (errors.length === 1) throw errors[0];
  if (errors.length > 1) throw new AggregateError(errors, errors.map(String).join('\n'));
}
