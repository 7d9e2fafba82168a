// `ecr-auth get-login-password [INTEGRATION | --registry HOST] [--identity ID]`: prints only the registry
// password, for clients other than Docker (`| helm registry login --password-stdin`, crane, skopeo, curl).
import { text, usageError } from '../args.ts';
import type { CommandSpec } from '../command.ts';

/** `get-login-password`: the password and a newline on stdout, nothing else. */
export const getLoginPasswordCommand: CommandSpec = {
  name: 'get-login-password',
  summary: 'print a registry password for other clients (helm, crane, skopeo, curl)',
  usage: 'get-login-password [INTEGRATION | --registry HOST] [--identity ID]',
  details: [
    'Prints only the password (user name: AWS), cached while valid. Pipe it; never pass it as an argument:',
    '  ecr-auth get-login-password dev/ecr/primary | helm registry login --username AWS --password-stdin HOST',
  ],
  options: {
    registry: { type: 'string', short: 'r', value: 'HOST', description: 'a registry host no integration names' },
    identity: { type: 'string', short: 'i', value: 'ID', description: 'identity to use (default: the default identity, or ambient for --registry)' },
  },
  positionals: { min: 0, max: 1 },
  async run({ options, positionals }, rt) {
    const integration = positionals[0];
    const registry = text(options, 'registry');
    const identity = text(options, 'identity');
    if (integration !== undefined && registry !== undefined) {
      throw usageError('give an INTEGRATION or --registry HOST, not both', 'see `ecr-auth get-login-password --help`');
    }
    const ctx = await rt.context({ configOptional: registry !== undefined && identity === undefined });
    const result = await rt.session.getLoginPassword(ctx, {
      ...(integration === undefined ? {} : { integration }),
      ...(registry === undefined ? {} : { registry }),
      ...(identity === undefined ? {} : { identity }),
    });
    if (rt.globals.json) {
      rt.out.json({ host: result.host, username: result.username, password: result.password, expiresAt: new Date(result.expiresAt).toISOString() });
    } else {
      rt.io.stdout.write(`${result.password}\n`);
    }
    return 0;
  },
};
