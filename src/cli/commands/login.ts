// `ecr-auth login [IDENTITY]`: authenticates the identity (reusing what is cached), then logs Docker in to every
// auto_provision integration of it. A registry failure is a warning here, never a failed login.
import { formatDuration } from '../../core/duration.ts';
import type { CredentialSource } from '../../core/session.ts';
import type { CommandSpec } from '../command.ts';
import { failureJson, loginJson, loginLine, reportFailures } from '../registry-lines.ts';

const SOURCE_WORDS: Record<CredentialSource, string> = {
  cache: 'cached credentials',
  refreshed: 'refreshed',
  login: 'signed in',
  ambient: 'ambient credentials',
  keys: 'long-lived keys',
};

/** `login`: exit 0 once the identity is authenticated, whatever happens to its registries. */
export const loginCommand: CommandSpec = {
  name: 'login',
  summary: 'authenticate an identity, then log Docker in to its registries',
  usage: 'login [IDENTITY]',
  details: [
    'IDENTITY defaults to the only identity, or the one marked default: true.',
    'Integrations of the identity with auto_provision (the default) are logged in; their failures are warnings.',
  ],
  options: {},
  positionals: { min: 0, max: 1 },
  async run({ positionals }, rt) {
    const ctx = await rt.context();
    const session = await rt.session.ensureIdentity(ctx, positionals[0]);
    const identity = session.identity ?? positionals[0];
    const outcome = await rt.session.ensureRegistries(ctx, { ...(identity === undefined ? {} : { identity }), autoProvisionOnly: true });
    const now = rt.now();
    if (rt.globals.json) {
      const expiresAt = session.credentials.expiresAt;
      rt.out.json({
        identity: session.identity ?? null,
        source: session.source,
        region: session.region ?? null,
        expiresAt: expiresAt === undefined ? null : new Date(expiresAt).toISOString(),
        registries: outcome.logins.map(loginJson),
        failures: outcome.failures.map(failureJson),
      });
    } else {
      const expiry = session.credentials.expiresAt === undefined ? '' : `, expires in ${formatDuration(session.credentials.expiresAt - now)}`;
      rt.out.line(`✓ ${session.identity ?? 'ambient AWS credentials'} (${SOURCE_WORDS[session.source]}${expiry})`);
      for (const login of outcome.logins) rt.out.line(loginLine(login, now));
    }
    reportFailures(rt.out, outcome.failures);
    return 0;
  },
};
