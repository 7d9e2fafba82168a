// How registry logins and failures are shown: one line each for people, one object each for --json.
import type { EcrAuthError } from '../core/errors.ts';
import type { RegistryFailure, RegistryLogin } from '../core/session.ts';
import type { Output } from './output.ts';

export { loginLine } from '../core/registry/login-line.ts';

/** `✗ ECR login: <host>: <message>` for a registry; `✗ <integration>: <what it serves>: <message>` for other kinds. */
export function failureLine(failure: RegistryFailure): string {
  const label = failure.integration === undefined || /\.dkr[.-]ecr|^public\.ecr\.aws$/.test(failure.host) ? 'ECR login' : failure.integration;
  return `✗ ${label}: ${failure.host}: ${failure.error.message}`;
}

/** An error as data: code, message and hint (never a stack). */
export function errorJson(error: EcrAuthError): { code: string; message: string; hint?: string } {
  return { code: error.code, message: error.message, ...(error.hint ? { hint: error.hint } : {}) };
}

/** A login as data, with the expiry as ISO time. */
export function loginJson(login: RegistryLogin): Record<string, unknown> {
  return { ...login, expiresAt: new Date(login.expiresAt).toISOString() };
}

/** A failure as data. */
export function failureJson(failure: RegistryFailure): Record<string, unknown> {
  return { host: failure.host, ...(failure.integration ? { integration: failure.integration } : {}), error: errorJson(failure.error) };
}

/**
 * Writes failures to stderr: the ✗ line, then what to do and the error code, as a top-level error shows them
 * (`  → <hint> [E_CODE]`). Always, not only with --verbose: without the hint a failure says what broke but not
 * what to do about it.
 */
export function reportFailures(out: Output, failures: RegistryFailure[]): void {
  for (const failure of failures) {
    out.note(failureLine(failure));
    out.note(`  → ${failure.error.hint ?? 'run again with --verbose for details'} [${failure.error.code}]`);
  }
}
