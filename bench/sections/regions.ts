// 6. Cold logins to several regions, and memory. Every AWS operation answers LATENCY_MS late (the emulator's `slow`
// fault), as a far region does. ecr-auth logs in to one, then three registries in three regions and accounts (only
// the SSO session cached, as after `aws sso login`; the validated config stays remembered), against the AWS CLI's
// `aws ecr get-login-password` for one region and for the three in turn. Then the peak RSS (GNU time) of the cached
// paths and of the cold three-region login, beside the Go helper's (amazon-ecr-credential-helper).
import { existsSync } from 'node:fs';
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { OpName } from '../../test/emulator/index.ts';
import { findExecutable } from '../../test/harness/system.ts';
import { AWS_PROFILE_NAME, writeAwsCliSso } from '../lib/aws-cli-profile.ts';
import { seedEcrLoginCache } from '../lib/ecr-login-cache.ts';
import { type Command, compare, GNU_TIME, peakRss, timeOnce } from '../lib/measure.ts';
import { type BenchContext, bareNode, cliArgv, describeEnvironment, helperArgv, type SectionResult, timingTable } from '../lib/section.ts';
import { type BenchRegistry, hostOf, makeWorkspace } from '../lib/workspace.ts';

const LATENCY_MS = 300;
const SLOW_OPS: OpName[] = ['ecr:GetAuthorizationToken', 'sso:GetRoleCredentials', 'sso:ListAccounts', 'sso:ListAccountRoles'];
const REGISTRIES: BenchRegistry[] = [
  { name: 'east/ecr', account: '123456789012', region: 'us-east-2' },
  { name: 'west/ecr', account: '210987654321', region: 'us-west-2' },
  { name: 'eu/ecr', account: '123456789012', region: 'eu-west-1' },
];

const mib = (kib: number) => `${(kib / 1024).toFixed(1)} MiB`;

export async function regions(ctx: BenchContext): Promise<SectionResult> {
  const plain = ctx.nodeEnvs[0]!;
  const keys = { AWS_ACCESS_KEY_ID: ctx.emulator.ambient.accessKeyId, AWS_SECRET_ACCESS_KEY: ctx.emulator.ambient.secretAccessKey };
  // static keys in everyone's environment only for the Go helper; ecr-auth uses its SSO identity, the AWS CLI --profile
  const ws = await makeWorkspace(ctx.emulator, { registries: REGISTRIES, extraEnv: { ...plain.vars } });
  const cache = join(ws.home, '.cache', 'ecr-auth');
  // cold: everything but the remembered config (and the SSO session) forgotten before each run
  const forget = async () => {
    for (const name of await readdir(cache).catch(() => [] as string[])) if (name !== 'config') await rm(join(cache, name), { recursive: true, force: true });
    await rm(join(ws.home, '.docker'), { recursive: true, force: true });
    await rm(join(ws.home, '.aws', 'cli', 'cache'), { recursive: true, force: true });
  };
  const aws = findExecutable(['aws']);
  try {
    await ws.seedSso();
    await writeAwsCliSso(ctx.emulator, ws.home);
    await timeOnce({ label: 'warm the config memo', argv: cliArgv(ctx, 'ecr-login', ...REGISTRIES.map((r) => r.name)), env: ws.env, cwd: ws.dir });
    for (const op of SLOW_OPS) ctx.emulator.fault(op, { type: 'slow', ms: LATENCY_MS });
    const cold = (label: string, argv: string[]): Command => ({ label, argv, env: ws.env, cwd: ws.dir, before: forget });
    const awsToken = (r: BenchRegistry) => `aws ecr get-login-password --profile ${AWS_PROFILE_NAME} --region ${r.region} --endpoint-url ${ctx.emulator.url} >/dev/null`;
    const commands: Command[] = [
      cold('`ecr-auth ecr-login` 1 registry (cold)', cliArgv(ctx, 'ecr-login', REGISTRIES[0]!.name)),
      cold('`ecr-auth ecr-login` 3 registries in 3 regions (cold)', cliArgv(ctx, 'ecr-login', ...REGISTRIES.map((r) => r.name))),
      ...(aws
        ? [
            cold('`aws ecr get-login-password` 1 region', ['bash', '-c', awsToken(REGISTRIES[0]!)]),
            cold('`aws ecr get-login-password` x 3 regions, in turn', ['bash', '-c', REGISTRIES.map(awsToken).join(' && ')]),
          ]
        : []),
    ];
    const runs = Math.min(ctx.runs, 5);
    ctx.emulator.resetCalls();
    const timings = await compare(commands, { runs, warmup: 1 });
    const [one, three] = timings;
    const perRegion = three!.wall.median / one!.wall.median;

    // memory: the same environment for all (the Go helper needs static keys, the others ignore them)
    ctx.emulator.clearFaults();
    const memory = await peakRssTable(ctx, ws, keys, forget);
    return {
      title: `6. Cold logins to several regions (every AWS call ${LATENCY_MS} ms late), and memory`,
      lines: [
        `Registries: ${REGISTRIES.map(hostOf).join(', ')}. Cold = only the SSO session cached (and the validated config remembered);`,
        `every AWS operation the logins make answers ${LATENCY_MS} ms late (emulator fault \`slow\` on ${SLOW_OPS.join(', ')}). ${runs} interleaved rounds after 1 warm-up.`,
        '',
        describeEnvironment(ws.env),
        '',
        ...timingTable(timings),
        '',
        `Three regions cost ${perRegion.toFixed(2)}x one region (the registries run concurrently after one shared sign-in).` +
          (aws ? ' The AWS CLI pays its start and a role-credential call per region.' : ' `aws` is not installed here (Debian: awscli): not compared.'),
        '',
        '### Peak RSS (GNU time, `%M`), median of 5',
        '',
        ...memory.lines,
      ],
      headlines: [
        `cold login, 3 regions and 2 accounts, each AWS call ${LATENCY_MS} ms late: ${(three!.wall.median / 1000).toFixed(2)} s = ${perRegion.toFixed(2)}x one region's ${(one!.wall.median / 1000).toFixed(2)} s` +
          (timings[3] ? `; \`aws ecr get-login-password\` x3 in turn ${(timings[3].wall.median / 1000).toFixed(2)} s` : ''),
        `peak RSS: ${memory.headline}`,
      ],
    };
  } finally {
    ctx.emulator.clearFaults();
    await ws.cleanup();
  }
}

