// 2. The Docker credential helper answering a cached host: `docker-credential-ecr-auth get` against
// amazon-ecr-credential-helper's `docker-credential-ecr-login get` (its file cache pre-seeded, static keys from the
// emulator's ambient IAM user), and a bare Node start.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { seedEcrLoginCache } from '../lib/ecr-login-cache.ts';
import { type Command, compare, timeOnce } from '../lib/measure.ts';
import { type BenchContext, bareNode, cliArgv, describeEnvironment, helperArgv, ratios, type SectionResult, timingTable } from '../lib/section.ts';
import { hostOf, makeWorkspace } from '../lib/workspace.ts';

const REGISTRY = { name: 'dev/ecr', account: '123456789012', region: 'us-east-2' };

/** "Debian 0.6.0-1+b2, prints 0.6.4": the package version and what the binary says. */
function helperVersion(binary: string): string {
  const run = (argv: string[]) => {
    try {
      return execFileSync(argv[0]!, argv.slice(1), { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    } catch {
      return '';
    }
  };
  const deb = run(['dpkg-query', '-W', '-f=${Version}', 'amazon-ecr-credential-helper']);
  return `${deb ? `Debian ${deb}, ` : ''}version ${run([binary, 'version']) || 'unknown'}`;
}

async function expectSecret(command: Command, password: string): Promise<void> {
  const { stdout } = await timeOnce(command);
  if ((JSON.parse(stdout) as { Secret?: string }).Secret !== password) throw new Error(`${command.label} did not answer the cached password`);
}

export async function credentialHelper(ctx: BenchContext, ecrLoginBinary: string | undefined): Promise<SectionResult> {
  // One environment for all three commands (the floor included): the Go helper needs static keys, so everyone gets them.
  const keys = { AWS_ACCESS_KEY_ID: ctx.emulator.ambient.accessKeyId, AWS_SECRET_ACCESS_KEY: ctx.emulator.ambient.secretAccessKey };
  const plain = ctx.nodeEnvs[0]!;
  const ws = await makeWorkspace(ctx.emulator, { registries: [REGISTRY], dockerMode: 'helper', extraEnv: { ...plain.vars, ...keys } });
  try {
    await ws.seedSso();
    await timeOnce({ label: 'login', argv: cliArgv(ctx, 'ecr-login', REGISTRY.name), env: ws.env, cwd: ws.dir });
    const issued = ctx.emulator.ecrPasswords().at(-1)!;
    const host = hostOf(REGISTRY);
    const ours: Command = { label: '`docker-credential-ecr-auth get`', argv: helperArgv(ctx, 'get'), env: ws.env, cwd: ws.dir, stdin: `${host}\n` };
    const commands: Command[] = [bareNode(ws.env), ours];
    if (ecrLoginBinary) {
      const now = Date.now();
      await seedEcrLoginCache(join(ws.home, '.ecr'), {
        accessKeyId: ctx.emulator.ambient.accessKeyId,
        region: REGISTRY.region,
        registryId: REGISTRY.account,
        username: 'AWS',
        password: issued.password,
        requestedAt: now,
        expiresAt: now + 12 * 3_600_000,
      });
      commands.push({ label: `\`docker-credential-ecr-login get\` (${helperVersion(ecrLoginBinary)})`, argv: [ecrLoginBinary, 'get'], env: ws.env, cwd: ws.dir, stdin: `${host}\n` });
    }
    ctx.emulator.resetCalls();
    for (const command of commands.slice(1)) await expectSecret(command, issued.password);
    const timings = await compare(commands, { runs: ctx.runs });
    const calls = ctx.emulator.calls();
    const [node, mine, theirs] = timings;
    const goal = mine!.wall.median / node!.wall.median <= 1.2 ? 'met' : 'not met';
    return {
      title: '2. Credential helper: `get` for a cached host',
      lines: [
        `Host ${host}; both helpers answer from their own cache (checked: the same password, ${calls} AWS calls).`,
        ecrLoginBinary
          ? "amazon-ecr-credential-helper's cache was pre-seeded in its own format (~/.ecr/cache.json, keyed by region, access key id and registry id); it needs static keys (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY), so every command here, the floor included, got them."
          : 'docker-credential-ecr-login is not installed here (Debian: amazon-ecr-credential-helper): only ecr-auth was measured.',
        '',
        describeEnvironment(ws.env),
        '',
        ...timingTable(timings),
        '',
        `Goal for ours: <= 1.2x \`node -e 0\` (wall): ${goal}.`,
      ],
      headlines: [
        `credential helper \`get\` (cached) vs \`node -e 0\` (same environment): ${ratios(mine!, node!)} (goal <= 1.2x: ${goal})` +
          (theirs ? `; docker-credential-ecr-login (Go, no runtime to start) answers in ${theirs.wall.median.toFixed(1)} ms wall vs ours ${mine!.wall.median.toFixed(1)} ms` : ''),
      ],
    };
  } finally {
    await ws.cleanup();
  }
}
