// createNodesV2 on real temporary workspaces, as nrwl/nx tests its docker plugin.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createNodes, createNodesV2, name } from './index.ts';
import * as entry from '../index.ts';

const LOGIN = { target: 'ecr-login', projects: ['ws'] };
let dirs: string[] = [];

function workspace(tree: Record<string, unknown>): string {
  const root = mkdtempSync(join(tmpdir(), 'ecr-auth-plugin-'));
  dirs.push(root);
  for (const [path, content] of Object.entries(tree)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), typeof content === 'string' ? content : JSON.stringify(content));
  }
  return root;
}

const ROOT = { 'package.json': { name: 'ws', nx: { includedScripts: [], targets: { 'ecr-login': { executor: 'ecr-auth:ecr-login' } } } } };

async function run(root: string, files: string[], options?: object, nxJson: object = {}) {
  return createNodesV2[1](files, options, { workspaceRoot: root, nxJsonConfiguration: nxJson } as never);
}

afterEach(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  dirs = [];
});

describe('the ecr-auth Nx plugin', () => {
  it('exports name, createNodes and createNodesV2 (the same tuple) from the package entry', () => {
    expect(name).toBe('ecr-auth');
    expect(createNodesV2).toBe(createNodes);
    expect(createNodes[0]).toBe('**/Dockerfile');
    expect(entry.name).toBe(name);
    expect(entry.createNodesV2).toBe(entry.createNodes);
    expect(entry.createNodes[0]).toBe(createNodes[0]);
  });

  it('the package entry imports the plugin on its first call and answers as the plugin does', async () => {
    const root = workspace({ ...ROOT, 'apps/api/Dockerfile': 'FROM scratch\n', 'apps/api/project.json': { name: 'api', targets: { 'docker-push': { command: 'true' } } } });
    const context = { workspaceRoot: root, nxJsonConfiguration: {} } as never;
    const viaEntry = await entry.createNodesV2[1](['apps/api/Dockerfile'], undefined, context);
    expect(viaEntry).toEqual(await run(root, ['apps/api/Dockerfile']));
    expect(viaEntry).toHaveLength(1);
  });

  it('adds the login dependency to the docker targets a Dockerfile project declares, keeping their own dependsOn', async () => {
    const root = workspace({
      ...ROOT,
      'apps/api/Dockerfile': 'FROM scratch',
      'apps/api/project.json': { name: 'api', targets: { 'docker-build': { command: 'docker build .', dependsOn: ['build'] }, 'docker-push': {}, test: {} } },
    });
    const results = await run(root, ['apps/api/Dockerfile']);
    expect(results).toEqual([
      [
        'apps/api/Dockerfile',
        { projects: { 'apps/api': { root: 'apps/api', targets: { 'docker-build': { dependsOn: ['build', LOGIN] }, 'docker-push': { dependsOn: [LOGIN] } } } } },
      ],
    ]);
  });

  it('never invents targets: a Dockerfile project without docker targets gets nothing', async () => {
    const root = workspace({ ...ROOT, 'apps/web/Dockerfile': '', 'apps/web/project.json': { name: 'web', targets: { build: {} } } });
    expect(await run(root, ['apps/web/Dockerfile'])).toEqual([]);
  });

  it('skips a Dockerfile outside any project', async () => {
    const root = workspace({ ...ROOT, 'tools/images/Dockerfile': '' });
    expect(await run(root, ['tools/images/Dockerfile'])).toEqual([]);
  });

  it('names a package.json project (scripts become targets) so the node stays valid', async () => {
    const root = workspace({ ...ROOT, 'packages/svc/Dockerfile': '', 'packages/svc/package.json': { name: '@acme/svc', scripts: { container: 'docker build .' } } });
    const [[, result]] = (await run(root, ['packages/svc/Dockerfile'])) as [[string, { projects: Record<string, unknown> }]];
    expect(result.projects['packages/svc']).toEqual({ root: 'packages/svc', name: '@acme/svc', targets: { container: { dependsOn: [LOGIN] } } });
  });

  it('layers onto the targets @nx/docker infers, keeping its dependsOn', async () => {
    const root = workspace({ ...ROOT, 'apps/api/Dockerfile': '', 'apps/api/project.json': { name: 'api' } });
    const nxJson = { plugins: [{ plugin: '@nx/docker', options: { buildTarget: { name: 'image' } } }] };
    const [[, result]] = (await run(root, ['apps/api/Dockerfile'], { targetNames: ['image', 'nx-release-publish'] }, nxJson)) as [[string, { projects: Record<string, { targets: unknown }> }]];
    expect(result.projects['apps/api']!.targets).toEqual({
      image: { dependsOn: ['build', '^build', LOGIN] },
      'nx-release-publish': { dependsOn: [LOGIN] },
    });
  });

  it('does nothing until the root project has the login target, unless loginProject is given', async () => {
    const tree = { 'package.json': { name: 'ws' }, 'apps/api/Dockerfile': '', 'apps/api/project.json': { name: 'api', targets: { 'docker-push': {} } } };
    const root = workspace(tree);
    expect(await run(root, ['apps/api/Dockerfile'])).toEqual([]);
    const [[, result]] = (await run(root, ['apps/api/Dockerfile'], { loginProject: 'tools', loginTarget: 'login' })) as [[string, { projects: Record<string, { targets: unknown }> }]];
    expect(result.projects['apps/api']!.targets).toEqual({ 'docker-push': { dependsOn: [{ target: 'login', projects: ['tools'] }] } });
  });

  it('honours targetNames and leaves a root Dockerfile project depending on its own login target', async () => {
    const root = workspace({
      'package.json': { name: 'ws', nx: { targets: { 'ecr-login': {}, 'docker-push': {}, publish: {} } } },
      Dockerfile: '',
    });
    const [[file, result]] = (await run(root, ['Dockerfile'], { targetNames: ['publish', 'ecr-login'] })) as [[string, { projects: Record<string, { targets: unknown }> }]];
    expect(file).toBe('Dockerfile');
    expect(result.projects['.']!.targets).toEqual({ publish: { dependsOn: [LOGIN] } });
  });
});
