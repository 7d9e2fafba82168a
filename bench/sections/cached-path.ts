// 1. The cached path: `ecr-auth ecr-login <integration>` when the SSO token, the role credentials, the ECR token
// and the Docker entry are all cached, against a bare Node start. Goal: at most 1.3x.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { compare, timeOnce } from '../lib/measure.ts';
import { type BenchContext, bareNode, cliArgv, ratios, type SectionResult, timingTable } from '../lib/section.ts';
import { makeWorkspace, manyRegistries } from '../lib/workspace.ts';

export async function cachedPath(ctx: BenchContext): Promise<SectionResult> {
  const ws = await makeWorkspace(ctx.emulator, { registries: manyRegistries(1) });
  try {
    await ws.seedSso();
    const run = (label: string, ...args: string[]) => ({ label, argv: cliArgv(ctx, ...args), env: ws.env, cwd: ws.dir });
    const login = run('`ecr-auth ecr-login app-0/ecr` (cached)', 'ecr-login', 'app-0/ecr');
    await timeOnce(login); // logs in: every cache is warm from here on
    ctx.emulator.resetCalls();
    // the floor of any ESM program: Node loading one empty module
    await writeFile(join(ws.dir, 'empty.mjs'), '');
    const emptyModule = { label: '`node empty.mjs`', argv: [process.execPath, join(ws.dir, 'empty.mjs')] };
    const timings = await compare([bareNode, emptyModule, run('`ecr-auth --version`', '--version'), login], { runs: ctx.runs });
    const calls = ctx.emulator.calls();
    const node = timings[0]!;
    const cached = timings.at(-1)!;
    const goal = cached.wall.median / node.wall.median <= 1.3 ? 'met' : 'not met';
    return {
      title: '1. Cached path: `ecr-auth ecr-login` vs bare Node',
      lines: [
        `Everything cached (SSO token, role credentials, ECR token, Docker entry). ${ctx.runs} interleaved rounds after 3 warm-ups.`,
        '',
        ...timingTable(timings),
        '',
        `AWS calls during the timed runs: ${calls} (expected 0). Goal <= 1.3x bare Node (wall): ${goal}.`,
      ],
      headlines: [`cached \`ecr-login\` vs \`node -e 0\`: ${ratios(cached, node)} (goal <= 1.3x: ${goal}); ${calls} AWS calls`],
    };
  } finally {
    await ws.cleanup();
  }
}
