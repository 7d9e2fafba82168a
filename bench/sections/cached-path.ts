// 1. The cached path: `ecr-auth ecr-login <integration>`, `login` and `get-login-password` when the SSO token, the
// role credentials, the ECR token and the Docker entry are all cached, and `--version` / `--help`, against a bare
// Node start. Every command of a table runs with one environment, the floor included; the table is measured once per
// environment of ctx.nodeEnvs (without any NODE_* variable, and as the bench was started when that sets one).
// Goals: at most 1.3x `node -e 0` for the cached commands, under 1.1x for --version and --help.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type Command, compare, type Timing, timeOnce } from '../lib/measure.ts';
import {
  type BenchContext,
  bareNode,
  cliArgv,
  describeEnvironment,
  fullCliArgv,
  type NodeEnv,
  type SectionResult,
  timingTable,
} from '../lib/section.ts';
import { makeWorkspace, manyRegistries } from '../lib/workspace.ts';

const CACHED_GOAL = 1.3;
const META_GOAL = 1.1;

interface Table {
  env: NodeEnv;
  environment: string;
  timings: Timing[];
  calls: number;
}

async function measure(ctx: BenchContext, nodeEnv: NodeEnv): Promise<Table> {
  const ws = await makeWorkspace(ctx.emulator, { registries: manyRegistries(1), extraEnv: nodeEnv.vars });
  try {
    await ws.seedSso();
    const run = (label: string, argv: string[]): Command => ({ label, argv, env: ws.env, cwd: ws.dir });
    await timeOnce(run('login', cliArgv(ctx, 'ecr-login', 'app-0/ecr'))); // logs in: every cache is warm from here on
    ctx.emulator.resetCalls();
    // the floor of any ES module program: Node loading one empty module
    await writeFile(join(ws.dir, 'empty.mjs'), '');
    const commands: Command[] = [
      bareNode(ws.env),
      run('`node empty.mjs`', [process.execPath, join(ws.dir, 'empty.mjs')]),
      run('`ecr-auth --version`', cliArgv(ctx, '--version')),
      run('`ecr-auth --help`', cliArgv(ctx, '--help')),
      run('`ecr-auth ecr-login app-0/ecr` (cached)', cliArgv(ctx, 'ecr-login', 'app-0/ecr')),
      run('`ecr-auth login` (cached)', cliArgv(ctx, 'login')),
      run('`ecr-auth get-login-password app-0/ecr` (cached)', cliArgv(ctx, 'get-login-password', 'app-0/ecr')),
      run('the full CLI, unbundled: `node dist/cli/main.js ecr-login app-0/ecr` (cached)', fullCliArgv(ctx, 'ecr-login', 'app-0/ecr')),
      run('the full CLI, unbundled: `node dist/cli/main.js --version`', fullCliArgv(ctx, '--version')),
    ];
    const timings = await compare(commands, { runs: ctx.runs });
    return { env: nodeEnv, environment: describeEnvironment(ws.env), timings, calls: ctx.emulator.calls() };
  } finally {
    await ws.cleanup();
  }
}

const ratio = (t: Timing, floor: Timing) => t.wall.median / floor.wall.median;
const cpuRatio = (t: Timing, floor: Timing) => t.cpu.median / floor.cpu.median;

function verdicts(table: Table): string[] {
  const [floor, , version, help, ...rest] = table.timings;
  const cached = rest.slice(0, 3);
  const met = (t: Timing, goal: number) => (ratio(t, floor!) <= goal ? 'met' : 'not met');
  return [
    ...[version!, help!].map((t) => `${t.label}: ${ratio(t, floor!).toFixed(2)}x wall, ${cpuRatio(t, floor!).toFixed(2)}x CPU (goal < ${META_GOAL}x: ${met(t, META_GOAL)})`),
    ...cached.map((t) => `${t.label}: ${ratio(t, floor!).toFixed(2)}x wall, ${cpuRatio(t, floor!).toFixed(2)}x CPU (goal <= ${CACHED_GOAL}x: ${met(t, CACHED_GOAL)})`),
  ];
}

export async function cachedPath(ctx: BenchContext): Promise<SectionResult> {
  const tables: Table[] = [];
  for (const nodeEnv of ctx.nodeEnvs) tables.push(await measure(ctx, nodeEnv));
  const lines: string[] = [
    `Everything cached (SSO token, role credentials, ECR token, Docker entry). ${ctx.runs} interleaved rounds after 3 warm-ups;`,
    'every command of a table runs with exactly the same environment (bench/lib/measure.ts refuses a comparison otherwise).',
    '`ecr-auth` is the installed bin (dist/cli/ecr-auth.cjs, bundled: it answers --version, --help and cached runs itself and',
    'loads the full CLI only when the caches cannot answer); the last rows run the full CLI directly, as the bin did before.',
  ];
  for (const table of tables) {
    lines.push('', `### Environment: ${table.env.name}`, '', table.environment, '', ...timingTable(table.timings), '');
    lines.push(...verdicts(table).map((v) => `- ${v}`), `- AWS calls during the timed runs: ${table.calls} (expected 0).`);
  }
  const plain = tables[0]!;
  const [floor, , version, , ecrLogin, login, password] = plain.timings;
  const short = (t: Timing) => `${ratio(t, floor!).toFixed(2)}x`;
  return {
    title: '1. Cached path: `ecr-auth` vs bare Node, same environment',
    lines,
    headlines: [
      `cached path vs \`node -e 0\` (same environment, ${plain.env.name}), wall: ecr-login ${short(ecrLogin!)}, login ${short(login!)}, ` +
        `get-login-password ${short(password!)}, --version ${short(version!)} (goals <= ${CACHED_GOAL}x, < ${META_GOAL}x); ` +
        `CPU: ecr-login ${cpuRatio(ecrLogin!, floor!).toFixed(2)}x; ${tables.reduce((n, t) => n + t.calls, 0)} AWS calls`,
      ...tables.slice(1).map((t) => `the same with ${t.env.name}: ecr-login ${ratio(t.timings[4]!, t.timings[0]!).toFixed(2)}x, --version ${ratio(t.timings[2]!, t.timings[0]!).toFixed(2)}x wall`),
    ],
  };
}
