// Argument parsing with node:util parseArgs: the global flags every command takes, the split between our
// flags and a child command (exec), and parse failures turned into usage errors with the closest flag.
import { parseArgs } from 'node:util';
import { didYouMean } from '../core/config/closest.ts';
import { EcrAuthError } from '../core/errors.ts';
import { hasControlCharacters, printableLine } from '../core/printable.ts';

/** One flag: its parseArgs type plus what help shows. */
export interface OptionSpec {
  type: 'string' | 'boolean';
  multiple?: boolean;
  short?: string;
  /** Placeholder shown in help: "--identity ID". */
  value?: string;
  description: string;
  /** A string flag that may also be given bare (`-i` with no value, as Atmos allows): its value is then "". */
  optionalValue?: boolean;
}

export type OptionSpecs = Record<string, OptionSpec>;

/** Flags every command accepts. */
export const GLOBAL_OPTIONS: OptionSpecs = {
  config: { type: 'string', value: 'PATH', description: 'config file (default: searched upwards from here; or ECR_AUTH_CONFIG)' },
  json: { type: 'boolean', description: 'machine-readable JSON on stdout, and nothing else there' },
  verbose: { type: 'boolean', description: 'more detail on stderr, and the stack with an error' },
  'no-browser': { type: 'boolean', description: 'never open a browser: print the sign-in URL and code instead' },
  'min-validity': { type: 'string', value: 'DURATION', description: 'reuse a cached credential only if valid this long (default 15m)' },
  'mfa-code': { type: 'string', value: 'CODE', description: 'the current code of the MFA device an identity needs (aws/user, aws/assume-role with mfa_arn)' },
  'saml-role': { type: 'string', value: 'ARN', description: 'the role to take from a SAML assertion, for aws/saml providers that name none' },
  help: { type: 'boolean', short: 'h', description: 'show help' },
};

/** The global flags, parsed. */
export interface GlobalOptions {
  config?: string;
  json: boolean;
  verbose: boolean;
  noBrowser: boolean;
  minValidity?: string;
  mfaCode?: string;
  samlRole?: string;
  help: boolean;
}

export type OptionValues = Record<string, string | boolean | string[] | undefined>;

/** A usage error (exit 2) with a one-line hint. */
export function usageError(message: string, hint: string): EcrAuthError {
  return new EcrAuthError('E_USAGE', message, { hint });
}

/** True when a flag consumes the next argument as its value (an optional value is never a flag or `--`). */
function takesNext(spec: OptionSpec | undefined, next: string | undefined): boolean {
  if (spec?.type !== 'string') return false;
  return !spec.optionalValue || (next !== undefined && !next.startsWith('-'));
}

/** Writes each bare flag with an optional value (`-i`, `--identity` followed by a flag, `--` or nothing) as `--name=`. */
export function bareOptionalValues(args: readonly string[], specs: OptionSpecs): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') return [...out, ...args.slice(i)];
    const name = arg.startsWith('--') ? arg.slice(2) : /^-[A-Za-z]$/.test(arg)
      ? Object.entries(specs).find(([, spec]) => spec.short === arg.slice(1))?.[0] : undefined;
    const spec = name === undefined ? undefined : specs[name];
    const next = args[i + 1];
    if (spec?.optionalValue && (next === undefined || next.startsWith('-'))) out.push(`--${name}=`);
    else out.push(arg);
  }
  return out;
}

/**
 * Where the first positional argument starts, skipping flags and the values of string flags; `--` ends the flags
 * and the positionals start after it. Undefined when there is none.
 */
export function firstPositional(args: readonly string[], specs: OptionSpecs): { index: number; terminator: boolean } | undefined {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') return i + 1 < args.length ? { index: i + 1, terminator: true } : undefined;
    if (arg.startsWith('--')) {
      if (!arg.includes('=') && takesNext(Object.hasOwn(specs, arg.slice(2)) ? specs[arg.slice(2)] : undefined, args[i + 1])) i++;
    } else if (/^-[A-Za-z]$/.test(arg)) {
      if (takesNext(Object.values(specs).find((spec) => spec.short === arg.slice(1)), args[i + 1])) i++;
    } else if (!arg.startsWith('-') || arg === '-') {
      return { index: i, terminator: false };
    }
  }
  return undefined;
}

function globalsOf(values: OptionValues): GlobalOptions {
  const text = (key: string) => (typeof values[key] === 'string' ? (values[key] as string) : undefined);
  const config = text('config');
  const minValidity = text('min-validity');
  const mfaCode = text('mfa-code');
  const samlRole = text('saml-role');
  return {
    ...(config === undefined ? {} : { config }),
    ...(minValidity === undefined ? {} : { minValidity }),
    ...(mfaCode === undefined ? {} : { mfaCode }),
    ...(samlRole === undefined ? {} : { samlRole }),
    json: values.json === true,
    verbose: values.verbose === true,
    noBrowser: values['no-browser'] === true,
    help: values.help === true,
  };
}

/** parseArgs' complaint about a flag's value, in our words. */
function valueProblem(message: string): string {
  const flag = /Option '(?:-\w, )?(--[^' ]+)/.exec(message)?.[1];
  if (flag === undefined) return message.split(/\.\s/)[0]!;
  if (message.includes('argument missing')) return `${flag} needs a value`;
  if (message.includes('does not take an argument')) return `${flag} takes no value`;
  if (message.includes('ambiguous')) return `${flag} needs a value (for one that starts with "-", write ${flag}=VALUE)`;
  return message.split(/\.\s/)[0]!;
}

/** Parses a command's arguments (global flags included); a bad flag is E_USAGE naming the closest one. */
export function parseCommandArgs(
  command: string,
  specs: OptionSpecs,
  args: readonly string[],
): { globals: GlobalOptions; options: OptionValues; positionals: string[] } {
  const options = Object.fromEntries(
    Object.entries(specs).map(([name, spec]) => [
      name,
      { type: spec.type, ...(spec.multiple ? { multiple: true } : {}), ...(spec.short ? { short: spec.short } : {}) },
    ]),
  );
  const where = command ? `ecr-auth ${command}` : 'ecr-auth';
  // names and paths on our side of `--` are data printed back in messages and tables: no control characters
  const odd = args.find(hasControlCharacters);
  if (odd !== undefined) {
    throw usageError(`the argument "${printableLine(odd)}" holds a control character (newline, escape...)`, 'names, hosts and paths are plain text: retype the argument');
  }
  try {
    const { values, positionals } = parseArgs({ args: bareOptionalValues(args, specs), options, strict: true, allowPositionals: true });
    return { globals: globalsOf(values as OptionValues), options: values as OptionValues, positionals };
  } catch (error) {
    const code = (error as { code?: string }).code;
    const message = (error as Error).message;
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      const flag = /'([^']+)'/.exec(message)?.[1] ?? message;
      const names = Object.keys(specs).map((name) => `--${name}`);
      throw usageError(`unknown option ${flag} for \`${where}\`${didYouMean(flag.split('=')[0]!, names, '')}`, `see \`${where} --help\``);
    }
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' || code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') {
      throw usageError(valueProblem(message), `see \`${where} --help\``);
    }
    throw error;
  }
}

/** A string flag's value(s) as a list (for `multiple` flags). */
export function list(values: OptionValues, name: string): string[] {
  const value = values[name];
  return Array.isArray(value) ? value : typeof value === 'string' ? [value] : [];
}

/** A string flag's value, or undefined. */
export function text(values: OptionValues, name: string): string | undefined {
  const value = values[name];
  return typeof value === 'string' ? value : undefined;
}
