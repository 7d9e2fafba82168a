// A separate OS process that calls ensureSsoToken once, as a CI job (no person, no browser), and prints the
// result as JSON. Used by the single-flight test: many of these start together on one near-expiry token.
import process from 'node:process';
import type { SsoProvider } from '../../src/core/config/model.ts';
import { emptyConfig, makeContext } from '../../src/core/make-context.ts';
import { ensureSsoToken } from '../../src/core/sso/ensure-token.ts';

const input = JSON.parse(process.argv[2] ?? '{}') as { env: Record<string, string>; provider: SsoProvider };
try {
  const result = await ensureSsoToken(
    makeContext({ env: input.env, cwd: process.cwd(), config: emptyConfig() }),
    input.provider,
  );
  process.stdout.write(JSON.stringify(result));
} catch (error) {
  process.stderr.write(String((error as Error).message));
  process.exitCode = 1;
}
