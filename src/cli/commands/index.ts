// The command table: every `ecr-auth <command>`, in the order help lists them.
import type { CommandSpec } from '../command.ts';
import { auditCommand } from './audit.ts';
import { doctorCommand } from './doctor.ts';
import { ecrLoginCommand } from './ecr-login.ts';
import { eksTokenCommand } from './eks-token.ts';
import { envCommand } from './env.ts';
import { execCommand } from './exec.ts';
import { getLoginPasswordCommand } from './get-login-password.ts';
import { loginCommand } from './login.ts';
import { logoutCommand } from './logout.ts';
import { statusCommand } from './status.ts';
import { validateCommand } from './validate.ts';
import { listCommand } from './list.ts';
import { whoamiCommand } from './whoami.ts';

/** All commands, by name. */
export const COMMANDS: ReadonlyMap<string, CommandSpec> = new Map(
  [loginCommand, ecrLoginCommand, execCommand, envCommand, statusCommand, getLoginPasswordCommand, eksTokenCommand, logoutCommand, validateCommand, whoamiCommand, listCommand, doctorCommand, auditCommand].map(
    (command) => [command.name, command],
  ),
);
