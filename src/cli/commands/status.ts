// `ecr-auth status`: every identity and registry, valid or not, when it expires and where it is stored.
// Makes no network call.
import { formatDuration } from '../../core/duration.ts';
import type { StatusEntry } from '../../core/session.ts';
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

/** `status`: exit 0 whatever the state (it is a report); invalid entries are shown, not failed on. */
export const statusCommand: CommandSpec = {
  name: 'status',
  summary: 'show every identity and registry: valid or not, expiry, where stored (no network)',
  usage: 'status',
  options: {},
  positionals: { min: 0, max: 0 },
  async run(_input, rt) {
    const ctx = await rt.context({ configOptional: true });
    const entries = await rt.session.status(ctx);
    const now = rt.now();
    if (rt.globals.json) {
      rt.out.json({
        entries: entries.map((entry) => ({
          ...entry,
          ...(entry.expiresAt === undefined ? {} : { expiresAt: new Date(entry.expiresAt).toISOString(), expiresInMs: entry.expiresAt - now }),
        })),
      });
      return 0;
    }
    if (entries.length === 0) {
      rt.out.line('Nothing configured or cached yet: run `ecr-auth login`.');
      return 0;
    }
    const rows = entries.map((entry) => [entry.kind, entry.name, stateText(entry, now), expiryText(entry.expiresAt, now), entry.storedIn ?? '']);
    for (const line of renderTable([['KIND', 'NAME', 'STATE', 'EXPIRES', 'STORED IN'], ...rows])) rt.out.line(line);
    return 0;
  },
};