async function peakRssTable(
  ctx: BenchContext,
  ws: Awaited<ReturnType<typeof makeWorkspace>>,
  keys: Record<string, string>,
  forget: () => Promise<void>,
): Promise<{ lines: string[]; headline: string }> {
  if (!existsSync(GNU_TIME)) return { lines: [`${GNU_TIME} is missing (Debian: time): not measured.`], headline: 'not measured (no GNU time)' };
  const env = { ...ws.env, ...keys };
  const host = hostOf(REGISTRIES[0]!);
  await forget();
  await timeOnce({ label: 'login', argv: cliArgv(ctx, 'ecr-login', ...REGISTRIES.map((r) => r.name)), env, cwd: ws.dir });
  const commands: Command[] = [
    bareNode(env),
    { label: '`ecr-auth ecr-login east/ecr` (cached)', argv: cliArgv(ctx, 'ecr-login', REGISTRIES[0]!.name), env, cwd: ws.dir },
    { label: '`docker-credential-ecr-auth get` (cached)', argv: helperArgv(ctx, 'get'), env, cwd: ws.dir, stdin: `${host}\n` },
  ];
  const goHelper = findExecutable(['docker-credential-ecr-login']);
  if (goHelper) {
    const issued = ctx.emulator.ecrPasswords().at(-1)!;
    const now = Date.now();
    await seedEcrLoginCache(join(ws.home, '.ecr'), {
      accessKeyId: keys.AWS_ACCESS_KEY_ID!,
      region: REGISTRIES[0]!.region,
      registryId: REGISTRIES[0]!.account,
      username: 'AWS',
      password: issued.password,
      requestedAt: now,
      expiresAt: now + 12 * 3_600_000,
    });
    commands.push({ label: '`docker-credential-ecr-login get` (Go, cached)', argv: [goHelper, 'get'], env, cwd: ws.dir, stdin: `${host}\n` });
  }
  commands.push({ label: '`ecr-auth ecr-login` 3 registries in 3 regions (cold)', argv: cliArgv(ctx, 'ecr-login', ...REGISTRIES.map((r) => r.name)), env, cwd: ws.dir, before: forget });
  const rss = await peakRss(commands, 5);
  const lines = ['| command | peak RSS, median (IQR) |', '|---|---:|', ...rss.map((r) => `| ${r.label} | ${mib(r.kib.median)} (${mib(r.kib.iqr)}) |`)];
  const by = (prefix: string) => rss.find((r) => r.label.startsWith(prefix));
  const headline = [
    `node -e 0 ${mib(rss[0]!.kib.median)}`,
    `cached ecr-login ${mib(rss[1]!.kib.median)}`,
    `helper get ${mib(rss[2]!.kib.median)}`,
    ...(by('`docker-credential-ecr-login') ? [`Go helper ${mib(by('`docker-credential-ecr-login')!.kib.median)}`] : []),
    `cold 3-region login ${mib(rss.at(-1)!.kib.median)}`,
  ].join(', ');
  return { lines: [describeEnvironment(env), '', ...lines], headline };
}
