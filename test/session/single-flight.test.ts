// Sixteen processes started together for one identity and three registries in two regions: one role-credential
// call and one GetAuthorizationToken per region, and every process ends logged in with the same tokens.
import { spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEFAULT_START_URL, startEmulator, type Emulator } from '../emulator/index.ts';
import { makeTestHome, ssoConfig, type TestHome } from '../support/core-context.ts';

const PROCESSES = 16;
let emulator: Emulator;
let t: TestHome;

beforeAll(async () => {
  emulator = await startEmulator();
  t = await makeTestHome(emulator);
});
afterAll(async () => {
  await t.cleanup();
  await emulator.stop();
});

function runChild(inputFile: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/support/child-ensure.ts', inputFile], {
      env: { ...process.env, ...t.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

it(`${PROCESSES} concurrent processes make one role-credential call and one token call per region`, async () => {
  await t.seedSso(emulator, { startUrl: DEFAULT_START_URL });
  const config = ssoConfig(DEFAULT_START_URL, {
    identities: { deployer: { kind: 'aws/assume-role', via: { identity: 'dev-admin' }, principal: { assume_role: 'arn:aws:iam::123456789012:role/Deploy' } } },
    integrations: {
      a: { kind: 'aws/ecr', via: { identity: 'deployer' }, spec: { registry: { account_id: '123456789012', region: 'us-east-1' } } },
      b: { kind: 'aws/ecr', via: { identity: 'deployer' }, spec: { registry: { account_id: '210987654321', region: 'us-east-1' } } },
      c: { kind: 'aws/ecr', via: { identity: 'deployer' }, spec: { registry: { account_id: '123456789012', region: 'eu-west-1' } } },
    },
  });
  const inputFile = join(t.home, 'input.json');
  await writeFile(inputFile, JSON.stringify({ env: t.env, config, source: join(t.home, 'ecr-auth.config.yaml'), request: { identity: 'deployer' } }));
  emulator.resetCalls();

  const results = await Promise.all(Array.from({ length: PROCESSES }, () => runChild(inputFile)));
  for (const r of results) expect(r.code, r.stderr).toBe(0);
  const outcomes = results.map((r) => JSON.parse(r.stdout));
  for (const o of outcomes) {
    expect(o.failures).toEqual([]);
    expect(o.logins).toHaveLength(3);
  }
  expect(emulator.calls('sso:ListAccounts')).toBe(1);
  expect(emulator.calls('sso:GetRoleCredentials')).toBe(1);
  expect(emulator.calls('sts:AssumeRole')).toBe(1);
  expect(emulator.calls('ecr:GetAuthorizationToken')).toBe(2);
  expect(emulator.calls('sso-oidc:CreateToken')).toBe(0);
  // exactly one process fetched each region's token; the others found it in the cache
  const fetched = outcomes.flatMap((o) => o.logins).filter((l: { source: string }) => l.source === 'fetched');
  expect(fetched.map((l: { region: string }) => l.region).sort()).toEqual(['eu-west-1', 'us-east-1']);
  const docker = JSON.parse(await readFile(join(t.env.DOCKER_CONFIG!, 'config.json'), 'utf8'));
  expect(Object.keys(docker.auths).sort()).toEqual([
    '123456789012.dkr.ecr.eu-west-1.amazonaws.com',
    '123456789012.dkr.ecr.us-east-1.amazonaws.com',
    '210987654321.dkr.ecr.us-east-1.amazonaws.com',
  ]);
});
