// Help text: the command list for `ecr-auth --help`, and one command's usage and flags for `ecr-auth help <cmd>`.
import type { OptionSpecs } from './args.ts';
import { GLOBAL_OPTIONS } from './args.ts';
import type { CommandSpec } from './command.ts';
import { renderTable } from './output.ts';

function optionRows(specs: OptionSpecs): string[][] {
  return Object.entries(specs).map(([name, spec]) => [
    `${spec.short ? `-${spec.short}, ` : '    '}--${name}${spec.value ? ` ${spec.value}` : ''}${spec.multiple ? '...' : ''}`,
    spec.description,
  ]);
}

const indent = (lines: string[]) => lines.map((line) => `  ${line}`);

/** `ecr-auth --help`. */
export function mainHelp(commands: Iterable<CommandSpec>, version: string): string {
  const list = [...commands].map((command) => [command.name, command.summary]);
  return [
    `ecr-auth ${version}: one config, one login, Docker logged in to every AWS ECR registry`,
    '',
    'Usage: ecr-auth <command> [options]',
    '',
    'Commands:',
    ...indent(renderTable(list)),
    '',
    'Options (every command):',
    ...indent(renderTable([...optionRows(GLOBAL_OPTIONS), ['    --version', 'print the version']])),
    '',
    'Run `ecr-auth help <command>` for its arguments. Exit status: 0 ok, 1 the job failed, 2 usage or config error.',
    '',
  ].join('\n');
}

/** `ecr-auth help <command>` and `ecr-auth <command> --help`. */
export function commandHelp(command: CommandSpec): string {
  const own = optionRows(command.options);
  return [
    `Usage: ecr-auth ${command.usage}`,
    '',
    `${command.summary[0]!.toUpperCase()}${command.summary.slice(1)}.`,
    ...(command.details ? ['', ...command.details] : []),
    ...(own.length > 0 ? ['', 'Options:', ...indent(renderTable(own))] : []),
    '',
    'Global options:',
    ...indent(renderTable(optionRows(GLOBAL_OPTIONS))),
    '',
  ].join('\n');
}
