// What a command is (its flags, arguments and body) and what it is given to run.
import type { CoreContext } from '../core/context.ts';
import type { GlobalOptions, OptionSpecs, OptionValues } from './args.ts';
import type { ContextOptions } from './context.ts';
import type { CliIo } from './io.ts';
import type { Output } from './output.ts';
import type { SessionApi } from './services.ts';

/** The parsed input of one command run. */
export interface CommandInput {
  options: OptionValues;
  positionals: string[];
  /** exec only: the child command and its arguments, untouched. */
  rest: string[];
}

/** Everything a command body may use. */
export interface Runtime {
  io: CliIo;
  globals: GlobalOptions;
  session: SessionApi;
  out: Output;
  now(): number;
  /** Loads the config and builds the CoreContext (once per run). */
  context(options?: ContextOptions): Promise<CoreContext>;
}

/** One CLI command. */
export interface CommandSpec {
  name: string;
  /** One line for the command list. */
  summary: string;
  /** Usage after "ecr-auth ", e.g. "login [IDENTITY]". */
  usage: string;
  /** Extra help paragraphs. */
  details?: string[];
  options: OptionSpecs;
  positionals: { min: number; max: number };
  /** Everything from the first positional (or after `--`) is a child command, not ours to parse (exec). */
  passThrough?: boolean;
  run(input: CommandInput, rt: Runtime): Promise<number>;
}
