// A TypeScript project type-checks imports of `ecr-auth/core` and `ecr-auth/plugin` with skipLibCheck off, so every
// published .d.ts resolves (@nx/devkit, an optional peer dependency, installed the way an Nx user has it). Nx's own
// declarations do not pass skipLibCheck: false (they import yargs and semver without types, and fail under strict):
// those errors are Nx's and would show in any Nx project; the test requires that none is ours.
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { npm, packEcrAuth } from '../runners/support/package.ts';
import { ok, REPO, run } from '../runners/support/sandbox.ts';

const INSTALL_TIMEOUT = 300_000;
let dir: string;
let tarball: string;


beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ecr-auth-typed-'));
  tarball = await packEcrAuth(join(dir, 'pack'));
}, INSTALL_TIMEOUT);

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

it('type-checks imports of ecr-auth/core and ecr-auth/plugin with skipLibCheck: false', async () => {
  const project = join(dir, 'typed');
  await mkdir(project, { recursive: true });
  const ours = JSON.parse(await readFile(join(REPO, 'package.json'), 'utf8'));
  await writeFile(join(project, 'package.json'), `${JSON.stringify({ name: 'typed', private: true, version: '1.0.0', type: 'module' }, null, 2)}\n`);
  // the TypeScript and Node types this repository builds with; @nx/devkit at the Nx line the plugin is tested on
  ok(
    await npm(['install', tarball, `typescript@${ours.devDependencies.typescript}`, `@types/node@${ours.devDependencies['@types/node']}`, `@nx/devkit@${ours.devDependencies['@nx/devkit']}`], project),
    'npm install (typed project)',
  );
  await writeFile(
    join(project, 'tsconfig.json'),
    `${JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, skipLibCheck: false, types: ['node'] }, include: ['index.ts'] }, null, 2)}\n`,
  );
  await writeFile(
    join(project, 'index.ts'),
    [
      "import { validateConfig, loadConfig, isEcrAuthError, type ResolvedConfig } from 'ecr-auth/core';",
      "import { createNodesV2, name } from 'ecr-auth/plugin';",
      'const check: typeof validateConfig = validateConfig;',
      'export const used: unknown[] = [check, loadConfig, isEcrAuthError, createNodesV2, name];',
      'export type Config = ResolvedConfig;',
      '',
    ].join('\n'),
  );
  const checked = await run(join(project, 'node_modules', '.bin', 'tsc'), ['-p', 'tsconfig.json'], { cwd: project, env: { HOME: join(dir, 'home'), PATH: process.env.PATH ?? '' }, timeout: INSTALL_TIMEOUT });
  const errors = checked.all.split('\n').filter((line) => /error TS\d+/.test(line));
  // ours: nothing in index.ts or in ecr-auth's declarations, and no module left unresolved (TS2307) anywhere
  expect(errors.filter((line) => !line.startsWith('node_modules/nx/')), checked.all).toEqual([]);
  expect(errors.filter((line) => /TS2307|node_modules\/ecr-auth\/|^index\.ts/.test(line)), checked.all).toEqual([]);
  expect(checked.all).not.toContain('Cannot find module');
}, INSTALL_TIMEOUT);

it('ecr-auth/core type-checks with skipLibCheck: false and no Nx installed: zero errors', async () => {
  const project = join(dir, 'core-only');
  await mkdir(project, { recursive: true });
  const ours = JSON.parse(await readFile(join(REPO, 'package.json'), 'utf8'));
  await writeFile(join(project, 'package.json'), `${JSON.stringify({ name: 'core-only', private: true, version: '1.0.0', type: 'module' }, null, 2)}\n`);
  ok(await npm(['install', tarball, `typescript@${ours.devDependencies.typescript}`, `@types/node@${ours.devDependencies['@types/node']}`], project), 'npm install (core-only project)');
  await writeFile(
    join(project, 'tsconfig.json'),
    `${JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, skipLibCheck: false, types: ['node'] }, include: ['index.ts'] }, null, 2)}\n`,
  );
  await writeFile(
    join(project, 'index.ts'),
    [
      "import { ensureRegistries, loadConfig, validateConfig, type ResolvedConfig } from 'ecr-auth/core';",
      'export const used: unknown[] = [ensureRegistries, loadConfig, validateConfig];',
      'export type Config = ResolvedConfig;',
      '',
    ].join('\n'),
  );
  const checked = await run(join(project, 'node_modules', '.bin', 'tsc'), ['-p', 'tsconfig.json'], { cwd: project, env: { HOME: join(dir, 'home'), PATH: process.env.PATH ?? '' }, timeout: INSTALL_TIMEOUT });
  expect(checked.all).toBe('');
  expect(checked.exitCode).toBe(0);
}, INSTALL_TIMEOUT);
