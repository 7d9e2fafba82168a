// Preload (`node --import record-spawns.mjs ...`): records every child process the program starts, as
// {fn, file, args} lines in $RECORD_SPAWNS_FILE, so a test can prove no secret ever reaches a child's argv.
// Patches node:child_process and syncs the ES module bindings, so `import { spawn } from 'node:child_process'`
// in the program sees the recording versions.
import childProcess from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import process from 'node:process';

const log = process.env.RECORD_SPAWNS_FILE;
if (log) {
  for (const fn of ['spawn', 'spawnSync', 'execFile', 'execFileSync', 'exec', 'execSync', 'fork']) {
    const original = childProcess[fn];
    childProcess[fn] = function recorded(file, args, ...rest) {
      appendFileSync(log, `${JSON.stringify({ fn, file: String(file), args: Array.isArray(args) ? args.map(String) : [] })}\n`);
      return original.call(this, file, args, ...rest);
    };
  }
  syncBuiltinESMExports();
}
