// Turns with-auth's options into the shell command lines to run, like nx:run-commands: `command` (a line, or one
// command as a list of words, quoted for the shell), or `commands`, each followed by `args` and by the arguments
// given after `--` on the Nx command line.
import process from 'node:process';

/** The options that describe what to run. */
export interface CommandOptions {
  command?: string | string[];
  commands?: Array<string | { command: string }>;
  args?: string | string[];
  /** Filled by Nx with the command line's own arguments (schema: `$default: { $source: "unparsed" }`). */
  __unparsed__?: string[];
}

const SAFE_WORD = /^[\w@%+=:,./-]+$/;

/** One word quoted for a POSIX shell (or cmd.exe's double quotes on Windows). */
export function shellQuote(word: string, platform: string = process.platform): string {
  if (word !== '' && SAFE_WORD.test(word)) return word;
  if (platform === 'win32') return `"${word.replaceAll('"', '""')}"`;
  return `'${word.replaceAll("'", `'\\''`)}'`;
}

function argsText(args: string | string[] | undefined, platform: string): string {
  if (args === undefined) return '';
  return typeof args === 'string' ? args.trim() : args.map((a) => shellQuote(a, platform)).join(' ');
}

/** Drops the `--name[=value]` arguments that Nx also gave as the executor's own options. */
export function forwardedArgs(unparsed: string[] | undefined, ownOptions: ReadonlySet<string>): string[] {
  const out: string[] = [];
  for (const arg of unparsed ?? []) {
    const match = /^--(?:no-)?([^=]+)/.exec(arg);
    if (match && ownOptions.has(match[1]!)) continue;
    out.push(arg);
  }
  return out;
}

/** The shell command lines to run, in order. Empty when nothing was given (the executor reports it). */
export function commandLines(options: CommandOptions, ownOptions: ReadonlySet<string>, platform: string = process.platform): string[] {
  const base: string[] = [];
  if (Array.isArray(options.command)) base.push(options.command.map((w) => shellQuote(w, platform)).join(' '));
  else if (typeof options.command === 'string' && options.command.trim() !== '') base.push(options.command.trim());
  for (const entry of options.commands ?? []) {
    const line = typeof entry === 'string' ? entry : entry.command;
    if (line.trim() !== '') base.push(line.trim());
  }
  const tail = [argsText(options.args, platform), argsText(forwardedArgs(options.__unparsed__, ownOptions), platform)]
    .filter((part) => part !== '')
    .join(' ');
  return base.map((line) => (tail ? `${line} ${tail}` : line));
}
