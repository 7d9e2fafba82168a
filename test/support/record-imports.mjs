// Preload (`node --import ./record-imports.mjs`): records every module URL the program resolves into the file named
// by RECORD_IMPORTS_FILE, so a test can assert what a code path loaded (e.g. no @aws-sdk on the cache-hit path).
// Uses the in-thread module.registerHooks where Node has it (22.15+, 24, 26: Node 26 deprecates module.register
// and says so on stderr); older Nodes get the loader-thread hooks in record-imports-hooks.mjs.
import * as nodeModule from 'node:module';
import { appendFileSync } from 'node:fs';

const file = process.env.RECORD_IMPORTS_FILE;
if (typeof nodeModule.registerHooks === 'function') {
  nodeModule.registerHooks({
    resolve(specifier, context, next) {
      const result = next(specifier, context);
      if (file) appendFileSync(file, `${result.url}\n`);
      return result;
    },
  });
} else {
  nodeModule.register(new URL('./record-imports-hooks.mjs', import.meta.url), { data: { file } });
}
