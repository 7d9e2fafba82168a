// What `import { describe, it, expect, ... } from 'vitest'` resolves to under `deno test` (deno.json maps the
// specifier here), so the core's vitest files run unchanged as Deno tests. Every `it` becomes one flat Deno.test
// named "suite > sub-suite > test", so Deno counts exactly the tests vitest counts; tests of a file run in order,
// with vitest's hook order (vitest-run.ts). Deno's op/resource sanitizers are on for every test except those in
// sanitizer-exemptions.ts. Supported: describe/it/test (+ .skip .only .todo .skipIf .runIf .each with arrays),
// beforeAll/afterAll/beforeEach/afterEach (a returned function is the teardown), per-test time-outs, `expect`.
// Not supported (no core test uses them): async describe bodies, concurrent suites, snapshots, `vi`, the test
// context argument. With `deno test --filter`, a suite's afterAll runs only if its last test is selected.
/// <reference lib="deno.ns" />
import type { afterAll as AfterAll, afterEach as AfterEach, beforeAll as BeforeAll, beforeEach as BeforeEach, SuiteAPI, TestAPI } from '@vitest/runner';
import { sanitizerExemption } from './sanitizer-exemptions.ts';
import { expect } from './vitest-expect.ts';
import { useNodeForChildren } from './vitest-node-children.ts';
import { runTest, TEST_TIMEOUT_MS } from './vitest-run.ts';
import { chain, collectInto, currentSuite, type Hook, type HookKind, newSuite } from './vitest-suites.ts';
import { formatTitle } from './vitest-titles.ts';

export { expect };

type Body = (...args: never[]) => unknown;
type Options = number | { timeout?: number };
type Mode = { skip?: boolean; only?: boolean };
// deno-lint-ignore no-explicit-any
type Any = any;

useNodeForChildren();

function register(name: string, body: Body, options: Options | undefined, mode: Mode): void {
  const suite = currentSuite();
  const suites = chain(suite);
  const ignore = Boolean(mode.skip || suite.skip);
  const fullName = [...suites.map((s) => s.name).filter(Boolean), name].join(' > ');
  const timeout = typeof options === 'number' ? options : (options?.timeout ?? TEST_TIMEOUT_MS);
  const sanitize = sanitizerExemption(suite.file, fullName) === undefined;
  if (!ignore) for (const s of suites) s.pending++;
  Deno.test({
    name: fullName,
    ignore,
    only: Boolean(mode.only || suite.only),
    sanitizeOps: sanitize,
    sanitizeResources: sanitize,
    fn: () => runTest(suite, fullName, timeout, body as () => unknown),
  });
}

function defineSuite(name: string, body: () => unknown, mode: Mode): void {
  collectInto(newSuite(name, currentSuite(), mode), body);
}

/** `.each(cases)(template, body)`: one test (or suite) per case; an array case is spread into the arguments. */
function eachOf(define: (name: string, body: () => unknown, options?: Options) => void) {
  return (cases: readonly unknown[]) => (template: string, body: Body, options?: Options) => {
    if (!Array.isArray(cases)) throw new Error('.each: only arrays of cases are supported under the Deno shim');
    cases.forEach((item, index) => {
      const args = Array.isArray(item) ? (item as unknown[]) : [item];
      define(formatTitle(template, args, index), () => (body as (...a: unknown[]) => unknown)(...args), options);
    });
  };
}

function makeIt(): Any {
  const it: Any = (name: string, body: Body = () => {}, options?: Options) => register(name, body, options, {});
  it.skip = (name: string, body: Body = () => {}, options?: Options) => register(name, body, options, { skip: true });
  it.only = (name: string, body: Body, options?: Options) => register(name, body, options, { only: true });
  it.todo = (name: string) => register(name, () => {}, undefined, { skip: true });
  it.skipIf = (condition: unknown) => (condition ? it.skip : it);
  it.runIf = (condition: unknown) => (condition ? it : it.skip);
  it.each = eachOf((name, body, options) => it(name, body, options));
  it.skip.each = eachOf((name, body, options) => it.skip(name, body, options));
  it.only.each = eachOf((name, body, options) => it.only(name, body, options));
  return it;
}

function makeDescribe(): Any {
  const describe: Any = (name: string, body: () => unknown) => defineSuite(name, body, {});
  describe.skip = (name: string, body: () => unknown) => defineSuite(name, body, { skip: true });
  describe.only = (name: string, body: () => unknown) => defineSuite(name, body, { only: true });
  describe.todo = (name: string) => defineSuite(name, () => {}, { skip: true });
  describe.skipIf = (condition: unknown) => (condition ? describe.skip : describe);
  describe.runIf = (condition: unknown) => (condition ? describe : describe.skip);
  describe.each = eachOf((name, body) => describe(name, body));
  return describe;
}

function hook(kind: HookKind): Any {
  return (fn: Hook, timeout?: number): void => {
    currentSuite().hooks[kind].push({ fn, timeout });
  };
}

/** vitest's test API (typed as vitest's), registered as Deno tests. */
export const it: TestAPI = makeIt();
export const test: TestAPI = it;
export const describe: SuiteAPI = makeDescribe();
export const suite: SuiteAPI = describe;
export const beforeAll: typeof BeforeAll = hook('beforeAll');
export const afterAll: typeof AfterAll = hook('afterAll');
export const beforeEach: typeof BeforeEach = hook('beforeEach');
export const afterEach: typeof AfterEach = hook('afterEach');
