// The CLI's core context: the one builder (core/make-context.ts) fed from the global flags, plus what only the
// CLI's flags add: --saml-role for SAML providers that name no role, and --mfa-code / --no-browser for interaction.
import type { CoreContext } from '../core/context.ts';
import { EcrAuthError } from '../core/errors.ts';
import { loadContext } from '../core/make-context.ts';
import { withSamlRole } from '../core/saml/choose-role.ts';
import type { GlobalOptions } from './args.ts';
import type { ContextOptions } from './command.ts';
import type { CliIo } from './io.ts';
import { stderrLogger } from './output.ts';

function checkFlags(globals: GlobalOptions): void {
  if (globals.samlRole !== undefined && !/^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/.test(globals.samlRole)) {
    throw new EcrAuthError('E_USAGE', `--saml-role ${globals.samlRole} is not an IAM role ARN`, { hint: 'give one like arn:aws:iam::123456789012:role/Developer' });
  }
  if (globals.mfaCode !== undefined && !/^\d{6}$/.test(globals.mfaCode)) {
    throw new EcrAuthError('E_USAGE', '--mfa-code is not a 6-digit code', { hint: 'give the current code shown by the MFA device' });
  }
}

/** Builds the context a command runs with. Throws E_USAGE for malformed flags before reading the config. */
export async function cliContext(io: CliIo, globals: GlobalOptions, options: ContextOptions, now: () => number): Promise<CoreContext> {
  checkFlags(globals);
  const ctx = await loadContext({
    env: io.env,
    cwd: io.cwd,
    now,
    ...(globals.config === undefined ? {} : { configPath: globals.config }),
    ...(options.configOptional ? { configOptional: true } : {}),
    minValidity: { text: globals.minValidity, option: '--min-validity' },
    terminal: { platform: io.platform, stdinIsTTY: io.isTTY.stdin, stderrIsTTY: io.isTTY.stderr, noBrowser: globals.noBrowser },
    log: stderrLogger(io.stderr, globals.verbose),
  });
  return {
    ...ctx,
    config: withSamlRole(ctx.config, globals.samlRole),
    interaction: {
      ...ctx.interaction,
      ...(globals.mfaCode === undefined ? {} : { mfaCode: globals.mfaCode }),
      ...(globals.noBrowser ? { noBrowser: true } : {}),
    },
  };
}
