// Yarn Berry with its default linker, Plug'n'Play (no node_modules; fs patched by Yarn): the packed ecr-auth is
// added from its tarball and `yarn ecr-auth validate` and `yarn ecr-auth ecr-login` run against the AWS emulator,
// writing the Docker config (the atomic write fsyncs through a descriptor: Yarn's FileHandle has no sync()).
// Yarn itself comes from the npm registry (@yarnpkg/cli-dist) and resolves packages from the npm registry; its
// package cache is kept under .tmp/ so only the first run downloads.
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../emulator/index.ts';
import { packEcrAuth } from '../runners/support/package.ts';
import { dockerPassword, machineEnv, ok, REPO, run, secretsIn, seedSsoSession, writeTree } from '../runners/support/sandbox.ts';

const YARN_VERSION = '4.18.1';
const START_URL = 'https://company.awsapps.com/start/'; // examples/npm-scripts/ecr-auth.config.yaml's
const HOST = '123456789012.dkr.ecr.us-east-2.amazonaws.com';
const TIMEOUT = 300_000;

let emulator: Emulator;
let dir: string;
let project: string;
let yarnJs: string;

function hostEnv(): Record<string, string> {
  return Object.fromEntries(Object.entries(process.env).filter((entry): entry is [string, string] => entry[1] !== undefined));
}
const yarn = (args: string[], env: Record<string, string>) => run(process.execPath, [yarnJs, ...args], { cwd: project, env, timeout: TIMEOUT });

beforeAll(async () => {
  emulator = await startEmulator();
  dir = await mkdtemp(join(tmpdir(), 'ea-yarn-pnp-'));
  project = join(dir, 'service');
  const tools = join(dir, 'tools');
  await writeTree(tools, { 'package.json': { name: 'tools', private: true } });
  ok(
    await run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error', `@yarnpkg/cli-dist@${YARN_VERSION}`], { cwd: tools, env: hostEnv(), timeout: TIMEOUT }),
    'npm install @yarnpkg/cli-dist',
  );
  yarnJs = join(tools, 'node_modules', '@yarnpkg', 'cli-dist', 'bin', 'yarn.js');
  const tarball = await packEcrAuth(project);
  await writeTree(project, {
    'package.json': { name: 'service', private: true, dependencies: { 'ecr-auth': `file:./${tarball.slice(project.length + 1)}` } },
    '.yarnrc.yml': [
      'nodeLinker: pnp',
      'npmRegistryServer: "https://registry.npmjs.org"',
      'enableTelemetry: false',
      'enableImmutableInstalls: false',
      'enableGlobalCache: true',
      `globalFolder: ${JSON.stringify(join(REPO, '.tmp', 'yarn-global'))}`,
      '',
    ].join('\n'),
    'ecr-auth.config.yaml': await readFile(join(REPO, 'examples', 'npm-scripts', 'ecr-auth.config.yaml'), 'utf8'),
  });
  const env: Record<string, string> = { ...hostEnv(), YARN_ENABLE_PROGRESS_BARS: 'false' };
  delete env.npm_config_user_agent;
  ok(await yarn(['install'], env), 'yarn install (pnp)');
}, TIMEOUT);

afterAll(async () => {
  await emulator?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

it('installs with Plug\'n\'Play: a .pnp.cjs and no node_modules', async () => {
  expect((await stat(join(project, '.pnp.cjs'))).isFile()).toBe(true);
  await expect(stat(join(project, 'node_modules'))).rejects.toThrow();
});

it('`yarn ecr-auth validate` and `yarn ecr-auth ecr-login` work under PnP, writing the Docker config', async () => {
  const home = join(dir, 'home');
  await seedSsoSession(home, emulator, START_URL);
  const env = machineEnv(home, emulator);
  const validated = await yarn(['ecr-auth', 'validate'], env);
  expect(validated.exitCode, validated.all).toBe(0);
  expect(validated.stdout).toContain(HOST);

  emulator.resetCalls();
  const login = await yarn(['ecr-auth', 'ecr-login'], env);
  expect(login.exitCode, login.all).toBe(0);
  expect(login.all).not.toMatch(/E_INTERNAL|not implemented/i);
  expect(login.stdout).toMatch(new RegExp(`✓ ECR login: ${HOST.replaceAll('.', '\\.')}`));
  expect(emulator.calls('ecr:GetAuthorizationToken')).toBe(1);
  expect(await dockerPassword(env.DOCKER_CONFIG!, HOST)).toBe(emulator.ecrPasswords().at(-1)!.password);
  expect(secretsIn(login.all, emulator.secrets())).toEqual([]);

  emulator.resetCalls();
  const again = await yarn(['ecr-auth', 'ecr-login'], env);
  expect(again.exitCode, again.all).toBe(0);
  expect(emulator.calls()).toBe(0);
}, TIMEOUT);
