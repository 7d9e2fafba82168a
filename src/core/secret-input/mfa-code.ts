// Where an MFA code comes from, in order: --mfa-code, the identity's mfa_command, a hidden prompt on the terminal.
// With none of them (CI, no terminal) a clear error says what to give. The code is a secret: never logged, never on
// a child's argv.
import type { Command } from '../config/model.ts';
import type { CoreContext } from '../context.ts';
import { EcrAuthError } from '../errors.ts';
import { runSecretCommand } from './command.ts';
import { askTerminal } from './terminal.ts';

/** A TOTP code as MFA devices show it. */
const CODE = /^\d{6}$/;

export interface MfaCodeRequest {
  /** The MFA device (ARN or serial number): shown in the prompt; it is not secret. */
  serial: string;
  command?: Command;
  /** The identity asking, for messages. */
  identity: string;
}

function checked(code: string, source: string): string {
  const trimmed = code.trim();
  if (!CODE.test(trimmed)) {
    throw new EcrAuthError('E_MFA_DENIED', `the MFA code from ${source} is not 6 digits`, { hint: 'give the current 6-digit code of the MFA device' });
  }
  return trimmed;
}

/** The current MFA code for `request.serial`. */
export async function obtainMfaCode(ctx: CoreContext, request: MfaCodeRequest): Promise<string> {
  if (ctx.interaction.mfaCode !== undefined) return checked(ctx.interaction.mfaCode, '--mfa-code');
  if (request.command !== undefined) {
    const what = `mfa_command of identity "${request.identity}"`;
    return checked(await runSecretCommand(request.command, { what, env: ctx.env, cwd: ctx.cwd }), what);
  }
  if (ctx.interaction.human) {
    ctx.log.verbose(`${request.identity}: asking for the MFA code of ${request.serial} on the terminal`);
    for (let attempt = 0; ; attempt++) {
      const answer = (await askTerminal(`MFA code for ${request.serial} (identity ${request.identity}): `, { hidden: true })).trim();
      if (CODE.test(answer) || attempt === 2) return checked(answer, 'the terminal');
    }
  }
  throw new EcrAuthError('E_MFA_REQUIRED', `identity "${request.identity}" needs a code of MFA device ${request.serial}, and there is no terminal to ask on`, {
    hint: `pass --mfa-code CODE, set mfa_command (a command printing the code), or run \`ecr-auth login ${request.identity}\` in a terminal first: the session is cached for its duration`,
  });
}

/** A clearer error for STS rejecting the MFA code (wrong, or already used in its 30-second window). */
export function mfaRejected(error: unknown, identity: string, serial: string): unknown {
  const message = (error as Error | undefined)?.message ?? '';
  if (!/MultiFactorAuthentication|MFA/i.test(message)) return error;
  return new EcrAuthError('E_MFA_DENIED', `AWS rejected the MFA code for identity "${identity}" (device ${serial}): wrong, or already used`, {
    hint: 'wait for the next code of the device (a code works once) and try again',
    cause: error,
  });
}
