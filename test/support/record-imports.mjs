// Preload (`node --import ./record-imports.mjs`): records every module URL the program resolves into the file named
// by RECORD_IMPORTS_FILE, so a test can assert what a code path loaded (e.g. no @aws-sdk on the cache-hit path).
import { register } from 'node:module';

register(new URL('./record-imports-hooks.mjs', import.meta.url), { data: { file: process.env.RECORD_IMPORTS_FILE } });
