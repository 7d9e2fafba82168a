// `npm run bench` (through bench/run.sh): runs every benchmark section against the AWS emulator and writes
// bench/RESULTS.md. Options: --pkg DIR (the package whose dist/ is measured; run.sh builds one into bench/.work/pkg),
// --runs N (timed rounds per comparison, default 30), --only a,b (sections: cached, helper, fanout, scale, regions, nx),
// --out FILE (default bench/RESULTS.md).
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { startEmulator } from '../test/emulator/index.ts';
import { findExecutable } from '../test/harness/system.ts';
import { describeMachine, loadNow } from './lib/machine.ts';
import { BENCH_ECR_PASSWORD, type BenchContext, NODE_START_VARS, nodeEnvsOf, type SectionResult } from './lib/section.ts';
import { cachedPath } from './sections/cached-path.ts';
import { credentialHelper } from './sections/credential-helper.ts';
import { fanOut } from './sections/fan-out.ts';
import { nxRunMany } from './sections/nx.ts';
import { regions } from './sections/regions.ts';
import { scale } from './sections/scale.ts';

const { values } = parseArgs({
  options: {
    pkg: { type: 'string', default: '.' },
    runs: { type: 'string', default: '30' },
    only: { type: 'string' },
    out: { type: 'string', default: 'bench/RESULTS.md' },
  },
});
const only = values.only ? new Set(values.only.split(',')) : undefined;
const wanted = (name: string) => !only || only.has(name);

const started = Date.now();
const machine = describeMachine();
// A fixed ECR password lets the real registry (fan-out with docker login) accept every token the emulator issues.
const emulator = await startEmulator({ ecrPassword: () => BENCH_ECR_PASSWORD });
const ctx: BenchContext = {
  emulator,
  pkg: values.pkg,
  runs: Number(values.runs),
  nodeEnvs: nodeEnvsOf(process.env),
  log: (message) => process.stderr.write(`bench: ${message}\n`),
};

const sections: SectionResult[] = [];
const section = async (name: string, run: () => Promise<SectionResult>) => {
  if (!wanted(name)) return;
  ctx.log(`${name}...`);
  const t0 = Date.now();
  try {
    sections.push(await run());
  } catch (error) {
    sections.push({ title: name, lines: [`FAILED: ${(error as Error).stack ?? String(error)}`], headlines: [`${name}: FAILED`] });
  }
  ctx.log(`${name} done in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
};

try {
  await section('cached', () => cachedPath(ctx));
  await section('helper', () => credentialHelper(ctx, findExecutable(['docker-credential-ecr-login'])));
  await section('scale', () => scale(ctx));
  await section('fanout', () => fanOut(ctx));
  await section('regions', () => regions(ctx));
  await section('nx', () => nxRunMany(ctx));
} finally {
  await emulator.stop();
}

const report = [
  '# ecr-auth benchmarks',
  '',
  'Written by `npm run bench` (bench/run.sh); not part of the tests. Each timing is the median of interleaved rounds',
  '(every command once per round, after warm-ups) with the interquartile range; CPU = user + system time of the',
  'process, from bash `time` (getrusage), which a busy machine disturbs far less than wall time.',
  'AWS is the local emulator (test/emulator); nothing leaves the machine.',
  '',
  '## Machine',
  '',
  `- command: \`npm run bench${process.argv.length > 4 ? ` -- ${process.argv.slice(4).join(' ')}` : ''}\` (${ctx.runs} rounds per comparison)`,
  ...machine,
  `- the bench's own NODE_* variables: ${NODE_START_VARS.map((name) => `${name}=${process.env[name] ?? '(unset)'}`).join(', ')}`,
  `- environments of the cached comparisons (each given to every command of a table alike, the floor included): ${ctx.nodeEnvs.map((e) => e.name).join('; ')}`,
  `- load average at end: ${loadNow()}; whole run: ${((Date.now() - started) / 1000).toFixed(0)} s`,
  '',
  '## Headlines',
  '',
  ...sections.flatMap((s) => s.headlines.map((h) => `- ${h}`)),
  '',
  // in the numbering of the issue (Nx runs last: its workspaces are the slowest to measure)
  ...[...sections].sort((a, b) => a.title.localeCompare(b.title)).flatMap((s) => [`## ${s.title}`, '', ...s.lines, '']),
].join('\n');
await writeFile(values.out, report);
process.stdout.write(`${sections.flatMap((s) => s.headlines).join('\n')}\nwrote ${values.out}\n`);
