// The demo behind `npm run demo`: the whole product against the embedded default. It starts the AWS emulator, a real
// Distribution registry that accepts the emulator's ECR tokens, and a private dockerd that reaches the registry under
// the real ECR host name; then signs in with IAM Identity Center, logs Docker in, pushes an image, shows the cache
// at work, and cleans everything up. No AWS account, nothing outside loopback.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { dockerCli, type RunResult } from '../test/harness/docker-cli.ts';
import { type PushStack, startPushStack } from '../test/harness/push-stack.ts';
import { skopeoInspect } from '../test/harness/skopeo.ts';
import { makeTempDir, removeTempDir } from '../test/harness/temp-dir.ts';
import { ssoTokenPath } from '../src/core/sso/token-file.ts';
import { DEFAULT_START_URL, startEmulator, type Emulator } from '../test/emulator/index.ts';
import { runNxDemo } from './demo-nx.ts';

const ECR_HOST = '123456789012.dkr.ecr.us-east-1.amazonaws.com';
const CLI = resolve('dist/cli/main.js');
const bold = (text: string) => (process.stdout.isTTY ? `\x1b[1m${text}\x1b[0m` : text);

const CONFIG = `# ecr-auth.config.yaml of the demo (the emulator plays IAM Identity Center, STS and ECR)
auth:
  providers:
    company-sso:
      kind: aws/iam-identity-center
      region: us-east-1
      start_url: ${DEFAULT_START_URL}
  identities:
    dev-admin:
      kind: aws/permission-set
      via: { provider: company-sso }
      principal: { name: AdministratorAccess, account: dev }
  integrations:
    dev/ecr/primary:
      kind: aws/ecr
      via: { identity: dev-admin }
      spec:
        registry: { account_id: "123456789012", region: us-east-1 }
    dev/ecr/west:
      kind: aws/ecr
      via: { identity: dev-admin }
      spec:
        registry: { account_id: "123456789012", region: us-west-2 }
`;

function step(title: string): void {
  console.log(`\n${bold(`▶ ${title}`)}`);
}

/** Runs the ecr-auth CLI as a user would, output straight to the terminal. */
function ecrAuth(args: string[], env: NodeJS.ProcessEnv, cwd: string): Promise<number> {
  console.log(`$ ecr-auth ${args.join(' ')}`);
  return new Promise((done) => {
    const child = spawn(process.execPath, [CLI, ...args], { env, cwd, stdio: 'inherit' });
    child.on('close', (code) => done(code ?? 1));
  });
}

function expectOk(what: string, result: RunResult | number): void {
  const code = typeof result === 'number' ? result : result.exitCode;
  if (code !== 0) {
    const detail = typeof result === 'number' ? '' : `\n${result.stdout}\n${result.stderr}`;
    throw new Error(`${what} failed (exit ${code})${detail}`);
  }
}

async function main(): Promise<void> {
  let emulator: Emulator | undefined;
  let stack: PushStack | undefined;
  const dir = await makeTempDir('demo');
  try {
    step('Starting the embedded AWS emulator, a real registry and a private Docker daemon');
    const password = randomBytes(1125).toString('base64');
    emulator = await startEmulator({ ecrPassword: () => password });
    stack = await startPushStack(ECR_HOST, { username: 'AWS', password });
    const { registry, dockerd } = stack;
    console.log(`  AWS emulator   ${emulator.url}`);
    console.log(`  registry       ${registry.url}  (answers as ${ECR_HOST})`);
    console.log(`  dockerd        ${dockerd.env.DOCKER_HOST}`);

    const home = join(dir, 'home');
    const work = join(dir, 'workspace');
    await mkdir(work, { recursive: true });
    await writeFile(join(work, 'ecr-auth.config.yaml'), CONFIG);
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: home,
      DOCKER_CONFIG: join(home, '.docker'),
      TERM: process.env.TERM,
      BROWSER: `${process.execPath} ${resolve('scripts/demo-browser.mjs')}`,
      ...emulator.env,
    };

    step('The config');
    console.log(CONFIG);
    expectOk('validate', await ecrAuth(['validate'], env, work));

    step('Signing in once: IAM Identity Center, then Docker logins for every registry of dev-admin');
    const interactive = process.stdin.isTTY && process.stderr.isTTY && !process.env.CI;
    if (interactive) {
      console.log('  (the browser is played by scripts/demo-browser.mjs, which "clicks Allow" on the sign-in page)');
    } else {
      // No terminal here (CI, a pipe): ecr-auth never waits for a browser then, so start from an `aws sso login`
      // session in the AWS CLI cache, which ecr-auth reuses.
      const session = emulator.mintSsoSession({ startUrl: DEFAULT_START_URL });
      const path = ssoTokenPath(env, { startUrl: DEFAULT_START_URL });
      await mkdir(join(path, '..'), { recursive: true });
      await writeFile(path, JSON.stringify(session), { mode: 0o600 });
      console.log('  (no terminal attached: starting from an existing `aws sso login` session, which ecr-auth reuses)');
    }
    emulator.resetCalls();
    expectOk('login', await ecrAuth(['login', 'dev-admin'], env, work));
    console.log(`  AWS calls: ${describeCalls(emulator)}`);

    step(`docker push ${ECR_HOST}/demo-app:1 with the login ecr-auth wrote`);
    const docker = dockerCli({ dockerHost: dockerd.env.DOCKER_HOST!, dockerConfig: env.DOCKER_CONFIG!, env: { HOME: home } });
    expectOk('create image', await docker.createImage(`${ECR_HOST}/demo-app:1`));
    const push = await docker.push(`${ECR_HOST}/demo-app:1`);
    expectOk('docker push', push);
    console.log(push.stdout.trim().split('\n').slice(-2).map((l) => `  ${l}`).join('\n'));
    const pulled = await skopeoInspect(`${registry.host}/demo-app:1`, { dockerConfig: await registryAuthFile(dir, registry.host, password) });
    expectOk('skopeo inspect', pulled);
    console.log(`  the registry holds demo-app:1 (digest ${JSON.parse(pulled.stdout).Digest})`);

    step('Twenty tasks later: every login is served from the cache');
    emulator.resetCalls();
    expectOk('ecr-login', await ecrAuth(['ecr-login', '--identity', 'dev-admin'], env, work));
    console.log(`  AWS calls: ${describeCalls(emulator)}`);

    step('Status (reads files only)');
    expectOk('status', await ecrAuth(['status'], env, work));

    await runNxDemo({ dir, env, emulator, dockerHost: dockerd.env.DOCKER_HOST!, ecrHost: ECR_HOST, step });

    step('Logging out removes exactly what ecr-auth wrote');
    expectOk('logout', await ecrAuth(['logout', '--all'], env, work));
    console.log(`\n${bold('Demo complete.')} Everything ran on loopback; the temporary files are removed now.`);
  } finally {
    await stack?.stop();
    await emulator?.stop().catch(() => undefined);
    await removeTempDir(dir);
  }
}

function describeCalls(emulator: Emulator): string {
  const ops = [...new Set(emulator.callLog.map((c) => c.op))];
  if (ops.length === 0) return 'none';
  return ops.map((op) => `${op} ×${emulator.calls(op)}`).join(', ');
}

async function registryAuthFile(dir: string, host: string, password: string): Promise<string> {
  const path = join(dir, 'skopeo');
  await mkdir(path, { recursive: true });
  const auth = Buffer.from(`AWS:${password}`).toString('base64');
  await writeFile(join(path, 'config.json'), JSON.stringify({ auths: { [host]: { auth } } }));
  return path;
}

main().catch((error: unknown) => {
  console.error(`\ndemo failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
