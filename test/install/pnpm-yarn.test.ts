// pnpm and Yarn Berry with `nodeLinker: node-modules`, as users install: the packed ecr-auth added from its tarball
// into a fresh project, then `ecr-auth validate` and `ecr-auth ecr-login` run through the package manager
// (`pnpm exec ecr-auth`, `yarn ecr-auth`) against the AWS emulator, writing the Docker config. Both package managers
// come from the npm registry, their stores under .tmp/ (support/installers.ts); yarn-pnp.test.ts covers Plug'n'Play.
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../emulator/index.ts';
import { type Installer, installProject, type InstalledProject, pnpm, proveLogin, TIMEOUT, yarn } from './support/installers.ts';

let emulator: Emulator;
const dirs: string[] = [];

beforeAll(async () => {
  emulator = await startEmulator();
});

afterAll(async () => {
  await emulator?.stop();
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

describe.each<[string, Installer]>([
  ['pnpm', pnpm],
  ['yarn-node-modules', yarn('node-modules')],
])('%s', (label, installer) => {
  let dir: string;
  let project: InstalledProject;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), `ea-${label}-`));
    dirs.push(dir);
    project = await installProject(installer, dir);
  }, TIMEOUT);

  it(`${installer.name} links ecr-auth into node_modules, without Nx (an optional peer)`, async () => {
    const linked = await readdir(join(project.root, 'node_modules'));
    expect(linked).toContain('ecr-auth');
    expect(linked).not.toContain('nx');
    expect(linked).not.toContain('@nx');
  });

  it(`ecr-auth validate and ecr-login through ${installer.name} write the Docker config`, async () => {
    await proveLogin(project, join(dir, 'home'), emulator);
  }, TIMEOUT);
});
