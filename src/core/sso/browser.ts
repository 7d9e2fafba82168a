// Opens a URL in the user's browser: the BROWSER command when set (as Python's webbrowser and the AWS CLI honour
// it), else the platform's opener. No shell is involved: the URL is passed as one argument to a detached process.
import { spawn } from 'node:child_process';
import { platform as osPlatform } from 'node:os';
import type { Env } from '../paths.ts';

/** Splits one command line into words: whitespace separates, single or double quotes group. */
export function splitCommand(command: string): string[] {
  const words: string[] = [];
  let word = '';
  let quote: string | undefined;
  let started = false;
  for (const ch of command) {
    if (quote) {
      if (ch === quote) quote = undefined;
      else word += ch;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      started = true;
    } else if (/\s/.test(ch)) {
      if (started) words.push(word);
      word = '';
      started = false;
    } else {
      word += ch;
      started = true;
    }
  }
  if (started) words.push(word);
  return words;
}

/**
 * The commands to try, in order, each as argv. BROWSER may list several commands (separated by the platform's path
 * separator); each may hold `%s` where the URL goes, else the URL is appended as the last argument.
 */
export function browserCommands(url: string, env: Env, platform: string = osPlatform()): string[][] {
  if (env.BROWSER && env.BROWSER.trim() !== '') {
    return env.BROWSER.split(platform === 'win32' ? ';' : ':')
      .map((entry) => splitCommand(entry))
      .filter((argv) => argv.length > 0)
      .map((argv) => (argv.some((a) => a.includes('%s')) ? argv.map((a) => a.replaceAll('%s', url)) : [...argv, url]));
  }
  if (platform === 'darwin') return [['open', url]];
  // rundll32 hands the URL to the default handler without cmd.exe, which would treat `&` in the query as a separator.
  if (platform === 'win32') return [['rundll32', 'url.dll,FileProtocolHandler', url]];
  return [['xdg-open', url]];
}

function start(argv: string[], env: Env): Promise<boolean> {
  return new Promise((resolve) => {
    try {
      const child = spawn(argv[0]!, argv.slice(1), { detached: true, stdio: 'ignore', env: { ...env } as Record<string, string> });
      child.once('error', () => resolve(false));
      child.once('spawn', () => {
        child.unref();
        resolve(true);
      });
    } catch {
      resolve(false);
    }
  });
}

/** Opens `url` in a browser; false when no command could be started (the caller then prints the URL). */
export async function openBrowser(url: string, env: Env, platform?: string): Promise<boolean> {
  for (const argv of browserCommands(url, env, platform)) {
    if (await start(argv, env)) return true;
  }
  return false;
}
