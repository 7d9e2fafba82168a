// What a config check reports: one issue per problem, each naming the path inside the document
// ("auth.identities.deployer.via.identity"), what was wrong and what was expected.
import type { z } from 'zod';

/** One problem (error or warning) found in a config document. */
export interface ConfigIssue {
  /** Dotted path inside the document, e.g. "auth.identities.deployer.via.identity"; "" for the whole document. */
  path: string;
  message: string;
  /** What would have been accepted, when that can be said in a few words. */
  expected?: string;
}

/** Collects errors and warnings while a document is checked. */
export class IssueList {
  readonly errors: ConfigIssue[] = [];
  readonly warnings: ConfigIssue[] = [];

  error(path: string, message: string, expected?: string): void {
    this.errors.push(expected === undefined ? { path, message } : { path, message, expected });
  }

  warn(path: string, message: string, expected?: string): void {
    this.warnings.push(expected === undefined ? { path, message } : { path, message, expected });
  }
}

const PLAIN_SEGMENT = /^[A-Za-z0-9_/-]+$/;

/** Appends raw segments (names, keys, indexes) to an already-built path; a name holding dots, spaces or quotes is
 * written ["team.admin"] so the path stays readable and unambiguous. */
export function joinPath(base: string, ...segments: Array<string | number>): string {
  let out = base;
  for (const segment of segments) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (PLAIN_SEGMENT.test(segment)) out += out === '' ? segment : `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}

/** What a field of a given name expects; used when a value is missing or malformed. */
export const EXPECTED_BY_KEY: Readonly<Record<string, string>> = {
  region: 'an AWS region like us-east-1',
  start_url: 'the AWS access portal URL, like https://company.awsapps.com/start',
  role_arn: 'an IAM role ARN like arn:aws:iam::123456789012:role/Deploy',
  assume_role: 'an IAM role ARN like arn:aws:iam::123456789012:role/Deploy',
  account_id: '12 digits as a string, like "123456789012"',
  id: '12 digits as a string, like "123456789012"',
  account: 'an account name, { id: "123456789012" } or { name: "dev" }',
  duration: 'a duration like 1h, 45m or 3600 (seconds)',
  min_validity: 'a duration like 15m, 1h or 90s',
  session_name: '2 to 64 letters, digits or +=,.@_- characters',
  scopes: 'a list of OAuth scopes, like [sso:account:access]',
  via: '{ provider: NAME } or { identity: NAME }',
  name: 'a non-empty string',
};

/** A short rendering of a value for messages: strings quoted, objects summarised. */
export function showValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  return String(value);
}

/** Turns one zod issue (not an unrecognized-keys one) into a ConfigIssue under `base`. */
export function fromZodIssue(issue: z.core.$ZodIssue, base: string): ConfigIssue {
  const path = joinPath(base, ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p)));
  const key = [...issue.path].reverse().find((p): p is string => typeof p === 'string') ?? '';
  const value = 'input' in issue ? issue.input : undefined;
  const keyExpected = Object.hasOwn(EXPECTED_BY_KEY, key) ? EXPECTED_BY_KEY[key] : undefined;
  if (value === undefined && issue.code === 'invalid_union') return { path, message: 'is missing', expected: keyExpected ?? 'a value' };
  switch (issue.code) {
    case 'invalid_type':
      return value === undefined
        ? { path, message: 'is missing', expected: keyExpected ?? `a ${issue.expected}` }
        : { path, message: `got ${showValue(value)}`, expected: keyExpected ?? `a ${issue.expected}` };
    case 'invalid_value':
      return {
        path,
        message: `got ${showValue(value)}`,
        expected: `one of ${issue.values.map((v) => String(v)).join(', ')}`,
      };
    case 'custom': {
      const expected = (issue.params as { expected?: string } | undefined)?.expected ?? keyExpected;
      return expected === undefined ? { path, message: issue.message } : { path, message: issue.message, expected };
    }
    case 'too_small':
    case 'too_big':
      return { path, message: `got ${showValue(value)}: ${issue.message}` };
    default:
      return keyExpected === undefined
        ? { path, message: `got ${showValue(value)}: ${issue.message}` }
        : { path, message: `got ${showValue(value)}`, expected: keyExpected };
  }
}

/** One line per issue: "path: message (expected ...)". */
export function formatIssue(issue: ConfigIssue): string {
  const where = issue.path === '' ? '(document)' : issue.path;
  return `${where}: ${issue.message}${issue.expected ? ` (expected ${issue.expected})` : ''}`;
}
