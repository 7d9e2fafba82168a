import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import type { Tree } from '@nx/devkit';
import { parse } from 'yaml';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { validateConfig } from '../../core/config/validate.ts';
import initGenerator, { initWorkspace } from './generator.ts';
import schema from './schema.json' with { type: 'json' };

const SSO = { startUrl: 'https://acme.awsapps.com/start/', region: 'us-east-1', account: '123456789012', permissionSet: 'AdministratorAccess' };
const LOGIN = { target: 'ecr-login', projects: ['@proj/source'] };

function json(tree: Tree, path: string) {
  return JSON.parse(tree.read(path, 'utf-8')!);
}

function snapshot(tree: Tree) {
  return tree.listChanges().map((c) => [c.path, c.type, c.content?.toString()]);
}

describe('ecr-auth:init', () => {
  let tree: Tree;
  beforeEach(() => {
    tree = createTreeWithEmptyWorkspace({ formatter: 'none' } as never);
    vi.spyOn(console, 'log').mockImplementation(() => {});
  });

  it('has a schema with properties, so `nx add` runs it', () => {
    expect(Object.keys(schema.properties)).toContain('startUrl');
  });

  it('writes a valid config, the root ecr-login target, the plugin and the docker target defaults', async () => {
    await initGenerator(tree, SSO);
    const config = validateConfig(parse(tree.read('ecr-auth.config.yaml', 'utf-8')!), 'ecr-auth.config.yaml');
    expect(config.errors).toEqual([]);
    expect(Object.keys(config.config!.integrations)).toEqual(['ecr/123456789012/us-east-1']);
    const pkg = json(tree, 'package.json');
    expect(pkg.nx).toEqual({ includedScripts: [], targets: { 'ecr-login': { executor: 'ecr-auth:ecr-login', cache: false, options: {} } } });
    const nx = json(tree, 'nx.json');
    expect(nx.plugins).toEqual(['ecr-auth']);
    expect(nx.targetDefaults['docker-build']).toEqual({ dependsOn: [LOGIN] });
    expect(nx.targetDefaults['docker-push']).toEqual({ dependsOn: [LOGIN] });
    expect(nx.targetDefaults.build).toEqual({ cache: true });
  });

  it('is idempotent: a second run records no change', async () => {
    await initGenerator(tree, SSO);
    const first = snapshot(tree);
    await initGenerator(tree, SSO);
    expect(snapshot(tree)).toEqual(first);
    const once = createTreeWithEmptyWorkspace({ formatter: 'none' } as never);
    await initGenerator(once, SSO);
    // Writing the same content again is not a change either (Nx drops a write that restores the content).
    for (const [path, , content] of first) expect(once.read(path as string, 'utf-8')).toBe(content);
  });

  it('keeps an existing config, the user plugin entry and existing dependsOn', () => {
    tree.write('.ecr-authrc.yaml', 'auth: {}\n');
    tree.write('nx.json', JSON.stringify({ plugins: [{ plugin: 'ecr-auth', options: { targetNames: ['x'] } }], targetDefaults: { 'docker-build': { dependsOn: ['build'] } } }));
    const result = initWorkspace(tree, { ...SSO, identity: 'deployer' });
    expect(result).toEqual({ config: 'kept', configFile: '.ecr-authrc.yaml', loginProject: '@proj/source' });
    expect(tree.exists('ecr-auth.config.yaml')).toBe(false);
    const nx = json(tree, 'nx.json');
    expect(nx.plugins).toEqual([{ plugin: 'ecr-auth', options: { targetNames: ['x'] } }]);
    expect(nx.targetDefaults['docker-build'].dependsOn).toEqual(['build', LOGIN]);
    expect(json(tree, 'package.json').nx.targets['ecr-login'].options).toEqual({ identity: 'deployer' });
  });

  it('sees a config in package.json#ecr-auth', () => {
    tree.write('package.json', JSON.stringify({ name: 'ws', 'ecr-auth': { auth: {} } }));
    expect(initWorkspace(tree, SSO).config).toBe('kept');
  });

  it('writes no config without enough answers, and still wires Nx', () => {
    const result = initWorkspace(tree, {});
    expect(result.config).toBe('skipped');
    expect(json(tree, 'nx.json').plugins).toEqual(['ecr-auth']);
  });

  it('uses a root project.json (integrated workspace) and keeps its comments-free content otherwise', () => {
    tree.write('project.json', '{\n    // the root\n    "name": "root",\n    "targets": { "lint": {} },\n}\n');
    const result = initWorkspace(tree, SSO);
    expect(result.loginProject).toBe('root');
    expect(json(tree, 'project.json').targets).toEqual({ lint: {}, 'ecr-login': { executor: 'ecr-auth:ecr-login', cache: false, options: {} } });
    expect(tree.read('project.json', 'utf-8')).toMatch(/^\{\n {4}"name"/);
    expect(json(tree, 'package.json').nx).toBeUndefined();
    expect(json(tree, 'nx.json').targetDefaults['docker-push'].dependsOn).toEqual([{ target: 'ecr-login', projects: ['root'] }]);
  });

  it('keeps an existing package.json nx section as it is, adding only the target', () => {
    tree.write('package.json', JSON.stringify({ name: 'ws', nx: { name: 'workspace', includedScripts: ['x'] } }));
    expect(initWorkspace(tree, SSO).loginProject).toBe('workspace');
    expect(json(tree, 'package.json').nx.includedScripts).toEqual(['x']);
  });

  it('extends the array form of targetDefaults', () => {
    tree.write('nx.json', JSON.stringify({ targetDefaults: { 'docker-push': [{ filter: { projects: ['a'] }, cache: false }, { dependsOn: ['docker-build'] }] } }));
    initWorkspace(tree, SSO);
    initWorkspace(tree, SSO);
    expect(json(tree, 'nx.json').targetDefaults['docker-push']).toEqual([{ filter: { projects: ['a'] }, cache: false }, { dependsOn: ['docker-build', LOGIN] }]);
  });

  it('fails with a clear message on a bad answer, before writing anything', () => {
    expect(() => initWorkspace(tree, { ...SSO, region: 'nowhere' })).toThrow(/not an AWS region/);
    expect(tree.listChanges().map((c) => c.path)).not.toContain('ecr-auth.config.yaml');
  });
});
