// Under Deno, process.execPath is the deno binary. The core tests start helper processes as
// `process.execPath --import tsx script.ts` (lock holders, concurrent logins, the fake browser): those are Node
// processes under vitest, and stay Node processes here, so the shim points process.execPath at `node` on PATH.
// Only test code reads process.execPath; src/core does not.
/// <reference lib="deno.ns" />
import process from 'node:process';

/** Points process.execPath at the first `node` on PATH when it is the deno binary. */
export function useNodeForChildren(): void {
  if (!/deno(\.exe)?$/.test(process.execPath)) return;
  for (const dir of (Deno.env.get('PATH') ?? '').split(':')) {
    try {
      if (Deno.statSync(`${dir}/node`).isFile) {
        process.execPath = `${dir}/node`;
        return;
      }
    } catch {
      // no node in this directory
    }
  }
}
