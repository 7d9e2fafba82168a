// Whether a module is the program Node was started with. npm installs bins as symlinks: argv[1] is the link while
// import.meta.url is the resolved file, so the link is resolved before comparing.
import { realpathSync } from 'node:fs';
import process from 'node:process';
import { pathToFileURL } from 'node:url';

/** True when `moduleUrl` (pass import.meta.url) is the entry script of this process. */
export function isMainModule(moduleUrl: string): boolean {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return moduleUrl === pathToFileURL(realpathSync(script)).href;
  } catch {
    return false;
  }
}
