// Questions on the controlling terminal (/dev/tty), not on stdin/stdout: a piped or captured stdout never sees the
// prompt, and a hidden answer (an MFA code) is read with echo off, so it reaches no output and no terminal log.
import { closeSync, openSync, writeSync } from 'node:fs';
import { ReadStream } from 'node:tty';
import { EcrAuthError } from '../errors.ts';

/** The controlling terminal of this process (POSIX). */
export const TTY_PATH = '/dev/tty';

export interface AskOptions {
  /** Read with echo off (a secret). */
  hidden?: boolean;
  /** Where the terminal is (tests); default /dev/tty. */
  ttyPath?: string;
}

function noTerminal(error: unknown): EcrAuthError {
  return new EcrAuthError('E_USAGE', `no terminal to ask on (${(error as { code?: string }).code ?? (error as Error).message})`, {
    hint: 'give the answer on the command line or in the config instead',
  });
}

/** Asks one question on the terminal and returns the line typed (without the newline). Ctrl-C or Ctrl-D cancels. */
export async function askTerminal(question: string, options: AskOptions = {}): Promise<string> {
  let fd: number;
  try {
    fd = openSync(options.ttyPath ?? TTY_PATH, 'r+');
  } catch (error) {
    throw noTerminal(error);
  }
  let input: ReadStream;
  try {
    input = new ReadStream(fd);
  } catch (error) {
    closeSync(fd);
    throw noTerminal(error);
  }
  try {
    input.setRawMode(true);
    writeSync(fd, question);
    return await new Promise<string>((resolve, reject) => {
      let line = '';
      input.setEncoding('utf8');
      input.on('error', (error) => reject(noTerminal(error)));
      input.on('data', (chunk: string) => {
        for (const char of chunk) {
          if (char === '\r' || char === '\n') {
            writeSync(fd, '\r\n');
            resolve(line);
            return;
          }
          if (char === '\u0003' || char === '\u0004') {
            writeSync(fd, '\r\n');
            reject(new EcrAuthError('E_USAGE', 'cancelled at the prompt', { hint: 'run the command again when ready' }));
            return;
          }
          if (char === '\u007f' || char === '\b') {
            if (line.length > 0) {
              line = line.slice(0, -1);
              if (!options.hidden) writeSync(fd, '\b \b');
            }
            continue;
          }
          if (char < ' ') continue;
          line += char;
          if (!options.hidden) writeSync(fd, char);
        }
      });
    });
  } finally {
    try {
      input.setRawMode(false);
    } catch {
      // the terminal went away: nothing to restore
    }
    input.destroy(); // closes fd
  }
}

/** Asks the user to pick one of `choices` by number; returns its index. Asks again on a bad answer (3 tries). */
export async function chooseOnTerminal(title: string, choices: readonly string[], options: AskOptions = {}): Promise<number> {
  const list = choices.map((choice, i) => `  ${i + 1}) ${choice}`).join('\r\n');
  for (let attempt = 0; attempt < 3; attempt++) {
    const prompt = attempt === 0 ? `${title}\r\n${list}\r\nChoose 1-${choices.length}: ` : `Choose 1-${choices.length}: `;
    const answer = (await askTerminal(prompt, options)).trim();
    const n = Number(answer);
    if (Number.isInteger(n) && n >= 1 && n <= choices.length) return n - 1;
  }
  throw new EcrAuthError('E_USAGE', 'no valid choice was made at the prompt', { hint: 'run the command again' });
}
