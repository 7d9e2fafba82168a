// `npm run emulator` (test/emulator/cli.ts): prints export lines for its environment, serves until SIGTERM.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { expect, test } from 'vitest';
import { DEFAULT_AMBIENT } from './index.ts';

const CLI = fileURLToPath(new URL('./cli.ts', import.meta.url));

/** Parses `export NAME='value'` lines. */
function parseExports(text: string): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const match of text.matchAll(/^export ([A-Z_]+)='([^']*)'$/gm)) vars[match[1]!] = match[2]!;
  return vars;
}

test('prints every endpoint, the ambient key pair and the GitHub variables, then stops on SIGTERM', async () => {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    let stdout = '';
    child.stdout.setEncoding('utf8');
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: string) => {
        stdout += chunk;
        if (stdout.includes('ACTIONS_ID_TOKEN_REQUEST_TOKEN')) resolve();
      });
      child.once('exit', (code) => reject(new Error(`emulator CLI exited early (${code})`)));
    });
    const vars = parseExports(stdout);
    const url = vars.AWS_ENDPOINT_URL!;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    for (const suffix of ['ECR', 'ECR_PUBLIC', 'SSO', 'SSO_OIDC', 'STS']) expect(vars[`AWS_ENDPOINT_URL_${suffix}`]).toBe(url);
    expect(vars.AWS_ACCESS_KEY_ID).toBe(DEFAULT_AMBIENT.accessKeyId);
    expect(vars.ACTIONS_ID_TOKEN_REQUEST_URL).toBe(`${url}/_github/token?api-version=2.0`);
    expect(vars.ACTIONS_ID_TOKEN_REQUEST_TOKEN).toBeTruthy();

    const sts = new STSClient({
      region: 'us-east-1',
      endpoint: url,
      credentials: { accessKeyId: vars.AWS_ACCESS_KEY_ID!, secretAccessKey: vars.AWS_SECRET_ACCESS_KEY! },
    });
    expect((await sts.send(new GetCallerIdentityCommand({}))).Arn).toBe(DEFAULT_AMBIENT.arn);

    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    const [code] = (await exited) as [number | null];
    expect(code).toBe(0);
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
});
