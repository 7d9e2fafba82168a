// `ecr-auth login [IDENTITY]`: authenticates the identity (reusing what is cached), then logs Docker in to every
// auto_provision integration of it. A registry failure is a warning here, never a failed login.
import { formatDuration } from '../../core/duration.ts';
import type { CredentialSource } from '../../core/session.ts';
import * as realSession from '../../core/session.ts';
import { text, usageError } from '../args.ts';
import type { CommandSpec, Runtime } from '../command.ts';
import { chooseIdentity } from '../pick.ts';
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
  usage: 'login [IDENTITY | -i|--identity [ID] | -p|--provider NAME]',
  details: [
    'IDENTITY defaults to the only identity, or the one marked default: true (several: a terminal asks which).',
    'Integrations of the identity with auto_provision (the default) are logged in; their failures are warnings.',
    '-i/--identity is IDENTITY as Atmos spells it (no value: pick one). -p/--provider signs in to a provider',
    'itself (an IAM Identity Center session, or a credential provider), without an identity or registries.',
  ],
  options: {
    identity: { type: 'string', short: 'i', optionalValue: true, value: 'ID', description: 'the identity (Atmos spelling of IDENTITY; no value: pick one)' },
    provider: { type: 'string', short: 'p', value: 'NAME', description: 'sign in to this provider only' },
  },
  positionals: { min: 0, max: 1 },
  async run({ options, positionals }, rt) {
    const flag = text(options, 'identity');
    const provider = text(options, 'provider');
    const named = [positionals[0] !== undefined && 'IDENTITY', flag !== undefined && '--identity', provider !== undefined && '--provider'].filter(Boolean);
    if (named.length > 1) throw usageError(`give one of IDENTITY, --identity or --provider, not ${named.join(' and ')}`, 'see `ecr-auth login --help`');
    const ctx = await rt.context();
    if (provider !== undefined) return loginProvider(rt, ctx, provider);
    const chosen = await chooseIdentity(rt, ctx, positionals[0] ?? flag);
    const session = await rt.session.ensureIdentity(ctx, chosen);
    const identity = session.identity ?? chosen;
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

/** `login --provider NAME`: the provider's own session, nothing else. */
async function loginProvider(rt: Runtime, ctx: Awaited<ReturnType<Runtime['context']>>, name: string): Promise<number> {
  const result = await (rt.session.ensureProvider ?? realSession.ensureProvider)(ctx, name);
  const now = rt.now();
  if (rt.globals.json) {
    rt.out.json({ provider: result.provider, kind: result.kind, source: result.source, expiresAt: result.expiresAt === undefined ? null : new Date(result.expiresAt).toISOString() });
  } else {
    const expiry = result.expiresAt === undefined ? '' : `, expires in ${formatDuration(result.expiresAt - now)}`;
    rt.out.line(`✓ provider ${result.provider} (${result.kind}: ${SOURCE_WORDS[result.source]}${expiry})`);
  }
  return 0;
}
