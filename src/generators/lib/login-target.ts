// The root project's `ecr-login` target that every docker task waits for. Where it goes: a root project.json when
// there is one; else the `nx` section of the root package.json, which makes the workspace root an Nx project in
// package-based and integrated workspaces alike (Nx 21-24). A fresh `nx` section gets `includedScripts: []` so
// the root's npm scripts (often `nx run-many ...`) do not become targets that would run themselves.
import type { Tree } from '@nx/devkit';
import { LOGIN_TARGET, PACKAGE_NAME } from '../../plugin/conventions.ts';
import { rootProjectName } from '../../plugin/workspace-files.ts';
import { type JsonObject, objectAt, readJson, treeReader, updateJson } from './tree-json.ts';

/** The name given to the root project when neither project.json nor package.json names it. */
export const FALLBACK_ROOT_NAME = 'workspace-root';

/** The ecr-login target as init writes it. Never cached: it changes the Docker config, outside the workspace. */
export function loginTargetConfig(identity: string | undefined): JsonObject {
  return { executor: `${PACKAGE_NAME}:ecr-login`, cache: false, options: identity ? { identity } : {} };
}

function addTarget(container: JsonObject, target: JsonObject): void {
  const targets = objectAt(container, 'targets');
  if (targets[LOGIN_TARGET] === undefined) targets[LOGIN_TARGET] = target;
}

/** Adds the login target to the root project (leaving an existing one alone) and returns the root project's name. */
export function ensureLoginTarget(tree: Tree, identity: string | undefined): { project: string; file: string } {
  const target = loginTargetConfig(identity);
  if (tree.exists('project.json')) {
    updateJson(tree, 'project.json', (json) => {
      if (typeof json.name !== 'string' && readJson(tree, 'package.json')?.name === undefined) json.name = FALLBACK_ROOT_NAME;
      addTarget(json, target);
    });
    return { project: rootProjectName(treeReader(tree))!, file: 'project.json' };
  }
  if (tree.exists('package.json')) {
    updateJson(tree, 'package.json', (json) => {
      const fresh = typeof json.nx !== 'object' || json.nx === null;
      const nx = objectAt(json, 'nx');
      if (fresh) nx.includedScripts = [];
      if (typeof json.name !== 'string' && typeof nx.name !== 'string') nx.name = FALLBACK_ROOT_NAME;
      addTarget(nx, target);
    });
    return { project: rootProjectName(treeReader(tree))!, file: 'package.json' };
  }
  updateJson(tree, 'project.json', (json) => {
    json.name = FALLBACK_ROOT_NAME;
    addTarget(json, target);
  });
  return { project: FALLBACK_ROOT_NAME, file: 'project.json' };
}
