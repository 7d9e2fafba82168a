// What a command is (its flags, arguments and body) and what it is given to run.
import type { CoreContext } from '../core/context.ts';
import type { GlobalOptions, OptionSpecs, OptionValues } from './args.ts';
import type { CliIo } from './io.ts';
import type { Output } from './output.ts';
import type * as session from '../core/session.ts';

/** The orchestration functions a command may call, exactly as src/core/session.ts types them (tests pass stand-ins). */
export type SessionApi = Pick<
  typeof session,
  | 'ensureIdentity'
  | 'ensureRegistries'
  | 'integrationEnvironment'
  | 'clientCredential'
  | 'getLoginPassword'
  | 'status'
  | 'logout'
  | 'identityEnvironment'
> &
  /** Optional so stand-ins written before these existed still fit; the CLI falls back to the real ones. */
  Partial<Pick<typeof session, 'whoami' | 'ensureProvider'>>;

export interface ContextOptions {
  /**
   * The command can work without a config file (ad-hoc `--registry` with the ambient chain, `logout --all`):
   * when the search finds none, an empty config is used. An explicit --config / ECR_AUTH_CONFIG must still exist.
   */
  configOptional?: boolean;
}

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
