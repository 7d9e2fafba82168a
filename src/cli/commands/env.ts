// `ecr-auth env [--identity ID] [--format bash|dotenv|json|github]`: prints the environment `exec` would set.
import { randomUUID } from 'node:crypto';
import { appendFile } from 'node:fs/promises';
import { didYouMean } from '../../core/config/closest.ts';
import { text, usageError } from '../args.ts';
import type { CommandSpec } from '../command.ts';
import { ENV_FORMATS, formatEnvironment, githubEnvLines, githubMasks } from '../env-format.ts';
import type { EnvFormat } from '../env-format.ts';

function chosenFormat(given: string | undefined, json: boolean): EnvFormat {
  if (given === undefined) return json ? 'json' : 'bash';
  if (!(ENV_FORMATS as readonly string[]).includes(given)) {
    throw usageError(`unknown --format "${given}"${didYouMean(given, ENV_FORMATS, '"')}`, `use one of ${ENV_FORMATS.join(', ')}`);
  }
  if (json && given !== 'json') throw usageError(`--json and --format ${given} disagree`, 'drop one of them');
  return given as EnvFormat;
}

/** `env`: prints the identity's credentials and region; with --format github, hands them to later workflow steps. */
export const envCommand: CommandSpec = {
  name: 'env',
  summary: 'print the environment exec would set',
  usage: 'env [--identity ID] [--format bash|dotenv|json|github]',
  details: [
    'bash: `eval "$(ecr-auth env)"`. dotenv: for docker compose and dotenv loaders. json: an object.',
    'github: appends to the file named by $GITHUB_ENV for the next steps of a GitHub Actions job, and prints',
    '::add-mask:: for each secret value so Actions hides it in logs.',
  ],
  options: {
    identity: { type: 'string', value: 'ID', description: 'identity (default: the default identity)' },
    format: { type: 'string', value: 'FORMAT', description: 'bash (default), dotenv, json or github' },
  },
  positionals: { min: 0, max: 0 },
  async run({ options }, rt) {
    const format = chosenFormat(text(options, 'format'), rt.globals.json);
    const githubEnv = rt.io.env.GITHUB_ENV;
    if (format === 'github' && !githubEnv) {
      throw usageError('--format github needs $GITHUB_ENV, which GitHub Actions sets', 'run it in a GitHub Actions step, or pick another --format');
    }
    const ctx = await rt.context();
    const session = await rt.session.ensureIdentity(ctx, text(options, 'identity'));
    const request = { ...(session.identity === undefined ? {} : { identity: session.identity }), autoProvisionOnly: true };
    const vars = { ...rt.session.identityEnvironment(session), ...(await rt.session.integrationEnvironment(ctx, request)) };
    if (format !== 'github') {
      rt.io.stdout.write(formatEnvironment(vars, format));
      return 0;
    }
    rt.io.stdout.write(githubMasks(vars));
    await appendFile(githubEnv!, githubEnvLines(vars, `ecr_auth_${randomUUID()}`), { mode: 0o600 });
    rt.out.note(`wrote ${Object.keys(vars).join(', ')} to $GITHUB_ENV`);
    return 0;
  },
};
