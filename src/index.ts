// The package entry: Nx loads it for `"plugins": ["ecr-auth"]`, so it exports the plugin. The engine is `ecr-auth/core`.
export { createNodes, createNodesV2, name } from './plugin/index.ts';
export type { EcrAuthPluginOptions } from './plugin/index.ts';
