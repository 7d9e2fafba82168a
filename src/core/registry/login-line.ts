// The contract's line for one registry login, printed by the CLI and the Nx executors alike. Host and time only.
import { formatDuration } from '../duration.ts';
import type { RegistryLogin } from '../session-types.ts';

/** `✓ ECR login: <host> (expires in 11h59m)` */
export function loginLine(login: Pick<RegistryLogin, 'host' | 'expiresAt' | 'what'>, now: number): string {
  return `✓ ${login.what ?? 'ECR login'}: ${login.host} (expires in ${formatDuration(login.expiresAt - now)})`;
}
