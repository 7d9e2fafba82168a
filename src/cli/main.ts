#!/usr/bin/env node
// `ecr-auth`: finds the command, parses its flags, runs it, and maps what happens to an exit status and one
// paragraph on stderr. runCli is the whole program and runs in-process in tests; the bottom of the file runs it
// only when this file is the program, and sets process.exitCode (never process.exit: pending output is kept).
import module from 'node:module';
import process from 'node:process';
import { isMainModule } from './is-main.ts';
import { didYouMean } from '../core/config/closest.ts';
import type { CoreContext } from '../core/context.ts';
import { formatError, isEcrAuthError } from '../core/errors.ts';
import type { GlobalOptions } from './args.ts';
import { GLOBAL_OPTIONS, firstPositional, parseCommandArgs, usageError } from './args.ts';
import type { CommandSpec, ContextOptions, Runtime, SessionApi } from './command.ts';
import { COMMANDS } from './commands/index.ts';
import { cliContext } from './cli-context.ts';
import { commandHelp, mainHelp } from './help.ts';
import type { CliIo } from './io.ts';
import { processIo } from './io.ts';
import { createOutput } from './output.ts';
import { errorJson } from './registry-lines.ts';
import * as realSession from '../core/session.ts';
import { packageVersion } from './version.ts';

/** What tests may replace: the session API and the clock. */
export interface CliDeps {
  session?: SessionApi;
  now?: () => number;
}

function findCommand(name: string): CommandSpec {
  const command = COMMANDS.get(name);
  if (command) return command;
  throw usageError(`unknown command "${name}"${didYouMean(name, COMMANDS.keys(), '"')}`, 'run `ecr-auth --help` for the list of commands');
}

function runtime(io: CliIo, globals: GlobalOptions, deps: CliDeps): Runtime {
  const now = deps.now ?? Date.now;
  let context: Promise<CoreContext> | undefined;
  return {
    io,
    globals,
    session: deps.session ?? realSession,
    out: createOutput(io.stdout, io.stderr),
    now,
    context: (options: ContextOptions = {}) =>
      (context ??= cliContext(io, globals, options, now)),
  };
}

async function dispatch(argv: readonly string[], io: CliIo, deps: CliDeps, state: { globals?: GlobalOptions }): Promise<number> {
  const at = firstPositional(argv, GLOBAL_OPTIONS);
  const name = at && !at.terminator ? argv[at.index]! : undefined;
  if (name === undefined) {
    const { globals, options } = parseCommandArgs('', { ...GLOBAL_OPTIONS, version: { type: 'boolean', description: '' } }, argv);
    state.globals = globals;
    if (options.version === true) io.stdout.write(`${packageVersion()}\n`);
    else (globals.help ? io.stdout : io.stderr).write(mainHelp(COMMANDS.values(), packageVersion()));
    return options.version === true || globals.help ? 0 : 2;
  }
  const rest = [...argv.slice(0, at!.index), ...argv.slice(at!.index + 1)];
  if (name === 'help') {
    const { globals, positionals } = parseCommandArgs('help', GLOBAL_OPTIONS, rest);
    state.globals = globals;
    io.stdout.write(positionals[0] === undefined ? mainHelp(COMMANDS.values(), packageVersion()) : commandHelp(findCommand(positionals[0])));
    return 0;
  }
  const command = findCommand(name);
  const specs = { ...GLOBAL_OPTIONS, ...command.options };
  let head = rest;
  let tail: string[] = [];
  if (command.passThrough) {
    const split = firstPositional(rest, specs);
    const end = split === undefined ? rest.length : split.index - (split.terminator ? 1 : 0);
    head = rest.slice(0, end);
    tail = split === undefined ? [] : rest.slice(split.index);
  }
  const { globals, options, positionals } = parseCommandArgs(name, specs, head);
  state.globals = globals;
  if (globals.help) {
    io.stdout.write(commandHelp(command));
    return 0;
  }
  const { min, max } = command.positionals;
  if (positionals.length < min || positionals.length > max) {
    const problem = positionals.length > max ? `unexpected argument "${positionals[max]}"` : 'missing argument';
    throw usageError(`${problem} for \`ecr-auth ${name}\``, `usage: ecr-auth ${command.usage}`);
  }
  return command.run({ options, positionals, rest: tail }, runtime(io, globals, deps));
}

/** Runs the CLI with `argv` (without node and the script) and returns the exit status. Never throws. */
export async function runCli(argv: readonly string[], io: CliIo, deps: CliDeps = {}): Promise<number> {
  const state: { globals?: GlobalOptions } = {};
  try {
    return await dispatch(argv, io, deps, state);
  } catch (error) {
    const ours = argv.slice(0, argv.includes('--') ? argv.indexOf('--') : argv.length);
    const verbose = state.globals?.verbose ?? ours.includes('--verbose');
    const json = state.globals?.json ?? ours.includes('--json');
    io.stderr.write(`${formatError(error, verbose)}\n`);
    if (json) {
      const message = error instanceof Error ? error.message : String(error);
      const data = isEcrAuthError(error) ? errorJson(error) : { code: 'E_INTERNAL', message };
      io.stdout.write(`${JSON.stringify({ error: data }, null, 2)}\n`);
    }
    return isEcrAuthError(error) ? error.exitCode : 1;
  }
}

/** Runs the CLI as this process (the argv, streams and environment of the process), setting process.exitCode. */
export function runMain(argv: readonly string[] = process.argv.slice(2)): void {
  // Node >= 22.1 keeps compiled code on disk (no-op before): what a run imports later (the AWS SDK, zod) loads faster.
  (module as { enableCompileCache?: () => unknown }).enableCompileCache?.();
  const io = processIo();
  // The AWS SDK warns on every run under Node 20 (which this package supports); keep stderr to what matters.
  // Set after the snapshot in `io`, so `exec` children do not inherit it.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  void runCli(argv, io).then((code) => {
    process.exitCode = code;
  });
}

// No top-level await: Nx loads modules with require(), which refuses ES modules that use it.
// (The installed bin is the bundled src/cli/bin.ts, which answers cached runs itself and calls runMain otherwise.)
if (isMainModule(import.meta.url)) runMain();
