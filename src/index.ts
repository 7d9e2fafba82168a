// The package entry: Nx loads it for `"plugins": ["ecr-auth"]`, so it exports the plugin. The engine is `ecr-auth/core`.
// Like every module Nx loads by path (executors.json, generators.json: the entry.ts beside each), it has no runtime
// import of its own and imports its code when Nx first calls it. Nx loads these modules with require() of an ES
// module; under Yarn Plug'n'Play on Node.js 22.12 that require() cannot follow a static relative import into the
// package's zip archive (`Cannot find module .../dist/plugin/index.js`), while a dynamic import() goes through
// Yarn's loader. (Node.js 22.23, 24 and 26 follow both; test/install/nx-entries.test.ts keeps the entries import-free.)
import type { CreateNodesContextV2 } from '@nx/devkit';
import type { EcrAuthPluginOptions } from './plugin/index.ts';

export type { EcrAuthPluginOptions } from './plugin/index.ts';

/** The plugin's name in Nx's messages (PACKAGE_NAME in plugin/conventions.ts). */
export const name = 'ecr-auth';

async function createNodesOnFirstCall(files: readonly string[], options: EcrAuthPluginOptions | undefined, context: CreateNodesContextV2) {
  const plugin = await import('./plugin/index.ts');
  return plugin.createNodes[1](files, options, context);
}

/** Nx's project-inference entry: the plugin's glob (plugin/index.ts) and its function, imported on first use. */
export const createNodes = ['**/Dockerfile', createNodesOnFirstCall] as const;

/** The same tuple under the name Nx 21 and 22 look for first. */
export const createNodesV2 = createNodes;
