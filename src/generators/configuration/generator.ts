// `ecr-auth:configuration`: gives one project docker-build and docker-push targets run by ecr-auth:with-auth and
// waiting for the root ecr-login target. Targets that already exist are left as they are.
import type { Tree } from '@nx/devkit';
import { LOGIN_TARGET } from '../../plugin/conventions.ts';
import { declaredProject, rootProjectName } from '../../plugin/workspace-files.ts';
import { defaultRegistry } from '../lib/default-registry.ts';
import { dockerTargets } from '../lib/docker-targets.ts';
import { findProject, projectPath } from '../lib/find-project.ts';
import { objectAt, treeReader, updateJson } from '../lib/tree-json.ts';

/** The generator's options (schema.json). */
export interface ConfigurationOptions {
  project: string;
  image?: string;
  registry?: string;
  tag?: string;
  dockerfile?: string;
  context?: string;
  identity?: string;
  skipFormat?: boolean;
}

/** The image repository: --image, else <registry>/<project> with --registry or the config's first private registry. */
async function imageFor(tree: Tree, options: ConfigurationOptions): Promise<string> {
  if (options.image) return options.image;
  const registry = options.registry ?? (await defaultRegistry(tree.root, options.identity));
  if (!registry) throw new Error('give --image (or --registry): the config names no private ECR registry to push to');
  return `${registry}/${options.project}`;
}

/** Adds the targets; returns the names added (empty when both existed). */
export async function configureProject(tree: Tree, options: ConfigurationOptions): Promise<string[]> {
  const project = findProject(tree, options.project);
  if (!project) throw new Error(`no project named "${options.project}" (looked for project.json and package.json names)`);
  const read = treeReader(tree);
  const rootName = rootProjectName(read);
  const loginProject = rootName && declaredProject(read, '.')?.targets.has(LOGIN_TARGET) ? rootName : undefined;
  if (!loginProject) console.warn('ecr-auth: the workspace has no root ecr-login target yet; run `nx g ecr-auth:init` so pushes share one login');
  const targets = dockerTargets({
    image: await imageFor(tree, options),
    tag: options.tag ?? 'latest',
    dockerfile: options.dockerfile ?? projectPath(project.root, 'Dockerfile'),
    context: options.context ?? project.root,
    ...(options.identity ? { identity: options.identity } : {}),
    ...(loginProject ? { loginProject } : {}),
  });
  const added: string[] = [];
  updateJson(tree, projectPath(project.root, project.file), (json) => {
    const existing = objectAt(project.file === 'project.json' ? json : objectAt(json, 'nx'), 'targets');
    for (const [name, target] of Object.entries(targets)) {
      if (existing[name] !== undefined) continue;
      existing[name] = target;
      added.push(name);
    }
  });
  return added;
}

/** The Nx generator. */
export default async function configurationGenerator(tree: Tree, options: ConfigurationOptions): Promise<void> {
  const added = await configureProject(tree, options);
  console.log(added.length ? `ecr-auth: added ${added.join(' and ')} to ${options.project}` : `ecr-auth: ${options.project} already has docker-build and docker-push`);
}
