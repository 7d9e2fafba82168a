// What the plugin adds to one Dockerfile project: the shared login dependency on each of its docker targets that
// exists (declared in its project files or inferred by a known plugin). It never invents a target.
import type { CreateNodesResult, TargetConfiguration } from '@nx/devkit';
import { DOCKER_TARGET_NAMES, LOGIN_TARGET, withLoginDependency } from './conventions.ts';
import type { DeclaredProject } from './workspace-files.ts';

/** The plugin's options in nx.json: `{ "plugin": "ecr-auth", "options": { ... } }`. */
export interface EcrAuthPluginOptions {
  /** Targets that wait for the login. Default: docker-build, docker-push, docker:build, docker:push, container, nx-release-publish. */
  targetNames?: string[];
  /** The login target's name. Default: ecr-login. */
  loginTarget?: string;
  /** The project holding the login target. Default: the root project, when it declares the login target. */
  loginProject?: string;
}

export interface DockerProjectInput {
  /** Directory of the Dockerfile, relative to the workspace root ("." for the root). */
  root: string;
  declared: DeclaredProject | undefined;
  inferred: Map<string, unknown[] | undefined>;
  loginProject: string;
  options: EcrAuthPluginOptions;
}

/** The project fragment to merge into the Dockerfile's project; undefined when there is nothing to add. */
export function dockerProjectNode(input: DockerProjectInput): CreateNodesResult | undefined {
  const { declared, inferred, loginProject, options } = input;
  if (!declared) return undefined;
  const loginTarget = options.loginTarget ?? LOGIN_TARGET;
  const targets: Record<string, TargetConfiguration> = {};
  for (const name of options.targetNames ?? DOCKER_TARGET_NAMES) {
    if (name === loginTarget && input.root === '.') continue;
    const exists = declared.targets.has(name) || inferred.has(name);
    if (!exists) continue;
    // Keep what the target already depends on: Nx replaces a dependsOn array when layers merge.
    const base = declared.targets.get(name) ?? inferred.get(name);
    targets[name] = { dependsOn: withLoginDependency(base, loginProject, loginTarget) };
  }
  if (Object.keys(targets).length === 0) return undefined;
  const project: { root: string; name?: string; targets: Record<string, TargetConfiguration> } = { root: input.root, targets };
  // A package.json-only project may not be one of the package manager's workspaces; naming it keeps the node valid.
  if (!declared.hasProjectJson && declared.name) project.name = declared.name;
  return { projects: { [input.root]: project } };
}
