// Yarn Berry with its default linker, Plug'n'Play (no node_modules; fs patched by Yarn): the packed ecr-auth is
// added from its tarball and `yarn ecr-auth validate` and `yarn ecr-auth ecr-login` run against the AWS emulator,
// writing the Docker config (the atomic write fsyncs through a descriptor: Yarn's FileHandle has no sync()).
// Nx under PnP too: `yarn nx g ecr-auth:init`, the plugin and the ecr-login executor load from Yarn's zip archive.
// Yarn comes from the npm registry and resolves packages from it; its cache is under .tmp/ (support/installers.ts).
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../emulator/index.ts';
import { machineEnv, REPO } from '../runners/support/sandbox.ts';
import { HOST, installProject, type InstalledProject, proveLogin, TIMEOUT, yarn } from './support/installers.ts';

let emulator: Emulator;
let dir: string;
let project: InstalledProject;

beforeAll(async () => {
  emulator = await startEmulator();
  dir = await mkdtemp(join(tmpdir(), 'ea-yarn-pnp-'));
  const ours = JSON.parse(await readFile(join(REPO, 'package.json'), 'utf8'));
  project = await installProject(yarn('pnp'), dir, {
    devDependencies: { nx: ours.devDependencies.nx },
    files: {
      'nx.json': {},
      'apps/api/Dockerfile': 'FROM scratch\n',
      'apps/api/project.json': { name: 'api', targets: { 'docker-push': { command: 'node -e "console.log(\'pushed api\')"' } } },
    },
  });
}, TIMEOUT);

afterAll(async () => {
  await emulator?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

it('installs with Plug\'n\'Play: a .pnp.cjs and no node_modules', async () => {
  expect((await stat(join(project.root, '.pnp.cjs'))).isFile()).toBe(true);
  await expect(stat(join(project.root, 'node_modules'))).rejects.toThrow();
});

it('`yarn ecr-auth validate` and `yarn ecr-auth ecr-login` work under PnP, writing the Docker config', async () => {
  await proveLogin(project, join(dir, 'home'), emulator);
}, TIMEOUT);

it('`yarn nx g ecr-auth:init`, the plugin and the ecr-login executor load under PnP', async () => {
  const env = { ...machineEnv(join(dir, 'home'), emulator), NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false', CI: 'true' };
  const init = await project.run(['nx', 'g', 'ecr-auth:init', '--no-interactive'], env);
  expect(init.exitCode, init.all).toBe(0);
  expect(init.all).toContain('kept the existing config');
  expect(JSON.parse(await readFile(join(project.root, 'nx.json'), 'utf8')).plugins).toEqual(['ecr-auth']);
  // the plugin makes docker-push wait for the root ecr-login target, which runs the executor
  const pushed = await project.run(['nx', 'run', 'api:docker-push', '--output-style=static'], env);
  expect(pushed.exitCode, pushed.all).toBe(0);
  expect(pushed.all).toContain(`✓ ECR login: ${HOST}`);
  expect(pushed.all.indexOf('✓ ECR login')).toBeLessThan(pushed.all.indexOf('pushed api'));
}, TIMEOUT);
