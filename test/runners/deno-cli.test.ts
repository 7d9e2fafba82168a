// The CLI under Deno, against the emulator: the TypeScript entry run directly (`deno run -A src/cli/main.ts`, no
// build) for `login` (an SSO session seeded as `aws sso login` leaves it) and `ecr-login --registry` (the ambient
// chain, no config), and the published bin as `deno run -A npm:ecr-auth` resolves it from a project's node_modules.
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { DEFAULT_START_URL, startEmulator, type Emulator } from '../emulator/index.ts';
import { ssoConfig } from '../support/core-context.ts';
import { dockerPassword, machineEnv, ok, REPO, run, seedSsoSession, writeTree } from './support/sandbox.ts';

const DENO = join(REPO, 'node_modules', '.bin', 'deno'); // what `npx deno` runs
const ENTRY = join(REPO, 'src', 'cli', 'main.ts');
const EAST1 = '123456789012.dkr.ecr.us-east-1.amazonaws.com';
const EAST2 = '123456789012.dkr.ecr.us-east-2.amazonaws.com';

let emulator: Emulator;
let denoDir: string;
let dir: string;
let home: string;

const deno = (args: string[], env: Record<string, string>) => run(DENO, ['run', '-A', ...args], { cwd: dir, env, timeout: 90_000 });
// Deno's module cache stays the machine's (a temporary HOME would otherwise make Deno start from nothing)
const denoEnv = (extra: Record<string, string> = {}) => machineEnv(home, emulator, { DENO_DIR: denoDir, NO_COLOR: '1', DENO_NO_UPDATE_CHECK: '1', ...extra });

beforeAll(async () => {
  emulator = await startEmulator();
  const info = ok(await run(DENO, ['info', '--json'], { cwd: REPO, env: process.env as Record<string, string> }), 'deno info');
  denoDir = (JSON.parse(info.stdout) as { denoDir: string }).denoDir;
});
afterAll(async () => emulator?.stop());
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ea-deno-'));
  home = join(dir, 'home');
  emulator.resetCalls();
  return () => rm(dir, { recursive: true, force: true });
});

it('deno run src/cli/main.ts login: SSO session -> permission set -> Docker logged in', async () => {
  await seedSsoSession(home, emulator, DEFAULT_START_URL);
  await writeTree(dir, { 'ecr-auth.config.json': ssoConfig(DEFAULT_START_URL) });
  const env = denoEnv();

  const ran = await deno([ENTRY, 'login'], env);
  expect(ran.exitCode, ran.all).toBe(0);
  expect(ran.stdout).toContain('✓ dev-admin (refreshed');
  expect(ran.stdout).toContain(`✓ ECR login: ${EAST2} (expires in 11h5`);
  expect(emulator.calls('sso:GetRoleCredentials')).toBe(1);
  expect(emulator.calls('ecr:GetAuthorizationToken')).toBe(1);
  expect(await dockerPassword(env.DOCKER_CONFIG!, EAST2)).toBe(emulator.ecrPasswords().at(-1)!.password);

  emulator.resetCalls();
  const again = await deno([ENTRY, 'login'], env);
  expect(again.exitCode, again.all).toBe(0);
  expect(again.stdout).toContain('✓ dev-admin (cached credentials');
  expect(emulator.calls()).toBe(0);
});

it('deno run src/cli/main.ts ecr-login --registry: the ambient chain, no config file', async () => {
  const env = denoEnv({ AWS_ACCESS_KEY_ID: emulator.ambient.accessKeyId, AWS_SECRET_ACCESS_KEY: emulator.ambient.secretAccessKey });
  const ran = await deno([ENTRY, 'ecr-login', '--registry', EAST1], env);
  expect(ran.exitCode, ran.all).toBe(0);
  expect(ran.stdout).toBe(`✓ ECR login: ${EAST1} (expires in 11h59m)`);
  expect(emulator.callLog.filter((c) => c.op === 'ecr:GetAuthorizationToken').map((c) => c.principal)).toEqual([emulator.ambient.arn]);
  expect(await dockerPassword(env.DOCKER_CONFIG!, EAST1)).toBe(emulator.ecrPasswords().at(-1)!.password);

  const usage = await deno([ENTRY, 'ecr-login', '--registry', `${EAST1}.evil.example.com`], env);
  expect(usage.exitCode).toBe(2);
  expect(usage.stderr).toContain('E_REGISTRY_HOST');
});

it('a login needs only --allow-env/read/write/net/sys (run is for exec, credsStore helpers and the browser)', async () => {
  const env = denoEnv({ AWS_ACCESS_KEY_ID: emulator.ambient.accessKeyId, AWS_SECRET_ACCESS_KEY: emulator.ambient.secretAccessKey });
  const narrow = ['--allow-env', '--allow-read', '--allow-write', '--allow-net', '--allow-sys'];
  const ran = await run(DENO, ['run', ...narrow, ENTRY, 'ecr-login', '--registry', EAST1], { cwd: dir, env, timeout: 90_000 });
  expect(ran.exitCode, ran.all).toBe(0);
  expect(ran.stdout).toContain(`✓ ECR login: ${EAST1}`);
});

it('deno run npm:ecr-auth runs the package bin from node_modules (as after `npm install ecr-auth`)', async () => {
  await mkdir(join(dir, 'node_modules'), { recursive: true });
  await symlink(REPO, join(dir, 'node_modules', 'ecr-auth'));
  await writeFile(join(dir, 'package.json'), JSON.stringify({ name: 'deno-project', private: true, dependencies: { 'ecr-auth': '*' } }));
  const env = denoEnv({ AWS_ACCESS_KEY_ID: emulator.ambient.accessKeyId, AWS_SECRET_ACCESS_KEY: emulator.ambient.secretAccessKey });
  const ran = await deno(['npm:ecr-auth', 'ecr-login', '--registry', EAST1], env);
  expect(ran.exitCode, ran.all).toBe(0);
  expect(ran.stdout).toContain(`✓ ECR login: ${EAST1}`);
  expect(await dockerPassword(env.DOCKER_CONFIG!, EAST1)).toBeTruthy();
});
