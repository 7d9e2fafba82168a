// 5. Scale: the cached `ecr-login` of one integration as the config grows to 1000 integrations, and as the Docker
// config grows to 1000 other entries.
import { type Command, compare, type Timing, timeOnce } from '../lib/measure.ts';
import { type BenchContext, bareNode, cliArgv, describeEnvironment, type SectionResult } from '../lib/section.ts';
import { type BenchWorkspace, makeWorkspace, manyRegistries, type WorkspaceOptions } from '../lib/workspace.ts';

const SIZES = [1, 10, 100, 1000];

/**
 * One comparison per size, each against the floor in that workspace's environment (the sizes live in different
 * homes, so they cannot share one environment; each ratio is still like for like).
 */
async function series(ctx: BenchContext, label: (n: number) => string, options: (n: number) => WorkspaceOptions) {
  const rows: Timing[] = [];
  let calls = 0;
  let environment = '';
  for (const n of SIZES) {
    const ws: BenchWorkspace = await makeWorkspace(ctx.emulator, { ...options(n), extraEnv: ctx.nodeEnvs[0]!.vars });
    try {
      await ws.seedSso();
      const command: Command = { label: label(n), argv: cliArgv(ctx, 'ecr-login', 'app-0/ecr'), env: ws.env, cwd: ws.dir };
      await timeOnce(command); // warm every cache
      ctx.emulator.resetCalls();
      const [floor, timing] = await compare([bareNode(ws.env), command], { runs: ctx.runs });
      calls += ctx.emulator.calls();
      rows.push({ ...floor!, label: `\`node -e 0\` (beside ${n})` }, timing!);
      environment = describeEnvironment(ws.env);
    } finally {
      await ws.cleanup();
    }
  }
  return { timings: rows, calls, environment };
}

/** Each size's ratio to the floor measured beside it. */
function pairTable(timings: Timing[]): string[] {
  const rows = [];
  for (let i = 0; i < timings.length; i += 2) {
    const [floor, t] = [timings[i]!, timings[i + 1]!];
    rows.push(`| ${t.label} | ${t.wall.median.toFixed(1)} (${t.wall.iqr.toFixed(1)}) | ${t.cpu.median.toFixed(1)} (${t.cpu.iqr.toFixed(1)}) | ${floor.wall.median.toFixed(1)} | ${(t.wall.median / floor.wall.median).toFixed(2)}x | ${(t.cpu.median / floor.cpu.median).toFixed(2)}x |`);
  }
  return ['| command | wall ms, median (IQR) | CPU ms, median (IQR) | `node -e 0` wall ms beside it | wall vs `node -e 0` | CPU vs `node -e 0` |', '|---|---:|---:|---:|---:|---:|', ...rows];
}

export async function scale(ctx: BenchContext): Promise<SectionResult> {
  const integrations = await series(ctx, (n) => `${n} integration${n > 1 ? 's' : ''} in the config`, (n) => ({ registries: manyRegistries(n) }));
  const docker = await series(ctx, (n) => `${n} other entr${n > 1 ? 'ies' : 'y'} in ~/.docker/config.json`, (n) => ({
    registries: manyRegistries(1),
    dockerEntries: n,
  }));
  const growth = (t: Timing[]) => `${(t.at(-1)!.cpu.median / t[1]!.cpu.median).toFixed(2)}x CPU`;
  return {
    title: '5. Scale: cached `ecr-login` of one integration',
    lines: [
      'Each row: `ecr-auth ecr-login app-0/ecr` with every cache warm, in a config of N integrations (distinct accounts,',
      'one region) or with N unrelated registries already in the Docker config. Each size is its own comparison with',
      '`node -e 0` in the same environment (the sizes live in different temporary homes).',
      '',
      integrations.environment,
      '',
      ...pairTable(integrations.timings),
      '',
      ...pairTable(docker.timings),
      '',
      `AWS calls during the timed runs: ${integrations.calls + docker.calls} (expected 0).`,
    ],
    headlines: [
      `scale: 1 -> 1000 integrations costs ${growth(integrations.timings)}; 1 -> 1000 Docker config entries ${growth(docker.timings)}`,
    ],
  };
}
