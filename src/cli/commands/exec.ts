// `ecr-auth exec [--identity ID] [--integration NAME...] -- CMD ARGS...`: ensures the identity and its registries,
// then runs CMD with the identity's AWS credentials in its environment and exits with CMD's status.
import { formatError } from '../../core/errors.ts';
import { list, text, usageError } from '../args.ts';
import { ChildStartError, runChild } from '../child.ts';
import { childEnvironment } from '../../core/child-env.ts';
import type { CommandSpec } from '../command.ts';
import { chooseIdentity } from '../pick.ts';
import { loginLine, reportFailures } from '../registry-lines.ts';
import type { RegistryRequest } from '../../core/session.ts';

/** Keep-fresh, loaded only when asked for (the plain exec path does not need it). */
async function keepFresh(...args: Parameters<typeof import('../../core/session.ts').keepFresh>) {
  return (await import('../../core/session.ts')).keepFresh(...args);
}

/** `exec`: CMD's exit status; 127 when CMD is not found, 126 when it cannot run, 128+n when killed by signal n. */
export const execCommand: CommandSpec = {
  name: 'exec',
  summary: "run a command with an identity's AWS credentials",
  usage: 'exec [--identity ID] [--integration NAME...] -- CMD ARGS...',
  details: [
    'Logs in to the named integrations (or the auto_provision integrations of the identity), then runs CMD with',
    'AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN and AWS_REGION set (plus the identity\'s env: list),',
    'and other AWS credential or profile variables removed, plus what the integrations add (PIP_INDEX_URL for a pip',
    'CodeArtifact repository, KUBECONFIG for an EKS integration with its own kubeconfig). A failure of a named',
    '--integration stops before CMD runs.',
    'Exit status: CMD\'s own; 127 if CMD is not found, 126 if it cannot be run, 128+n if killed by signal n.',
    'With --keep-fresh (long builds and deployments), the credentials and Docker logins are renewed before they',
    'expire while CMD runs, and CMD gets AWS_CONTAINER_CREDENTIALS_FULL_URI (a loopback endpoint serving current',
    'credentials, with a random per-run AWS_CONTAINER_AUTHORIZATION_TOKEN) instead of fixed keys.',
  ],
  options: {
    identity: { type: 'string', short: 'i', optionalValue: true, value: 'ID', description: 'identity whose credentials CMD gets (default: the default identity; no value: pick one)' },
    integration: { type: 'string', multiple: true, value: 'NAME', description: 'integration to log in to first (repeatable)' },
    'keep-fresh': { type: 'boolean', description: 'renew credentials and Docker logins while CMD runs; CMD gets a credentials endpoint' },
  },
  positionals: { min: 0, max: 0 },
  passThrough: true,
  async run({ options, rest }, rt) {
    const [command, ...args] = rest;
    if (command === undefined) {
      throw usageError('exec needs a command to run', 'put it after --: `ecr-auth exec -- docker push IMAGE`');
    }
    const ctx = await rt.context();
    const session = await rt.session.ensureIdentity(ctx, await chooseIdentity(rt, ctx, text(options, 'identity')));
    const integrations = list(options, 'integration');
    const registries: RegistryRequest =
      integrations.length > 0
        ? { integrations }
        : { ...(session.identity === undefined ? {} : { identity: session.identity }), autoProvisionOnly: true };
    const outcome = await rt.session.ensureRegistries(ctx, registries);
    const now = rt.now();
    if (rt.globals.verbose) for (const login of outcome.logins) rt.out.note(loginLine(login, now));
    reportFailures(rt.out, outcome.failures);
    if (integrations.length > 0 && outcome.failures.length > 0) return 1;
    const fresh = options['keep-fresh'] === true
      ? await keepFresh(ctx, { ...(session.identity === undefined ? {} : { identity: session.identity }), registries })
      : undefined;
    const integrationEnv = await rt.session.integrationEnvironment(ctx, registries);
    const env = childEnvironment(rt.io.env, { ...(fresh ? fresh.env : rt.session.identityEnvironment(session)), ...integrationEnv });
    try {
      return await runChild(command, args, { env, cwd: rt.io.cwd });
    } catch (error) {
      if (!(error instanceof ChildStartError)) throw error;
      rt.io.stderr.write(`${formatError(error, rt.globals.verbose)}\n`);
      return error.exitStatus;
    } finally {
      await fresh?.stop();
      if (fresh && rt.globals.verbose) rt.out.note(`keep-fresh: ${fresh.renewals} renewal(s) while the command ran`);
    }
  },
};
