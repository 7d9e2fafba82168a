// 5. Scale: the cached `ecr-login` of one integration as the config grows to 1000 integrations, and as the Docker
// config grows to 1000 other entries.
import { type Command, compare, timeOnce } from '../lib/measure.ts';
import { type BenchContext, bareNode, cliArgv, type SectionResult, timingTable } from '../lib/section.ts';
import { type BenchWorkspace, makeWorkspace, manyRegistries, type WorkspaceOptions } from '../lib/workspace.ts';

const SIZES = [1, 10, 100, 1000];

async function series(ctx: BenchContext, label: (n: number) => string, options: (n: number) => WorkspaceOptions) {
  const workspaces: BenchWorkspace[] = [];
  try {
    const commands: Command[] = [bareNode];
    for (const n of SIZES) {
      const ws = await makeWorkspace(ctx.emulator, options(n));
      workspaces.push(ws);
      await ws.seedSso();
      const command = { label: label(n), argv: cliArgv(ctx, 'ecr-login', 'app-0/ecr'), env: ws.env, cwd: ws.dir };
      await timeOnce(command); // warm every cache
      commands.push(command);
    }
    ctx.emulator.resetCalls();
    const timings = await compare(commands, { runs: ctx.runs });
    return { timings, calls: ctx.emulator.calls() };
  } finally {
    await Promise.all(workspaces.map((ws) => ws.cleanup()));
  }
}

export async function scale(ctx: BenchContext): Promise<SectionResult> {
  const integrations = await series(ctx, (n) => `${n} integration${n > 1 ? 's' : ''} in the config`, (n) => ({ registries: manyRegistries(n) }));
  const docker = await series(ctx, (n) => `${n} other entr${n > 1 ? 'ies' : 'y'} in ~/.docker/config.json`, (n) => ({
    registries: manyRegistries(1),
    dockerEntries: n,
  }));
  const growth = (t: typeof integrations.timings) => `${(t.at(-1)!.cpu.median / t[1]!.cpu.median).toFixed(2)}x CPU`;
  return {
    title: '5. Scale: cached `ecr-login` of one integration',
    lines: [
      'Each row: `ecr-auth ecr-login app-0/ecr` with every cache warm, in a config of N integrations (distinct accounts,',
      'one region) or with N unrelated registries already in the Docker config.',
      '',
      ...timingTable(integrations.timings),
      '',
      ...timingTable(docker.timings),
      '',
      `AWS calls during the timed runs: ${integrations.calls + docker.calls} (expected 0).`,
    ],
    headlines: [
      `scale: 1 -> 1000 integrations costs ${growth(integrations.timings)}; 1 -> 1000 Docker config entries ${growth(docker.timings)}`,
    ],
  };
}
