// Yarn Berry with its default linker, Plug'n'Play (no node_modules; fs patched by Yarn): the packed ecr-auth is
// added from its tarball and `yarn ecr-auth validate` and `yarn ecr-auth ecr-login` run against the AWS emulator,
// writing the Docker config (the atomic write fsyncs through a descriptor: Yarn's FileHandle has no sync()).
// Yarn comes from the npm registry and resolves packages from it; its cache is under .tmp/ (support/installers.ts).
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../emulator/index.ts';
import { installProject, type InstalledProject, proveLogin, TIMEOUT, yarn } from './support/installers.ts';

let emulator: Emulator;
let dir: string;
let project: InstalledProject;

beforeAll(async () => {
  emulator = await startEmulator();
  dir = await mkdtemp(join(tmpdir(), 'ea-yarn-pnp-'));
  project = await installProject(yarn('pnp'), dir);
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
