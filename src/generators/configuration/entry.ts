// What generators.json names for `ecr-auth:configuration`: no runtime import of its own, the generator imported on first run
// (why: src/index.ts).
import type { Tree } from '@nx/devkit';
import type { ConfigurationOptions } from './generator.ts';

/** The Nx generator (generator.ts). */
export default async function configurationEntry(tree: Tree, options: ConfigurationOptions): Promise<void> {
  return (await import('./generator.ts')).default(tree, options);
}
