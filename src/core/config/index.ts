// The config module's public surface: validate (pure), load (files), resolve (graph), hosts and the model.
export type * from './model.ts';
export { DEFAULT_SETTINGS } from './model.ts';
export type { ConfigIssue } from './issues.ts';
export { formatIssue } from './issues.ts';
export { validateConfig } from './validate.ts';
export type { ValidationResult } from './validate.ts';
export { loadConfig, readConfigDocument, searchedDirectories, SEARCH_PLACES, MODULE_NAME } from './load.ts';
export type { LoadConfigOptions } from './load.ts';
export { ConfigError } from './config-error.ts';
export { identityChain, unknownNameError, findCycles } from './resolve.ts';
export { closest, didYouMean, editDistance } from './closest.ts';
