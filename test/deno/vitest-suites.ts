// The suite tree the Deno vitest shim collects while a test file is evaluated: one root suite per file (found from
// the caller's stack, since every test file shares the shim module), a stack of open `describe` blocks, the hooks
// registered in each suite, and how many of its tests are still to run (afterAll runs when that reaches 0).
/// <reference lib="deno.ns" />

/** A hook as vitest takes it; a function it returns is its teardown. */
export type Hook = () => unknown;
/** A registered hook and its time-out (vitest's hookTimeout unless given). */
export interface HookEntry {
  fn: Hook;
  timeout?: number;
}
export type HookKind = 'beforeAll' | 'afterAll' | 'beforeEach' | 'afterEach';

/** One `describe` block, or a file's root. */
export interface Suite {
  name: string;
  /** The test file, from the repo root. */
  file: string;
  parent: Suite | undefined;
  hooks: Record<HookKind, HookEntry[]>;
  /** Tests under this suite (at any depth) that Deno will run and that have not finished yet. */
  pending: number;
  started: boolean;
  setupError: unknown;
  teardowns: Hook[];
  skip: boolean;
  only: boolean;
}

const SHIM_DIR = new URL('./', (import.meta as { url: string }).url).href;
const ROOT = new URL('../../', (import.meta as { url: string }).url).href;
const fileSuites = new Map<string, Suite>();
const open: Suite[] = [];

/** A new suite under `parent` (or a root when there is none); skip/only are inherited. */
export function newSuite(name: string, parent: Suite | undefined, mode: { skip?: boolean; only?: boolean } = {}, file = parent?.file ?? ''): Suite {
  const hooks = { beforeAll: [], afterAll: [], beforeEach: [], afterEach: [] };
  const skip = Boolean(mode.skip || parent?.skip);
  const only = Boolean(mode.only || parent?.only);
  return { name, file, parent, hooks, pending: 0, started: false, setupError: undefined, teardowns: [], skip, only };
}

/** The test file calling into the shim: the first stack frame outside test/deno/vitest-*.ts. */
function callerFile(): string {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 50;
  const stack = new Error().stack ?? '';
  Error.stackTraceLimit = limit;
  for (const match of stack.matchAll(/((?:file|https?):\/\/[^\s)]+?):\d+:\d+/g)) {
    const url = match[1]!;
    if (!(url.startsWith(SHIM_DIR) && /\/vitest-[\w-]+\.ts$/.test(url))) return url;
  }
  return 'unknown';
}

/** The innermost open `describe`, else the calling file's root suite. */
export function currentSuite(): Suite {
  const top = open.at(-1);
  if (top) return top;
  const url = callerFile();
  let root = fileSuites.get(url);
  if (!root) fileSuites.set(url, (root = newSuite('', undefined, {}, decodeURI(url.replace(ROOT, '')))));
  return root;
}

/** Runs a `describe` body with `suite` open, so the tests and hooks it declares land in it. */
export function collectInto(suite: Suite, body: () => unknown): void {
  open.push(suite);
  try {
    const result = body();
    if (result instanceof Promise) throw new Error(`describe("${suite.name}"): async describe callbacks are not supported under the Deno shim`);
  } finally {
    open.pop();
  }
}

/** The suites from the file's root down to `suite`. */
export function chain(suite: Suite): Suite[] {
  const suites: Suite[] = [];
  for (let s: Suite | undefined = suite; s; s = s.parent) suites.unshift(s);
  return suites;
}
