// The Nx plugin (`"plugins": ["ecr-auth"]` in nx.json): every project with a Dockerfile gets the shared login
// dependency on its docker targets, so `nx run-many -t docker-push` logs in once, before the first push.
// Exported as createNodes and createNodesV2 (the same tuple) and `name`, which Nx 21-24 all accept.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { CreateNodesContextV2, CreateNodesResult } from '@nx/devkit';
import { LOGIN_TARGET, PACKAGE_NAME } from './conventions.ts';
import { dockerProjectNode, type EcrAuthPluginOptions } from './docker-nodes.ts';
import { inferredDockerTargets } from './inferred-targets.ts';
import { declaredProject, type ReadText, rootProjectName } from './workspace-files.ts';

export type { EcrAuthPluginOptions } from './docker-nodes.ts';

/** The plugin's name in Nx's messages. */
export const name = PACKAGE_NAME;

function fileReader(workspaceRoot: string): ReadText {
  return (path) => {
    try {
      return readFileSync(join(workspaceRoot, path), 'utf8');
    } catch {
      return undefined;
    }
  };
}

/** The project holding the login target: the option, else the root project when it declares that target. */
export function resolveLoginProject(read: ReadText, options: EcrAuthPluginOptions): string | undefined {
  if (options.loginProject) return options.loginProject;
  const rootName = rootProjectName(read);
  if (!rootName) return undefined;
  return declaredProject(read, '.')?.targets.has(options.loginTarget ?? LOGIN_TARGET) ? rootName : undefined;
}

type Results = Array<readonly [file: string, result: CreateNodesResult]>;

async function createNodesForDockerfiles(
  dockerfiles: readonly string[],
  options: EcrAuthPluginOptions | undefined,
  context: CreateNodesContextV2,
): Promise<Results> {
  const opts = options ?? {};
  const read = fileReader(context.workspaceRoot);
  const loginProject = resolveLoginProject(read, opts);
  if (!loginProject) return [];
  const inferred = inferredDockerTargets(context.nxJsonConfiguration);
  const results: Results = [];
  for (const file of dockerfiles) {
    const root = dirname(file);
    const node = dockerProjectNode({ root, declared: declaredProject(read, root), inferred, loginProject, options: opts });
    if (node) results.push([file, node] as const);
  }
  return results;
}

/** Nx's project-inference entry: a glob and the function it runs on the matching files. */
export const createNodes = ['**/Dockerfile', createNodesForDockerfiles] as const;

/** The same tuple under the name Nx 21 and 22 look for first. */
export const createNodesV2 = createNodes;
