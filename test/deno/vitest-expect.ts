// `expect` for the vitest shim under `deno test`: vitest's own matcher library (@vitest/expect, Jest's matchers as a
// chai plugin, installed with vitest) wired the way vitest wires it, so toEqual/toMatchObject/toThrow/rejects/
// resolves/asymmetric matchers behave exactly as they do under vitest. Snapshots, expect.poll and expect.soft are
// not provided (no core test uses them).
import {
  ASYMMETRIC_MATCHERS_OBJECT,
  ChaiStyleAssertions,
  GLOBAL_EXPECT,
  JestAsymmetricMatchers,
  JestChaiExpect,
  JestExtend,
  addCustomEqualityTesters,
  chai,
  type ExpectStatic,
  getState,
  setState,
} from '@vitest/expect';

chai.use(JestExtend);
chai.use(JestChaiExpect);
chai.use(ChaiStyleAssertions);
chai.use(JestAsymmetricMatchers);

// deno-lint-ignore no-explicit-any
type AnyExpect = any;

function createExpect(): AnyExpect {
  const expect: AnyExpect = (value: unknown, message?: string) => {
    const { assertionCalls } = getState(expect);
    setState({ assertionCalls: assertionCalls + 1 }, expect);
    return chai.expect(value, message);
  };
  Object.assign(expect, chai.expect);
  Object.assign(expect, (globalThis as AnyExpect)[ASYMMETRIC_MATCHERS_OBJECT]);
  expect.getState = () => getState(expect);
  expect.setState = (state: object) => setState(state, expect);
  setState(
    {
      assertionCalls: 0,
      isExpectingAssertions: false,
      isExpectingAssertionsError: null,
      expectedAssertionsNumber: null,
      expectedAssertionsNumberErrorGen: null,
      currentTestName: '',
    },
    expect,
  );
  expect.assert = chai.assert;
  expect.extend = (matchers: object) => (chai.expect as AnyExpect).extend(expect, matchers);
  expect.addEqualityTesters = (testers: never[]) => addCustomEqualityTesters(testers);
  expect.unreachable = (message?: string) => {
    chai.assert.fail(`expected${message ? ` "${message}" ` : ' '}not to be reached`);
  };
  expect.assertions = (expected: number) => {
    const errorGen = () => new Error(`expected number of assertions to be ${expected}, but got ${getState(expect).assertionCalls}`);
    setState({ expectedAssertionsNumber: expected, expectedAssertionsNumberErrorGen: errorGen }, expect);
  };
  expect.hasAssertions = () => {
    setState({ isExpectingAssertions: true, isExpectingAssertionsError: new Error('expected any number of assertion, but got none') }, expect);
  };
  return expect;
}

/** The one `expect` every shimmed test file imports from 'vitest'. */
export const expect: ExpectStatic & { unreachable(message?: string): never } = createExpect();
(globalThis as AnyExpect)[GLOBAL_EXPECT] = expect;

/** Resets the per-test assertion counters; called by the runner before each test. */
export function resetExpectState(testName: string): void {
  setState(
    { assertionCalls: 0, isExpectingAssertions: false, expectedAssertionsNumber: null, currentTestName: testName },
    expect,
  );
}

/** The expect.assertions()/hasAssertions() verdict after a test, as vitest gives it. */
export function checkExpectedAssertions(): void {
  const state = getState(expect);
  if (state.expectedAssertionsNumber !== null && state.assertionCalls !== state.expectedAssertionsNumber) {
    throw state.expectedAssertionsNumberErrorGen!();
  }
  if (state.isExpectingAssertions && state.assertionCalls === 0) throw state.isExpectingAssertionsError;
}
