// The lines an executor prints about registry logins: one `✓ ECR login` line per registry, one paragraph per failure.
// Hosts, names and times only: never a token.
import { loginLine } from '../../core/registry/login-line.ts';
import { formatError } from '../../core/errors.ts';
import type { RegistryOutcome } from '../../core/session-types.ts';

/** `✓ ECR login: <host> (expires in 11h59m)` for each login, in the order the core returns them. */
export function loginLines(outcome: RegistryOutcome, now: number): string[] {
  return outcome.logins.map((login) => loginLine(login, now));
}

/** One paragraph per failed registry: the host (and integration), then the error with what to do. */
export function failureParagraphs(outcome: RegistryOutcome, verbose: boolean): string[] {
  return outcome.failures.map((failure) => {
    const what = failure.integration ? `${failure.host} (${failure.integration})` : failure.host;
    return `✗ ECR login failed: ${what}\n${formatError(failure.error, verbose)}`;
  });
}
