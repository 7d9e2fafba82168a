// 4. Nx: `nx run-many -t docker-push` over 20 projects with every ecr-auth cache warm, with and without the auth
// dependency. Workspaces built by hand: each project's docker-push runs a cheap command (`node -e 0`, the harshest
// case for a relative overhead) or a real `docker push` (when dockerd and the registry are installed), and in the
// "with" workspaces dependsOn one root `ecr-login` target (cache: false, as `nx g ecr-auth:init` wires it): either
// `nx:run-commands` running the CLI, or the package's own executor. Nx is the one in this repository's
// node_modules; the workspaces live under bench/.work so that Node resolves it from there.
import { rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { type Command, compare, type Timing, timeOnce } from '../lib/measure.ts';
import { dockerCli } from '../../test/harness/docker-cli.ts';
import { startDockerStack } from '../lib/docker-stack.ts';
import { type AuthWiring, PROJECTS, writeNxWorkspace } from '../lib/nx-workspace.ts';
import { BENCH_ECR_PASSWORD, type BenchContext, cliArgv, type SectionResult, timingTable } from '../lib/section.ts';
import { hostOf, makeWorkspace, manyRegistries } from '../lib/workspace.ts';

const NX = resolve('node_modules/.bin/nx');

interface Variant {
  wiring: AuthWiring;
  label: string;
}

/** Builds one workspace per variant, checks each runs, then times them side by side. */
async function measure(ctx: BenchContext, name: string, variants: Variant[], login: readonly string[], push: (i: number) => string, env: Record<string, string>, runs: number): Promise<Timing[]> {
  const commands: Command[] = [];
  for (const { wiring, label } of variants) {
    const root = join(resolve('bench/.work/nx'), `${name}-${wiring}`);
    await writeNxWorkspace(root, resolve(ctx.pkg), wiring, login, push);
    const command: Command = { label, argv: [NX, 'run-many', '-t', 'docker-push', '--outputStyle=static'], env, cwd: root };
    const plain = (await timeOnce(command)).stdout.replace(/\x1b\[[0-9;]*m/g, '');
    const expected = `Successfully ran target docker-push for ${PROJECTS} projects${wiring === 'none' ? '' : ' and 1 task'}`;
    if (!plain.includes(expected)) throw new Error(`${name} ${wiring}: unexpected nx output:\n${plain.slice(-1500)}`);
    commands.push(command);
  }
  return compare(commands, { runs, warmup: 1 });
}

/** "+129 ms (+11.0%)" against the first timing. */
function added(t: Timing, none: Timing): string {
  const ms = t.wall.median - none.wall.median;
  return `${ms >= 0 ? '+' : ''}${ms.toFixed(0)} ms (${ms >= 0 ? '+' : ''}${((ms / none.wall.median) * 100).toFixed(1)}%)`;
}

/** "+129 ms (+6.4%)" of CPU time against the first timing. */
function addedCpu(t: Timing, none: Timing): string {
  const ms = t.cpu.median - none.cpu.median;
  return `${ms >= 0 ? '+' : ''}${ms.toFixed(0)} ms (${ms >= 0 ? '+' : ''}${((ms / none.cpu.median) * 100).toFixed(1)}%)`;
}

const goal = (t: Timing, none: Timing) => (t.wall.median / none.wall.median - 1 < 0.05 ? 'met' : 'not met');

export async function nxRunMany(ctx: BenchContext): Promise<SectionResult> {
  const registry = manyRegistries(1)[0]!;
  const ws = await makeWorkspace(ctx.emulator, { registries: [registry] });
  const base = resolve('bench/.work/nx');
  try {
    await ws.seedSso();
    const login = cliArgv(ctx, 'ecr-login', '--config', join(ws.dir, 'ecr-auth.config.yaml'), registry.name);
    await timeOnce({ label: 'login', argv: login, env: ws.env, cwd: ws.dir });
    const env = {
      ...ws.env,
      ECR_AUTH_CONFIG: join(ws.dir, 'ecr-auth.config.yaml'),
      NX_DAEMON: 'false',
      NX_NO_CLOUD: 'true',
      NX_TUI: 'false',
      NX_SKIP_NX_CACHE: 'true',
      FORCE_COLOR: '0',
    };
    ctx.emulator.resetCalls();
    const runs = Math.max(8, Math.round(ctx.runs / 2));
    const cheap = await measure(ctx, 'cheap', [
      { wiring: 'none', label: `\`nx run-many -t docker-push\` (\`node -e 0\`), no auth dependency` },
      { wiring: 'run-commands', label: 'the same, dependsOn `ecr-login` = `nx:run-commands` running `ecr-auth ecr-login`' },
      { wiring: 'executor', label: 'the same, dependsOn `ecr-login` = the `ecr-auth:ecr-login` executor' },
      { wiring: 'noop-executor', label: 'the same, dependsOn a target whose executor does nothing (`bench-noop:noop`, CommonJS)' },
    ], login, () => `'${process.execPath}' -e 0`, env, runs);
    const [none, shell, executor, noop] = cheap as [Timing, Timing, Timing, Timing];
    const lines = [
      `Nx ${await nxVersion(env)}, daemon off, Nx cache off for these targets, every ecr-auth cache warm. The auth variants`,
      `add one \`ecr-login\` task that all ${PROJECTS} pushes depend on (\`dependsOn: [{ target: "ecr-login", projects: ["auth"] }]\`).`,
      '',
      `docker-push = \`node -e 0\` (the harshest case for a relative overhead); ${runs} interleaved rounds after 1 warm-up:`,
      '',
      ...timingTable(cheap),
      '',
      `Added wall time: ${added(shell, none)} with \`nx:run-commands\` (goal < 5%: ${goal(shell, none)}), ${added(executor, none)} with the executor ` +
        `(${goal(executor, none)}). The login task sits on the critical path: no push starts before it ends, so it adds its own`,
      'duration, a constant that does not grow with the number of projects. Nx runs `nx:run-commands` tasks directly from its',
      'orchestrator but forks a worker process for any other executor (NX_RUN_COMMANDS_DIRECTLY in task-orchestrator.js):',
      'that fork is why the `ecr-auth:ecr-login` executor costs more than the shell step.',
      `Added CPU time (steadier than wall time on a busy machine): ${addedCpu(shell, none)} with \`nx:run-commands\`, ${addedCpu(executor, none)} with the executor.`,
      '',
      'Where the login task\'s time goes. As `nx:run-commands`, Nx spawns a shell running the `ecr-auth` bin, which answers',
      'a warm cache by itself (section 1): that process is all we add. Any other executor runs in a worker process Nx forks',
      `(a Node start plus Nx's worker bootstrap): the do-nothing executor measures that part alone, ${added(noop, none)} wall /`,
      `${addedCpu(noop, none)} CPU. The rest of the \`ecr-auth:ecr-login\` row, ${added(executor, noop)} wall / ${addedCpu(executor, noop)} CPU`,
      'over the do-nothing executor, is ours: the executor module and the unbundled core it imports (the session, the config',
      'loader and memo, the Docker writer: ES modules, not the bundled cached answer), then the same cached reads.',
    ];
    const headlines = [
      `Nx run-many (${PROJECTS} projects, push = \`node -e 0\`): auth dependency adds ${added(shell, none)} / CPU ${addedCpu(shell, none)} as \`nx:run-commands\`, ` +
        `${added(executor, none)} / CPU ${addedCpu(executor, none)} as the \`ecr-auth:ecr-login\` executor (goal < 5% wall: ${goal(shell, none)} / ${goal(executor, none)}); ` +
        `of the executor's, Nx's worker for any executor ${added(noop, none)}, ours ${added(executor, noop)}`,
    ];

    const stack = await startDockerStack([hostOf(registry)], BENCH_ECR_PASSWORD);
    if (typeof stack === 'string') {
      lines.push('', `Real pushes were not measured: ${stack}.`);
    } else {
      try {
        const docker = dockerCli({ dockerHost: stack.dockerHost, dockerConfig: ws.env.DOCKER_CONFIG! });
        const ref = (i: number) => `${hostOf(registry)}/bench/app-${i}:1`;
        const made = await docker.createImage(ref(0));
        if (made.exitCode !== 0) throw new Error(`docker import failed: ${made.stderr}`);
        for (let i = 1; i < PROJECTS; i++) await docker.tag(ref(0), ref(i));
        const pushEnv = { ...env, DOCKER_HOST: stack.dockerHost };
        const pushRuns = Math.max(4, Math.round(ctx.runs / 6));
        const real = await measure(ctx, 'push', [
          { wiring: 'none', label: `\`nx run-many -t docker-push\` (real \`docker push\`), no auth dependency` },
          { wiring: 'run-commands', label: 'the same, dependsOn `ecr-login` = `nx:run-commands` running `ecr-auth ecr-login`' },
          { wiring: 'executor', label: 'the same, dependsOn `ecr-login` = the `ecr-auth:ecr-login` executor' },
        ], login, (i) => `docker push -q ${ref(i)}`, pushEnv, pushRuns);
        const [rNone, rShell, rExecutor] = real as [Timing, Timing, Timing];
        lines.push(
          '',
          `docker-push = a real \`docker push\` of a one-layer image to a local Distribution registry under the ECR host name`,
          `(private dockerd, loopback forward proxy; the layer already exists after the first round, so each push is a few`,
          `registry round trips); ${pushRuns} interleaved rounds after 1 warm-up:`,
          '',
          ...timingTable(real),
          '',
          `Added wall time: ${added(rShell, rNone)} with \`nx:run-commands\` (goal < 5%: ${goal(rShell, rNone)}), ${added(rExecutor, rNone)} with the executor (${goal(rExecutor, rNone)}).`,
        );
        headlines.push(
          `Nx run-many (${PROJECTS} real \`docker push\`es): auth dependency adds ${added(rShell, rNone)} as \`nx:run-commands\`, ` +
            `${added(rExecutor, rNone)} as the executor (goal < 5%: ${goal(rShell, rNone)} / ${goal(rExecutor, rNone)})`,
        );
      } finally {
        await stack.stop();
      }
    }
    lines.push('', `AWS calls during the timed runs: ${ctx.emulator.calls()}.`);
    return { title: `4. Nx: run-many over ${PROJECTS} projects, warm caches`, lines, headlines };
  } finally {
    if (process.env.BENCH_KEEP !== '1') {
      await ws.cleanup();
      await rm(base, { recursive: true, force: true });
    }
  }
}

async function nxVersion(env: Record<string, string>): Promise<string> {
  const { stdout } = await timeOnce({ label: 'nx --version', argv: [NX, '--version'], env, cwd: resolve('.') }).catch(() => ({ stdout: 'unknown' }));
  return stdout.match(/\d+\.\d+\.\d+/)?.[0] ?? stdout.trim();
}
