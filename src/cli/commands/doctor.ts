// `ecr-auth doctor [INTEGRATION...] [--explain TEXT]`: one line per check, in order, with a fix for each failure;
// exit 0 only when everything needed works. --explain maps an error text (from Docker, the AWS CLI or a CI log)
// to the check that finds its cause. The text itself is never printed back (it may hold a secret).
import type { CoreContext } from '../../core/context.ts';
import type { DoctorCheck } from '../../core/doctor/run.ts';
import { explainError } from '../../core/doctor/explain.ts';
import { isEcrAuthError } from '../../core/errors.ts';
import { text } from '../args.ts';
import type { CommandSpec } from '../command.ts';

const MARK: Record<DoctorCheck['status'], string> = { ok: '✓', warn: '!', fail: '✗', skip: '-' };

/** One check as printed: "✗ docker    host: detail" and, for a fix, "    → fix". */
export function checkLines(check: DoctorCheck): string[] {
  const head = `${MARK[check.status]} ${check.check.padEnd(8)} ${check.subject}: ${check.detail.replace(/\n/g, '\n    ')}`;
  return check.fix && check.status !== 'ok' ? [head, `    → ${check.fix}`] : [head];
}

/**
 * The checks that explain a pasted error: the first failing check when it comes earlier (the root cause, e.g. no
 * session behind "no basic auth credentials"), then the failing or warning checks of the check it maps to.
 */
export function findingsFor(check: DoctorCheck['check'], checks: readonly DoctorCheck[]): DoctorCheck[] {
  const own = checks.filter((c) => c.check === check && (c.status === 'fail' || c.status === 'warn'));
  const first = checks.find((c) => c.status === 'fail');
  if (!first || own.includes(first)) return own;
  if (own.length === 0) return [first];
  return checks.indexOf(first) < checks.indexOf(own[0]!) ? [first, ...own] : own;
}

/** `doctor`: 0 when no check fails, 1 when one does, 2 when the config does not load. */
export const doctorCommand: CommandSpec = {
  name: 'doctor',
  summary: 'check config, sessions, clock, tokens, Docker and the registry; say how to fix what fails',
  usage: 'doctor [INTEGRATION...] [--explain TEXT]',
  details: [
    'Checks, in order: the config; each identity\'s session; the clock against AWS; each registry\'s token; that Docker',
    'will send our credential (which config.json, credsStore/credHelpers shadowing, the context); and that the registry',
    'accepts it (GET /v2/ through the proxy Docker would use). Exit 0 only when everything needed works.',
    '--explain "TEXT" takes an error message (e.g. "no basic auth credentials") and says which check finds its cause.',
  ],
  options: {
    explain: { type: 'string', value: 'TEXT', description: 'an error message from Docker or a CI log: which check it maps to' },
  },
  positionals: { min: 0, max: Number.POSITIVE_INFINITY },
  async run({ options, positionals }, rt) {
    const pasted = text(options, 'explain');
    const explanation = pasted === undefined ? undefined : explainError(pasted);
    const checks: DoctorCheck[] = [];
    let ctx: CoreContext | undefined;
    try {
      ctx = await rt.context();
      const source = ctx.config.source ?? '(no file)';
      const counts = `${Object.keys(ctx.config.identities).length} identities, ${Object.keys(ctx.config.integrations).length} integrations`;
      const warnings = ctx.config.warnings.length;
      checks.push({ check: 'config', subject: source, status: 'ok', detail: `loads (${counts}${warnings ? `; ${warnings} warnings: see \`ecr-auth validate\`` : ''})` });
    } catch (error) {
      if (!isEcrAuthError(error) || error.code === 'E_USAGE') throw error;
      checks.push({ check: 'config', subject: 'config', status: 'fail', detail: error.message, fix: error.hint ?? 'run `ecr-auth validate`' });
    }
    if (ctx) {
      const { doctor } = await import('../../core/session.ts');
      checks.push(...(await doctor(ctx, { integrations: positionals })));
    }
    const failed = checks.some((c) => c.status === 'fail');
    const code = ctx ? (failed ? 1 : 0) : 2;
    const matching = explanation ? findingsFor(explanation.check, checks) : [];
    if (rt.globals.json) {
      rt.out.json({
        ok: !failed,
        checks,
        ...(pasted === undefined ? {} : { explain: explanation ? { ...explanation, findings: matching } : { check: null, meaning: 'not recognised' } }),
      });
      return code;
    }
    if (pasted !== undefined) {
      if (explanation) {
        rt.out.line(`That error maps to the ${explanation.check} check: ${explanation.meaning}`);
        rt.out.line(`  → ${explanation.fix}`);
      } else {
        rt.out.line('That error is not one doctor recognises; the checks below may still find the cause.');
      }
      rt.out.line();
    }
    for (const check of checks) for (const text of checkLines(check)) rt.out.line(text);
    if (explanation) {
      rt.out.line();
      const root = matching[0] && matching[0].check !== explanation.check ? ` (${matching[0].check} first: it fails earlier)` : '';
      rt.out.line(
        matching.length === 0
          ? `The ${explanation.check} check passes now: the error may come from another machine, user or DOCKER_CONFIG, or it was fixed since.`
          : `For your error, look at: ${matching.map((c) => `${c.check} ${c.subject}`).join(', ')}${root}`,
      );
    }
    rt.out.line(failed ? `${checks.filter((c) => c.status === 'fail').length} check(s) failed.` : 'Everything needed works.');
    return code;
  },
};
