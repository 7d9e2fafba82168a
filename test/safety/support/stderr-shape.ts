// What a failure looks like to the person reading it: one paragraph on stderr that says what went wrong and what to
// do (a "→" hint line), no stack trace unless --verbose; and with --json, stdout holds one JSON document.

/** A V8 stack frame line ("    at fn (file:1:2)"), or Node's internal-module markers. */
const STACK_LINE = /^\s+at\s+(?:\S+\s+)?\(?(?:file:|node:|\/|<anonymous>|native)|node:internal\//m;

/** True when `text` contains what looks like a JavaScript stack trace. */
export function hasStackTrace(text: string): boolean {
  return STACK_LINE.test(text);
}

/**
 * The ways `stderr` fails to be one actionable paragraph (empty when it is one): it must be non-empty, have no
 * blank line, start with "ecr-auth: " (or "✗ " for a registry that failed), carry a "  → " hint line with words
 * after the arrow, and hold no stack trace.
 */
export function paragraphProblems(stderr: string): string[] {
  const problems: string[] = [];
  const text = stderr.replace(/\n+$/, '');
  const lines = text.split('\n');
  if (text.trim() === '') return ['stderr is empty'];
  if (lines.some((line) => line.trim() === '')) problems.push('stderr has more than one paragraph');
  if (!/^(ecr-auth: |✗ )/.test(lines[0]!)) problems.push(`stderr does not start with "ecr-auth: " or "✗ ": ${JSON.stringify(lines[0])}`);
  if (!lines.some((line) => /^\s+→ \S.{8,}/.test(line))) problems.push('stderr has no "→" line saying what to do');
  if (lines.length > 6) problems.push(`stderr has ${lines.length} lines`);
  if (hasStackTrace(stderr)) problems.push('stderr holds a stack trace');
  if (/\b(?:TypeError|ReferenceError|SyntaxError|RangeError)\b|\bundefined\b|\[object Object\]/.test(stderr)) {
    problems.push('stderr shows a raw JavaScript error or value');
  }
  return problems;
}

/**
 * The error code a failed run reported with --json: `{error:{code}}`; the first of `{failures:[{error:{code}}]}`
 * (ecr-login, login: per registry); E_CONFIG for `validate`'s `{valid:false, errors:[...]}`.
 */
export function jsonErrorCode(stdout: string): string | undefined {
  const doc = JSON.parse(stdout) as {
    error?: { code?: string };
    failures?: Array<{ error?: { code?: string } }>;
    valid?: boolean;
    errors?: unknown[];
  };
  if (doc.valid === false && Array.isArray(doc.errors) && doc.errors.length > 0) return 'E_CONFIG';
  return doc.error?.code ?? doc.failures?.[0]?.error?.code;
}
