// `ecr-auth audit [--identity ID] [--since DURATION]`: the audit trail of settings.audit_log, oldest first, as a
// table or (--json) as the events themselves.
import type { AuditEvent } from '../../core/session.ts';
import { parseDuration } from '../../core/duration.ts';
import { text } from '../args.ts';
import type { CommandSpec } from '../command.ts';
import { renderTable } from '../output.ts';

/** What an event concerns, in one cell: the registry, else the file written, else the provider. */
function what(event: AuditEvent): string {
  const base = event.registry ?? event.path ?? event.provider ?? '';
  const extra = [event.target, event.detail, event.error].filter(Boolean).join(', ');
  return extra ? `${base}${base ? ' ' : ''}(${extra})` : base;
}

/** `audit`: exit 0 (an empty trail is not a failure); 2 when settings.audit_log is not set. */
export const auditCommand: CommandSpec = {
  name: 'audit',
  summary: 'show the audit trail (settings.audit_log): sign-ins, refreshes, fetches, writes, logouts',
  usage: 'audit [--identity ID] [--since DURATION]',
  options: {
    identity: { type: 'string', value: 'ID', description: 'only the events of this identity (or SSO provider)' },
    since: { type: 'string', value: 'DURATION', description: 'only the events of the last DURATION (e.g. 24h)' },
  },
  positionals: { min: 0, max: 0 },
  async run({ options }, rt) {
    const since = text(options, 'since');
    const sinceMs = since === undefined ? undefined : rt.now() - parseDuration(since, '--since');
    const identity = text(options, 'identity');
    const ctx = await rt.context();
    const { auditEvents } = await import('../../core/session.ts');
    const { path, events } = await auditEvents(ctx, { ...(identity === undefined ? {} : { identity }), ...(sinceMs === undefined ? {} : { sinceMs }) });
    if (rt.globals.json) {
      rt.out.json({ path, events });
      return 0;
    }
    if (events.length === 0) {
      rt.out.line(`No events${identity ? ` of ${identity}` : ''}${since ? ` in the last ${since}` : ''} in ${path}.`);
      return 0;
    }
    const rows = events.map((e) => [
      e.time,
      e.event,
      e.outcome === 'success' ? '✓' : '✗',
      e.identity ?? e.provider ?? '',
      e.account ?? '',
      e.region ?? '',
      `${e.user ? `${e.user}@` : ''}${e.host}`,
      e.ci ? `${e.ci.system} ${e.ci.runId}` : '',
      what(e),
    ]);
    for (const line of renderTable([['TIME', 'EVENT', 'OK', 'IDENTITY', 'ACCOUNT', 'REGION', 'WHERE', 'CI RUN', 'WHAT'], ...rows])) rt.out.line(line);
    return 0;
  },
};
