// A child process for single-flight tests: reads {env, config, request} as JSON from argv[2] (a file path), runs
// ensureRegistries with a real CoreContext, and prints the logins as JSON. Run with `npx tsx`.
import { readFile } from 'node:fs/promises';
import { validateConfig } from '../../src/core/config/validate.ts';
import { ensureRegistries } from '../../src/core/session.ts';
import { silentLogger } from '../../src/core/context.ts';

const input = JSON.parse(await readFile(process.argv[2]!, 'utf8'));
const { config } = validateConfig(input.config, input.source);
if (!config) throw new Error('bad config');
const outcome = await ensureRegistries(
  { env: input.env, cwd: process.cwd(), now: Date.now, config, minValidityMs: config.settings.minValidityMs, interaction: { browser: false, human: false }, log: silentLogger },
  input.request,
);
process.stdout.write(JSON.stringify({ logins: outcome.logins, failures: outcome.failures.map((f) => ({ host: f.host, code: f.error.code, message: f.error.message })) }));
