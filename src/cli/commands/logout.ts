// `ecr-auth logout [IDENTITY | --all]`: removes what this tool cached and the Docker entries it wrote,
// and nothing else.
import { usageError } from '../args.ts';
import type { CommandSpec } from '../command.ts';

/** `logout`: prints each thing removed. */
export const logoutCommand: CommandSpec = {
  name: 'logout',
  summary: 'remove what ecr-auth cached and the Docker entries it wrote',
  usage: 'logout [IDENTITY | --all]',
  details: ['IDENTITY defaults to the default identity. Entries written by other tools are left alone.'],
  options: {
    all: { type: 'boolean', description: 'every identity and registry, and SSO sessions this tool started' },
  },
  positionals: { min: 0, max: 1 },
  async run({ options, positionals }, rt) {
    const identity = positionals[0];
    const all = options.all === true;
    if (identity !== undefined && all) throw usageError('give an IDENTITY or --all, not both', 'see `ecr-auth logout --help`');
    const ctx = await rt.context({ configOptional: all });
    const { removed } = await rt.session.logout(ctx, { ...(identity === undefined ? {} : { identity }), ...(all ? { all } : {}) });
    if (rt.globals.json) {
      rt.out.json({ removed });
    } else if (removed.length === 0) {
      rt.out.line('Nothing to remove.');
    } else {
      for (const item of removed) rt.out.line(`removed ${item}`);
    }
    return 0;
  },
};
