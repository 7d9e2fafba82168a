// Runs one case of the hostile-input table in a world of its own: arrange, picture the watched files, run in-process
// under a time-out, picture again. Shared by hostile-table.test.ts and no-internal.test.ts.
import { join } from 'node:path';
import type { Emulator } from '../../emulator/index.ts';
import type { HostileCase } from '../hostile-cases.ts';
import { makeCliHome, type CliHome } from './cli-home.ts';
import { differences, takePicture } from './file-pictures.ts';
import { cliInProcess, helperInProcess, type RunResult } from './in-process.ts';


/** Runs `c`; the caller checks the result and then calls `w.cleanup()`. */
export async function runHostileCase(c: HostileCase, emulator: Emulator): Promise<{ w: CliHome; result: RunResult; changed: string[] }> {
  const w = await makeCliHome(emulator);
  await w.seedSso();
  const arranged = (await c.arrange?.(w, emulator)) ?? {};
  const watched = (c.untouched ?? ((x: CliHome) => [x.configPath, x.dockerDir, join(x.home, '.aws')]))(w);
  const before = await takePicture(watched);
  const env = { ...w.env, ...arranged.env };
  try {
    const result = c.helper ? await helperInProcess(c.helper.verb, c.helper.stdin, env, w.cwd) : await cliInProcess(c.argv ?? [], env, w.cwd);
    // pictured before dispose: closing a socket server removes its socket file
    return { w, result, changed: differences(before, await takePicture(watched)) };
  } finally {
    emulator.clearFaults();
    await arranged.dispose?.();
  }
}
