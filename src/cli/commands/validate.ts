// `ecr-auth validate`: checks the config and prints what it found (or every problem, with --json as data).
import { ConfigError } from '../../core/config/config-error.ts';
import { formatIssue } from '../../core/config/issues.ts';
import { formatError } from '../../core/errors.ts';
import type { CommandSpec, Runtime } from '../command.ts';
import { describeConfig, summaryRows } from '../describe.ts';
import type { ConfigSummary } from '../describe.ts';
import { renderTable } from '../output.ts';

function printSummary(summary: ConfigSummary, rt: Runtime): void {
  const { out } = rt;
  const rows = summaryRows(summary);
  out.line(`Config: ${summary.source ?? '(none)'}`);
  const section = (title: string, table: string[][]) => {
    out.line();
    out.line(`${title} (${table.length})`);
    if (table.length === 0) out.line('  (none)');
    for (const line of renderTable(table)) out.line(`  ${line}`);
  };
  section('Providers', rows.providers);
  section('Identities', rows.identities);
  section('Integrations', rows.integrations);
  if (summary.setAside.length > 0) section('Set aside', summary.setAside.map((e) => [`${e.section}.${e.name}`, e.kind, e.reason]));
  out.line();
  const several = summary.defaultIdentities ? `(several: ${summary.defaultIdentities.join(', ')}; a terminal asks which)` : undefined;
  out.line(`Default identity: ${summary.defaultIdentity ?? several ?? '(none: name one, or mark one default: true)'}`);
  out.line(`Settings: min_validity ${summary.settings.minValidity}, docker.mode ${summary.settings.docker.mode}`);
  if (summary.warnings.length > 0) {
    out.line();
    out.line(`Warnings (${summary.warnings.length})`);
    for (const warning of summary.warnings) out.line(`  ${warning}`);
  }
  out.line();
  out.line('✓ config is valid');
}

/** `validate`: exit 0 when the config is valid, 2 when it is not (or cannot be found). */
export const validateCommand: CommandSpec = {
  name: 'validate',
  summary: 'check the config and print what it found',
  usage: 'validate',
  details: ['Prints providers, identities with their chains, integrations with their registry hosts, the default identity, settings and warnings.'],
  options: {},
  positionals: { min: 0, max: 0 },
  async run(_input, rt) {
    try {
      const summary = describeConfig(await rt.context());
      if (rt.globals.json) rt.out.json(summary);
      else printSummary(summary, rt);
      return 0;
    } catch (error) {
      if (!(error instanceof ConfigError) || !rt.globals.json) throw error;
      rt.out.json({ valid: false, source: error.source ?? null, errors: error.issues, warnings: error.warnings.map(formatIssue) });
      rt.io.stderr.write(`${formatError(error, rt.globals.verbose)}\n`);
      return error.exitCode;
    }
  },
};
