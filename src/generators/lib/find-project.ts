// Finds a project by name in the Tree without @nx/devkit: walks the workspace for project.json and package.json
// (skipping node_modules and tool output) and reads their names the way Nx does.
import type { Tree } from '@nx/devkit';
import { declaredProject } from '../../plugin/workspace-files.ts';
import { treeReader } from './tree-json.ts';

const SKIPPED = new Set(['node_modules', '.git', '.nx', 'dist', 'tmp', 'coverage', '.angular', '.next', '.cache']);

/** A project found in the Tree: its root and the file its targets go into. */
export interface FoundProject {
  name: string;
  root: string;
  file: 'project.json' | 'package.json';
}

/** Every directory under `dir` (itself first), depth first. */
function* directories(tree: Tree, dir: string): Generator<string> {
  yield dir;
  for (const child of tree.children(dir)) {
    if (SKIPPED.has(child)) continue;
    const path = dir === '.' ? child : `${dir}/${child}`;
    if (!tree.isFile(path)) yield* directories(tree, path);
  }
}

/** The project named `name`, or undefined. */
export function findProject(tree: Tree, name: string): FoundProject | undefined {
  const read = treeReader(tree);
  for (const dir of directories(tree, '.')) {
    const declared = declaredProject(read, dir);
    if (declared?.name === name) return { name, root: dir, file: declared.hasProjectJson ? 'project.json' : 'package.json' };
  }
  return undefined;
}

/** The path of a file in a project root. */
export function projectPath(root: string, file: string): string {
  return root === '.' ? file : `${root}/${file}`;
}
