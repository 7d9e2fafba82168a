// 3. Fan-out: 32 processes started together, each needing the same 3 registries in 2 regions, caches cold (only the
// SSO session exists, as after `aws sso login`). ecr-auth: each runs `ecr-auth ecr-login a b c`. The manual way:
// each runs, per registry, `aws ecr get-login-password --region R --endpoint-url URL | docker login --username AWS
// --password-stdin HOST` (with a real dockerd and registry when installed), or only the token part.
import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Emulator } from '../../test/emulator/index.ts';
import { findExecutable } from '../../test/harness/system.ts';
import { writeAwsCliSso, AWS_PROFILE_NAME } from '../lib/aws-cli-profile.ts';
import { startDockerStack } from '../lib/docker-stack.ts';
import { type FleetMember, runFleet } from '../lib/fleet.ts';
import { summarize } from '../lib/measure.ts';
import { BENCH_ECR_PASSWORD, type BenchContext, cliArgv, type SectionResult } from '../lib/section.ts';
import { type BenchRegistry, hostOf, makeWorkspace } from '../lib/workspace.ts';

const TASKS = 32;
const REGISTRIES: BenchRegistry[] = [
  { name: 'shop/ecr/east', account: '123456789012', region: 'us-east-2' },
  { name: 'shared/ecr/east', account: '210987654321', region: 'us-east-2' },
  { name: 'shop/ecr/west', account: '123456789012', region: 'us-west-2' },
];

interface Round {
  wallMs: number;
  calls: Record<string, number>;
}

function callsByOp(emulator: Emulator): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const call of emulator.callLog) counts[call.op] = (counts[call.op] ?? 0) + 1;
  return counts;
}

const showCalls = (calls: Record<string, number>) =>
  Object.entries(calls).sort().map(([op, n]) => `${op} ${n}`).join(', ') || 'none';

async function round(ctx: BenchContext, member: (env: Record<string, string>, dir: string) => FleetMember, setup?: (home: string) => Promise<void>, check?: (home: string) => Promise<void>): Promise<Round> {
  const ws = await makeWorkspace(ctx.emulator, { registries: REGISTRIES });
  try {
    await ws.seedSso();
    await setup?.(ws.home);
    ctx.emulator.resetCalls();
    const result = await runFleet(Array.from({ length: TASKS }, () => member(ws.env, ws.dir)));
    if (result.failures.length > 0) throw new Error(`${result.failures.length} of ${TASKS} tasks failed: ${result.failures[0]}`);
    await check?.(ws.home);
    return { wallMs: result.wallMs, calls: callsByOp(ctx.emulator) };
  } finally {
    await ws.cleanup();
  }
}

async function expectDockerAuths(home: string): Promise<void> {
  const config = JSON.parse(await readFile(join(home, '.docker', 'config.json'), 'utf8')) as { auths?: Record<string, unknown> };
  const missing = REGISTRIES.map(hostOf).filter((h) => !config.auths?.[h]);
  if (missing.length > 0) throw new Error(`Docker config lacks ${missing.join(', ')}`);
}

function awsVersion(): string {
  return execFileSync('aws', ['--version'], { encoding: 'utf8' }).trim().split(' ')[0] ?? 'aws';
}

/** The per-task shell script of the manual way. */
function manualScript(emulatorUrl: string, withDockerLogin: boolean): string {
  return REGISTRIES.map((r) => {
    const token = `aws ecr get-login-password --profile ${AWS_PROFILE_NAME} --region ${r.region} --endpoint-url ${emulatorUrl}`;
    return withDockerLogin ? `${token} | docker login --username AWS --password-stdin ${hostOf(r)} >/dev/null` : `${token} >/dev/null`;
  }).join(' && ');
}

function describeRounds(label: string, rounds: Round[]): string {
  const wall = summarize(rounds.map((r) => r.wallMs));
  return `| ${label} | ${rounds.length} | ${(wall.median / 1000).toFixed(2)} s (IQR ${(wall.iqr / 1000).toFixed(2)}) | ${showCalls(rounds[0]!.calls)} |`;
}

