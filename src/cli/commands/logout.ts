// `ecr-auth logout [IDENTITY | --all]`: removes what this tool cached and the Docker entries it wrote,
// and nothing else.
import { text, usageError } from '../args.ts';
import type { CommandSpec } from '../command.ts';
import { chooseIdentity } from '../pick.ts';

/** `logout`: prints each thing removed. */
export const logoutCommand: CommandSpec = {
  name: 'logout',
  summary: 'remove what ecr-auth cached and the Docker entries it wrote',
  usage: 'logout [IDENTITY | -i|--identity [ID] | --all] [--dry-run]',
  details: [
    'IDENTITY defaults to the default identity. Entries written by other tools are left alone.',
    '--dry-run lists what would be removed and removes nothing.',
  ],
  options: {
    all: { type: 'boolean', description: 'every identity and registry, and SSO sessions this tool started' },
    identity: { type: 'string', short: 'i', optionalValue: true, value: 'ID', description: 'the identity (Atmos spelling of IDENTITY; no value: pick one)' },
    'dry-run': { type: 'boolean', description: 'say what would be removed; remove nothing' },
  },
  positionals: { min: 0, max: 1 },
  async run({ options, positionals }, rt) {
    const flag = text(options, 'identity');
    const all = options.all === true;
    const dryRun = options['dry-run'] === true;
    if (positionals[0] !== undefined && flag !== undefined) throw usageError('give IDENTITY or --identity, not both', 'see `ecr-auth logout --help`');
    if ((positionals[0] !== undefined || flag !== undefined) && all) throw usageError('give an IDENTITY or --all, not both', 'see `ecr-auth logout --help`');
    const ctx = await rt.context({ configOptional: all });
    const identity = all ? undefined : await chooseIdentity(rt, ctx, positionals[0] ?? flag);
    const { removed } = await rt.session.logout(ctx, { ...(identity === undefined ? {} : { identity }), ...(all ? { all } : {}), ...(dryRun ? { dryRun } : {}) });
    if (rt.globals.json) {
      rt.out.json(dryRun ? { dryRun: true, wouldRemove: removed } : { removed });
    } else if (removed.length === 0) {
      rt.out.line(dryRun ? 'Nothing would be removed.' : 'Nothing to remove.');
    } else {
      for (const item of removed) rt.out.line(`${dryRun ? 'would remove' : 'removed'} ${item}`);
    }
    return 0;
  },
};
