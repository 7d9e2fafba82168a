// A child process for single-flight tests: reads {env, config, request} as JSON from argv[2] (a file path), runs
// ensureRegistries with a real CoreContext, and prints the logins as JSON. Run with `npx tsx`.
import { readFile } from 'node:fs/promises';
import { validateConfig } from '../../src/core/config/validate.ts';
import { ensureRegistries } from '../../src/core/session.ts';
import { makeContext } from '../../src/core/make-context.ts';

const input = JSON.parse(await readFile(process.argv[2]!, 'utf8'));
const { config } = validateConfig(input.config, input.source);
if (!config) throw new Error('bad config');
const outcome = await ensureRegistries(
  makeContext({ env: input.env, cwd: process.cwd(), config }),
  input.request,
);
process.stdout.write(JSON.stringify({ logins: outcome.logins, failures: outcome.failures.map((f) => ({ host: f.host, code: f.error.code, message: f.error.message })) }));
