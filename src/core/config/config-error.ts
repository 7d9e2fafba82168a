// The error a config that does not validate turns into: every issue, the file, and what to do.
import { EcrAuthError } from '../errors.ts';
import type { ConfigIssue } from './issues.ts';
import { formatIssue } from './issues.ts';

/** E_CONFIG carrying every issue, so `ecr-auth validate --json` can print them as data. */
export class ConfigError extends EcrAuthError {
  readonly source: string | undefined;
  readonly issues: ConfigIssue[];
  readonly warnings: ConfigIssue[];

  constructor(source: string | undefined, issues: ConfigIssue[], warnings: ConfigIssue[] = []) {
    const count = issues.length === 1 ? '1 error' : `${issues.length} errors`;
    const lines = issues.map((issue) => `\n  - ${formatIssue(issue)}`).join('');
    super('E_CONFIG', `invalid config ${source ?? '(in memory)'} (${count}):${lines}`, {
      hint: 'fix the file, then check it with `ecr-auth validate`',
    });
    this.name = 'ConfigError';
    this.source = source;
    this.issues = issues;
    this.warnings = warnings;
  }
}
