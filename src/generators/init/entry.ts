// What generators.json names for `ecr-auth:init`: no runtime import of its own, the generator imported on first run
// (why: src/index.ts).
import type { Tree } from '@nx/devkit';
import type { InitOptions } from './generator.ts';

/** The Nx generator (generator.ts). */
export default async function initEntry(tree: Tree, options: InitOptions): Promise<void> {
  return (await import('./generator.ts')).default(tree, options);
}
