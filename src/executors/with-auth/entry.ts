// What executors.json names for `ecr-auth:with-auth`: no runtime import of its own, the executor imported on first run
// (why: src/index.ts).
import type { NxRun } from '../lib/task-context.ts';
import type { WithAuthOptions } from './executor.ts';

/** The Nx executor (executor.ts). */
export default async function withAuthEntry(options: WithAuthOptions, context: NxRun): Promise<{ success: boolean }> {
  return (await import('./executor.ts')).default(options, context);
}
