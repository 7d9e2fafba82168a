// The one error type of ecr-auth: a stable code per failure, a message that says what was wrong,
// and a hint that says what to do. Entry points map it to an exit code and one paragraph on stderr.
import { printableText } from './printable.ts';

/** Every failure the tool can report, with the exit code it maps to (2 = usage or config, 1 = the job failed). */
export const ERROR_CODES = {
  E_USAGE: 2,
  E_CONFIG: 2,
  E_CONFIG_NOT_FOUND: 2,
  E_REGISTRY_HOST: 2,
  E_SSO_LOGIN_REQUIRED: 1,
  E_SSO_EXPIRED: 1,
  E_SSO_TIMEOUT: 1,
  E_SSO_DENIED: 1,
  E_AWS_CREDENTIALS: 1,
  E_OIDC_TOKEN: 1,
  E_STS_DENIED: 1,
  E_ECR_DENIED: 1,
  E_AWS_UNAVAILABLE: 1,
  E_AWS: 1,
  E_DOCKER_CONFIG: 1,
  E_DOCKER_HELPER: 1,
  E_CACHE: 1,
  E_LOCK_TIMEOUT: 1,
  E_EXEC: 1,
  E_MFA_REQUIRED: 1,
  E_MFA_DENIED: 1,
  E_SAML: 1,
  E_BROWSER_UNAVAILABLE: 1,
  E_KUBECONFIG: 1,
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export interface ErrorDetails {
  /** What the user should do about it: one or two sentences, ideally a command to run. */
  hint?: string;
  cause?: unknown;
}

/** The one error type every module throws for a failure the user can act on. */
export class EcrAuthError extends Error {
  readonly code: ErrorCode;
  readonly hint: string | undefined;

  constructor(code: ErrorCode, message: string, details: ErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'EcrAuthError';
    this.code = code;
    this.hint = details.hint;
  }

  get exitCode(): 1 | 2 {
    return ERROR_CODES[this.code];
  }
}

/** True for an EcrAuthError, optionally of one code. */
export function isEcrAuthError(value: unknown, code?: ErrorCode): value is EcrAuthError {
  return value instanceof EcrAuthError && (code === undefined || value.code === code);
}

/** One paragraph for stderr: code, message and hint; the stack only when verbose. */
export function formatError(error: unknown, verbose = false): string {
  if (error instanceof EcrAuthError) {
    const text = printableText(`ecr-auth: ${error.message}${error.hint ? `\n  → ${error.hint}` : ''} [${error.code}]`);
    return verbose && error.stack ? `${text}\n${error.stack}` : text;
  }
  const message = printableText(error instanceof Error ? error.message : String(error));
  const text = `ecr-auth: unexpected error: ${message}\n  → run again with --verbose for details, and report it if it persists [E_INTERNAL]`;
  return verbose && error instanceof Error && error.stack ? `${text}\n${error.stack}` : text;
}
