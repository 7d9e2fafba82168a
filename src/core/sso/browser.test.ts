import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempHome } from '../../../test/sso/fixture.ts';
import { browserCommands, openBrowser, splitCommand } from './browser.ts';

const url = 'https://oidc.us-east-1.amazonaws.com/authorize?a=1&b=2';

describe('splitCommand', () => {
  it.each([
    ['firefox', ['firefox']],
    ['  node  /tmp/x.mjs ', ['node', '/tmp/x.mjs']],
    ['"/Applications/My Browser" --new-tab', ['/Applications/My Browser', '--new-tab']],
    ["open -a 'Google Chrome' %s", ['open', '-a', 'Google Chrome', '%s']],
    ['a ""', ['a', '']],
  ])('%j -> %j', (command, expected) => {
    expect(splitCommand(command)).toEqual(expected);
  });
});

describe('browserCommands', () => {
  it.each<[Record<string, string>, string, string[][]]>([
    [{}, 'linux', [['xdg-open', url]]],
    [{}, 'darwin', [['open', url]]],
    [{}, 'win32', [['rundll32', 'url.dll,FileProtocolHandler', url]]],
    [{ BROWSER: 'firefox' }, 'linux', [['firefox', url]]],
    [{ BROWSER: 'firefox --new-tab %s' }, 'linux', [['firefox', '--new-tab', url]]],
    [{ BROWSER: 'w3m:lynx' }, 'linux', [['w3m', url], ['lynx', url]]],
    [{ BROWSER: 'C:\\b\\chrome.exe;edge' }, 'win32', [['C:\\b\\chrome.exe', url], ['edge', url]]],
    [{ BROWSER: '  ' }, 'linux', [['xdg-open', url]]],
  ])('env %j on %s -> %j', (env, platform, expected) => {
    expect(browserCommands(url, env, platform)).toEqual(expected);
  });
});

describe('openBrowser', () => {
  let home: { home: string; cleanup(): Promise<void> };
  beforeEach(async () => {
    home = await tempHome();
  });
  afterEach(() => home.cleanup());

  it('runs the BROWSER command without a shell, the URL as one argument', async () => {
    const out = join(home.home, 'argv.json');
    // written whole, then renamed into place: the poll below never reads a half-written file
    const script = `const fs=require('fs');fs.writeFileSync(${JSON.stringify(`${out}.part`)}, JSON.stringify(process.argv.slice(1)));fs.renameSync(${JSON.stringify(`${out}.part`)}, ${JSON.stringify(out)})`;
    const env = { PATH: process.env.PATH, BROWSER: `${process.execPath} -e "${script.replace(/"/g, "'")}" %s` };
    const tricky = 'http://127.0.0.1/authorize?a=1&b=$(touch pwned);c=`id`';
    expect(await openBrowser(tricky, env, 'linux')).toBe(true);
    let argv: string[] | undefined;
    for (let i = 0; i < 100 && !argv; i++) {
      argv = await readFile(out, 'utf8').then((t) => JSON.parse(t) as string[], () => undefined);
      if (!argv) await new Promise((r) => setTimeout(r, 50));
    }
    expect(argv).toEqual([tricky]);
  });

  it('returns false when no command can be started', async () => {
    expect(await openBrowser(url, { PATH: '/nonexistent', BROWSER: 'no-such-browser-xyz' }, 'linux')).toBe(false);
  });
});
