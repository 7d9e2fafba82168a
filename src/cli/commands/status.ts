// `ecr-auth status`: every identity and registry, valid or not, when it expires and where it is stored.
// Makes no network call.
import { formatDuration, parseDuration } from '../../core/duration.ts';
import { expiringWithin } from '../../core/session/expiring.ts';
import type { StatusEntry } from '../../core/session.ts';
import { text } from '../args.ts';
import type { CommandSpec } from '../command.ts';
import { renderTable } from '../output.ts';

/** "in 11h59m", "5m ago" or "" for an entry's expiry. */
export function expiryText(expiresAt: number | undefined, now: number): string {
  if (expiresAt === undefined) return '';
  return expiresAt > now ? `in ${formatDuration(expiresAt - now)}` : `${formatDuration(now - expiresAt)} ago`;
}

function stateText(entry: StatusEntry, now: number): string {
  if (entry.valid) return '✓ valid';
  if (entry.expiresAt === undefined) return '✗ none';
  // a credential that has not expired but is not in use (its Docker entry is missing): say so, not "expired"
  return entry.expiresAt > now ? (entry.kind === 'registry' ? '✗ not logged in' : '✗ unusable') : '✗ expired';
}

function entryJson(entry: StatusEntry, now: number) {
  return {
    ...entry,
    ...(entry.expiresAt === undefined ? {} : { expiresAt: new Date(entry.expiresAt).toISOString(), expiresInMs: entry.expiresAt - now }),
  };
}

/**
 * `status`: exit 0 whatever the state (it is a report); invalid entries are shown, not failed on. With
 * `--expiring-within DURATION` it is a check: exit 1, with the list, when a cached session or token expires within
 * DURATION (or already has).
 */
export const statusCommand: CommandSpec = {
  name: 'status',
  summary: 'show every identity and registry: valid or not, expiry, where stored (no network)',
  usage: 'status [--expiring-within DURATION]',
  details: [
    'With --expiring-within DURATION (e.g. 2h), exits 1 and lists every cached session or token that expires within',
    'DURATION or has expired: for pipeline start-up checks and scheduled jobs. What was never cached is not counted.',
  ],
  options: {
    'expiring-within': { type: 'string', value: 'DURATION', description: 'exit 1 when a session or token expires within DURATION' },
  },
  positionals: { min: 0, max: 0 },
  async run({ options }, rt) {
    const within = text(options, 'expiring-within');
    const windowMs = within === undefined ? undefined : parseDuration(within, '--expiring-within');
    const ctx = await rt.context({ configOptional: true });
    const entries = await rt.session.status(ctx);
    const now = rt.now();
    const expiring = windowMs === undefined ? [] : expiringWithin(entries, now, windowMs);
    const code = expiring.length > 0 ? 1 : 0;
    if (rt.globals.json) {
      rt.out.json({
        entries: entries.map((entry) => entryJson(entry, now)),
        ...(windowMs === undefined ? {} : { expiringWithinMs: windowMs, expiring: expiring.map((entry) => entryJson(entry, now)) }),
      });
      return code;
    }
    if (entries.length === 0) {
      rt.out.line('Nothing configured or cached yet: run `ecr-auth login`.');
      return code;
    }
    const rows = entries.map((entry) => [entry.kind, entry.name, stateText(entry, now), expiryText(entry.expiresAt, now), entry.storedIn ?? '']);
    for (const line of renderTable([['KIND', 'NAME', 'STATE', 'EXPIRES', 'STORED IN'], ...rows])) rt.out.line(line);
    if (within !== undefined) {
      if (expiring.length === 0) rt.out.note(`✓ nothing expires within ${within}`);
      else {
        rt.out.note(`✗ ${expiring.length} expire within ${within}:`);
        for (const entry of expiring) rt.out.note(`  ${entry.kind} ${entry.name}: ${expiryText(entry.expiresAt, now)}`);
        rt.out.note('  → run `ecr-auth login` (or `ecr-auth ecr-login`) to renew them');
      }
    }
    return code;
  },
};
