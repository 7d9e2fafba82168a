// `ecr-auth env [--identity ID] [--format bash|dotenv|json|github]`: prints the environment `exec` would set.
import { randomUUID } from 'node:crypto';
import { appendFile } from 'node:fs/promises';
import { didYouMean } from '../../core/config/closest.ts';
import { resolve } from 'node:path';
import { writeFileAtomic } from '../../core/fs/atomic-file.ts';
import { text, usageError } from '../args.ts';
import { chooseIdentity } from '../pick.ts';
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
  usage: 'env [-i|--identity [ID]] [-f|--format bash|dotenv|json|env|github] [-o|--output-file FILE] [--login]',
  details: [
    'bash: `eval "$(ecr-auth env)"`. dotenv: for docker compose and dotenv loaders. json: an object.',
    'env: NAME=value lines, nothing quoted (`docker run --env-file`).',
    'github: appends to the file named by $GITHUB_ENV (or -o FILE) for the next steps of a GitHub Actions job, and',
    'prints ::add-mask:: for each secret value so Actions hides it in logs.',
    '-o FILE writes the variables to FILE (mode 0600, replaced atomically) instead of stdout.',
    'The identity signs in when its cached credentials are not valid; --login (Atmos) is accepted and changes nothing.',
  ],
  options: {
    identity: { type: 'string', short: 'i', optionalValue: true, value: 'ID', description: 'identity (default: the default identity; no value: pick one)' },
    format: { type: 'string', short: 'f', value: 'FORMAT', description: 'bash (default), dotenv, json, env or github' },
    'output-file': { type: 'string', short: 'o', value: 'FILE', description: 'write to FILE instead of stdout (github: append to FILE instead of $GITHUB_ENV)' },
    login: { type: 'boolean', description: 'sign in when needed (Atmos spelling; ecr-auth always does)' },
  },
  positionals: { min: 0, max: 0 },
  async run({ options }, rt) {
    const format = chosenFormat(text(options, 'format'), rt.globals.json);
    const outputFile = text(options, 'output-file');
    if (outputFile === '') throw usageError('-o/--output-file needs a file name', 'write `-o .env.aws`');
    const githubEnv = outputFile === undefined ? rt.io.env.GITHUB_ENV : resolve(rt.io.cwd, outputFile);
    if (format === 'github' && !githubEnv) {
      throw usageError('--format github needs $GITHUB_ENV, which GitHub Actions sets', 'run it in a GitHub Actions step, give -o FILE, or pick another --format');
    }
    const ctx = await rt.context();
    const session = await rt.session.ensureIdentity(ctx, await chooseIdentity(rt, ctx, text(options, 'identity')));
    const request = { ...(session.identity === undefined ? {} : { identity: session.identity }), autoProvisionOnly: true };
    const vars = { ...rt.session.identityEnvironment(session), ...(await rt.session.integrationEnvironment(ctx, request)) };
    if (format !== 'github') {
      const body = formatEnvironment(vars, format);
      if (outputFile === undefined) {
        rt.io.stdout.write(body);
      } else {
        await writeFileAtomic(resolve(rt.io.cwd, outputFile), body, { mode: 0o600 });
        rt.out.note(`wrote ${Object.keys(vars).join(', ')} to ${outputFile}`);
      }
      return 0;
    }
    rt.io.stdout.write(githubMasks(vars));
    await appendFile(githubEnv!, githubEnvLines(vars, `ecr_auth_${randomUUID()}`), { mode: 0o600 });
    rt.out.note(`wrote ${Object.keys(vars).join(', ')} to ${outputFile ?? '$GITHUB_ENV'}`);
    return 0;
  },
};
