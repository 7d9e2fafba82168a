// `ecr-auth ecr-login [INTEGRATION...] [--identity ID] [--registry HOST...]`: logs Docker in to the named
// integrations, to every integration of an identity, or to ad-hoc hosts. Any failure fails the command.
import { list, text } from '../args.ts';
import type { CommandSpec } from '../command.ts';
import { chooseIdentity } from '../pick.ts';
import { failureJson, loginJson, loginLine, reportFailures } from '../registry-lines.ts';

/** `ecr-login`: exit 0 when every registry is logged in, 1 when any failed. */
export const ecrLoginCommand: CommandSpec = {
  name: 'ecr-login',
  summary: 'log Docker in to ECR registries',
  usage: 'ecr-login [INTEGRATION...] [-i|--identity [ID]] [-r|--registry HOST...] [--public]',
  details: [
    'With no INTEGRATION, logs in to every integration of --identity (or of the default identity).',
    '--registry logs in to a host that no integration names, with --identity or the ambient AWS credentials;',
    'it needs no config file. --public is --registry public.ecr.aws (ECR Public, token from us-east-1).',
    '-i with no value picks the identity on a terminal (as `atmos aws ecr login -i` does).',
  ],
  options: {
    identity: { type: 'string', short: 'i', optionalValue: true, value: 'ID', description: 'identity to use (default: the default identity; no value: pick one)' },
    registry: { type: 'string', short: 'r', multiple: true, value: 'HOST', description: 'an ECR registry host, e.g. 123456789012.dkr.ecr.us-east-1.amazonaws.com' },
    public: { type: 'boolean', description: 'log in to ECR Public (public.ecr.aws)' },
  },
  positionals: { min: 0, max: Number.POSITIVE_INFINITY },
  async run({ options, positionals }, rt) {
    const given = text(options, 'identity');
    const registries = [...list(options, 'registry'), ...(options.public === true ? ['public.ecr.aws'] : [])];
    const adHocOnly = registries.length > 0 && positionals.length === 0 && given === undefined;
    const ctx = await rt.context({ configOptional: adHocOnly });
    const needsIdentity = given !== undefined || (positionals.length === 0 && registries.length === 0);
    const identity = needsIdentity ? await chooseIdentity(rt, ctx, given) : undefined;
    const outcome = await rt.session.ensureRegistries(ctx, {
      ...(positionals.length > 0 ? { integrations: positionals } : {}),
      ...(identity === undefined ? {} : { identity }),
      ...(registries.length > 0 ? { registries } : {}),
    });
    const now = rt.now();
    if (rt.globals.json) {
      rt.out.json({ registries: outcome.logins.map(loginJson), failures: outcome.failures.map(failureJson) });
    } else {
      for (const login of outcome.logins) rt.out.line(loginLine(login, now));
    }
    reportFailures(rt.out, outcome.failures);
    if (outcome.logins.length === 0 && outcome.failures.length === 0) {
      rt.out.warn('nothing to log in to: the identity has no integrations; name one, or use --registry HOST');
    }
    return outcome.failures.length > 0 ? 1 : 0;
  },
};