export async function fanOut(ctx: BenchContext): Promise<SectionResult> {
  const rows: string[] = [];
  const notes: string[] = [];
  const ours: Round[] = [];
  for (let i = 0; i < 3; i++) {
    ours.push(await round(ctx, (env, dir) => ({ argv: cliArgv(ctx, 'ecr-login', ...REGISTRIES.map((r) => r.name)), env, cwd: dir }), undefined, expectDockerAuths));
  }
  rows.push(describeRounds('`ecr-auth ecr-login` x3 registries', ours));
  const calls = ours[0]!.calls;
  const portal = (calls['sso:GetRoleCredentials'] ?? 0) + (calls['sso:ListAccounts'] ?? 0) + (calls['sso:ListAccountRoles'] ?? 0);
  const oidc = Object.entries(calls).filter(([op]) => op.startsWith('sso-oidc:')).reduce((n, [, c]) => n + c, 0);

  const bash = (script: string) => (env: Record<string, string>, dir: string): FleetMember => ({ argv: ['bash', '-c', script], env, cwd: dir });
  const manualSetup = (home: string) => writeAwsCliSso(ctx.emulator, home);
  const aws = findExecutable(['aws']);
  const tokens = aws ? await round(ctx, bash(manualScript(ctx.emulator.url, false)), manualSetup) : undefined;
  if (tokens) rows.push(describeRounds(`manual, token only: \`aws ecr get-login-password\` x3 (${awsVersion()})`, [tokens]));
  else notes.push('The manual way was not measured: no `aws` on PATH (Debian: awscli).');

  const stack = aws ? await startDockerStack(REGISTRIES.map(hostOf), BENCH_ECR_PASSWORD) : 'no aws CLI';
  if (typeof stack === 'string') {
    notes.push(`The manual way with \`docker login\` was not measured: ${stack}. Its token part is the row above.`);
  } else {
    try {
      const withDocker = (env: Record<string, string>, dir: string) => bash(manualScript(ctx.emulator.url, true))({ ...env, DOCKER_HOST: stack.dockerHost }, dir);
      rows.push(describeRounds('manual: `aws ecr get-login-password \\| docker login` x3', [await round(ctx, withDocker, manualSetup, expectDockerAuths)]));
      notes.push('`docker login` ran against a private dockerd that reaches a real Distribution registry under the ECR host names (through a loopback forward proxy); it checks the password with the registry, which ecr-auth does not do (it writes the Docker config directly).');
    } finally {
      await stack.stop();
    }
  }
  const manualCalls = tokens?.calls ?? {};
  const wall = (r: Round[]) => summarize(r.map((x) => x.wallMs)).median;
  return {
    title: `3. Fan-out: ${TASKS} processes at once, 3 registries in 2 regions, cold caches`,
    lines: [
      `Registries: ${REGISTRIES.map((r) => `${hostOf(r)}`).join(', ')}. The SSO session is cached (as after \`aws sso login\`);`,
      'nothing else is. AWS calls are counted by the emulator; wall time runs from the first start to the last exit.',
      '',
      '| way | rounds | wall, median | AWS calls (first round) |',
      '|---|---:|---:|---|',
      ...rows,
      '',
      `ecr-auth: ${portal} SSO portal call(s) (uses of the SSO token: GetRoleCredentials ${calls['sso:GetRoleCredentials'] ?? 0}, ListAccounts ${calls['sso:ListAccounts'] ?? 0}), ` +
        `${calls['sso:GetRoleCredentials'] ?? 0} role-credential call(s), ${calls['ecr:GetAuthorizationToken'] ?? 0} ECR call(s), ${oidc} SSO OIDC call(s), for ${TASKS} tasks. ` +
        'Goal: 1 role-credential call and 2 ECR calls (one per region) regardless of the task count. ' +
        'ListAccounts resolves the account *name* `dev` of the config once (an account id in the config skips it).',
      `Manual way: ${manualCalls['sso:GetRoleCredentials'] ?? 0} role-credential calls and ${manualCalls['ecr:GetAuthorizationToken'] ?? 0} ECR calls.`,
      ...notes.map((n) => `\n${n}`),
    ],
    headlines: [
      `fan-out (${TASKS} tasks x 3 registries, 2 regions, cold): ecr-auth ${(wall(ours) / 1000).toFixed(2)} s with ` +
        `${calls['sso:GetRoleCredentials'] ?? 0} role-credential + ${calls['ecr:GetAuthorizationToken'] ?? 0} ECR calls; ` +
        (tokens
          ? `manual token part ${(tokens.wallMs / 1000).toFixed(2)} s with ${manualCalls['sso:GetRoleCredentials'] ?? 0} + ${manualCalls['ecr:GetAuthorizationToken'] ?? 0}`
          : 'manual way not measured (no aws CLI)'),
    ],
  };
}
