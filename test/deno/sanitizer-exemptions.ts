// The only vitest tests that run under `deno test` with Deno's op and resource sanitizers off, each with why.
// Every other shimmed test runs with both sanitizers on. Keys: file from the repo root, then a full test name
// ("suite > test") or a suite prefix ("suite >") covering all its tests.

/** file -> (test name or suite prefix -> reason). */
export const SANITIZER_EXEMPTIONS: Record<string, Record<string, string>> = {
  'src/core/sso/browser.test.ts': {
    'openBrowser > runs the BROWSER command without a shell, the URL as one argument':
      'openBrowser starts the browser detached and unref()ed, by design; the test waits for its output, not its exit',
  },
  'src/core/sso/login-pkce.test.ts': {
    'PKCE login through the BROWSER command >':
      'the fake browser is started detached by openBrowser, by design, and may still be exiting when the login is done',
  },
  'test/session/registries.test.ts': {
    'slow and dropped connections >':
      "the emulator's slow-response timers (server side) outlive the client that gave up on them, by design",
  },
};

/** Why `name` in `file` runs without sanitizers, or undefined when it runs with them. */
export function sanitizerExemption(file: string, name: string): string | undefined {
  const entries = SANITIZER_EXEMPTIONS[file] ?? {};
  for (const [key, reason] of Object.entries(entries)) {
    if (name === key || (key.endsWith(' >') && name.startsWith(`${key} `))) return reason;
  }
  return undefined;
}
