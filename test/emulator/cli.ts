// `npm run emulator [-- --port N]`: starts the AWS emulator, prints `export` lines for its environment
// (endpoints, the ambient key pair, the GitHub OIDC variables) and runs until SIGINT / SIGTERM.
import { startEmulator } from './emulator.ts';

/** The --port value of `argv` (`--port N` or `--port=N`), default 0. */
function parsePort(argv: readonly string[]): number {
  const index = argv.findIndex((arg) => arg === '--port' || arg.startsWith('--port='));
  if (index === -1) return 0;
  const arg = argv[index]!;
  const raw = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[index + 1];
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`--port needs a number from 0 to 65535, got ${raw}`);
  return port;
}

const quote = (value: string) => `'${value.replace(/'/g, `'\\''`)}'`;

async function main(): Promise<void> {
  const emulator = await startEmulator({ port: parsePort(process.argv.slice(2)) });
  const variables: Record<string, string> = {
    ...emulator.env,
    AWS_ACCESS_KEY_ID: emulator.ambient.accessKeyId,
    AWS_SECRET_ACCESS_KEY: emulator.ambient.secretAccessKey,
    ...emulator.githubEnv,
  };
  const lines = Object.entries(variables).map(([name, value]) => `export ${name}=${quote(value)}`);
  process.stdout.write(`${lines.join('\n')}\n`);
  process.stderr.write(`# AWS emulator listening on ${emulator.url} (ambient identity ${emulator.ambient.arn}); Ctrl-C stops it\n`);
  const shutdown = () => {
    void emulator.stop();
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  process.stderr.write(`emulator: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
