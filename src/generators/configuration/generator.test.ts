import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import type { Tree } from '@nx/devkit';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { initWorkspace } from '../init/generator.ts';
import configurationGenerator, { configureProject } from './generator.ts';

const REGISTRY = '123456789012.dkr.ecr.us-east-1.amazonaws.com';
const LOGIN = { target: 'ecr-login', projects: ['@proj/source'] };

function json(tree: Tree, path: string) {
  return JSON.parse(tree.read(path, 'utf-8')!);
}

describe('ecr-auth:configuration', () => {
  let tree: Tree;
  beforeEach(() => {
    tree = createTreeWithEmptyWorkspace({ formatter: 'none' } as never);
    vi.spyOn(console, 'log').mockImplementation(() => {});
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    initWorkspace(tree, { registries: [`${REGISTRY}`] });
    tree.write('apps/api/project.json', JSON.stringify({ name: 'api', targets: { build: {} } }));
    tree.write('packages/web/package.json', JSON.stringify({ name: '@acme/web' }));
  });

  it('adds docker-build and docker-push run by with-auth, never cached, waiting for the one login', async () => {
    expect(await configureProject(tree, { project: 'api', registry: REGISTRY })).toEqual(['docker-build', 'docker-push']);
    const targets = json(tree, 'apps/api/project.json').targets;
    expect(targets['docker-build']).toEqual({
      executor: 'ecr-auth:with-auth',
      cache: false,
      dependsOn: [LOGIN],
      options: { command: `docker build -f apps/api/Dockerfile -t ${REGISTRY}/api:latest apps/api` },
    });
    expect(targets['docker-push']).toEqual({
      executor: 'ecr-auth:with-auth',
      cache: false,
      dependsOn: ['docker-build', LOGIN],
      options: { command: `docker push ${REGISTRY}/api:latest` },
    });
    expect(targets.build).toEqual({});
  });

  it('writes into package.json nx.targets for a package-based project, and leaves existing targets alone', async () => {
    await configurationGenerator(tree, { project: '@acme/web', image: 'repo/web', tag: 'v 1', identity: 'ci' });
    const first = json(tree, 'packages/web/package.json');
    expect(first.nx.targets['docker-push'].options).toEqual({ command: "docker push 'repo/web:v 1'", identity: 'ci' });
    expect(await configureProject(tree, { project: '@acme/web', image: 'other' })).toEqual([]);
    expect(json(tree, 'packages/web/package.json')).toEqual(first);
  });

  it('explains what is missing', async () => {
    await expect(configureProject(tree, { project: 'nope', image: 'x' })).rejects.toThrow(/no project named "nope"/);
    await expect(configureProject(tree, { project: 'api' })).rejects.toThrow(/give --image/);
  });
});
