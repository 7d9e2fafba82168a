// What executors.json names for `ecr-auth:ecr-login`: no runtime import of its own, the executor imported on first run
// (why: src/index.ts).
import type { NxRun } from '../lib/task-context.ts';
import type { EcrLoginOptions } from './executor.ts';

/** The Nx executor (executor.ts). */
export default async function ecrLoginEntry(options: EcrLoginOptions, context: NxRun): Promise<{ success: boolean }> {
  return (await import('./executor.ts')).default(options, context);
}
