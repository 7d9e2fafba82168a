// The two executors in-process against the AWS emulator: a temporary HOME and workspace, the real core, the
// config found from the workspace root as Nx hands it (context.root). Output is collected through TaskIo.
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runEcrLogin } from '../../src/executors/ecr-login/executor.ts';
import { runWithAuth } from '../../src/executors/with-auth/executor.ts';
import type { TaskIo } from '../../src/executors/lib/task-context.ts';
import { DEFAULT_START_URL, startEmulator, type Emulator } from '../emulator/index.ts';
import { makeTestHome, ssoConfig, type TestHome } from '../support/core-context.ts';

let emulator: Emulator;
let t: TestHome;
let workspace: string;
let out: string[];
let err: string[];

beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(async () => emulator.stop());
beforeEach(async () => {
  emulator.resetCalls();
  emulator.clearFaults();
  t = await makeTestHome(emulator);
  await t.seedSso(emulator, { startUrl: DEFAULT_START_URL });
  workspace = await mkdtemp(join(tmpdir(), 'ea-nx-ws-'));
  await writeFile(join(workspace, '.ecr-authrc.json'), JSON.stringify(ssoConfig(DEFAULT_START_URL, {
    integrations: { public: { kind: 'aws/ecr-public', via: { identity: 'dev-admin' } } },
  })));
  out = [];
  err = [];
});
afterEach(async () => {
  await t.cleanup();
  await rm(workspace, { recursive: true, force: true });
});

function io(extraEnv: Record<string, string> = {}): TaskIo {
  return {
    env: { ...t.env, ...extraEnv },
    terminal: { stdinIsTTY: false, stderrIsTTY: false, platform: 'linux' },
    print: (line) => out.push(line),
    write: (line) => err.push(line),
  };
}

function noSecretIn(text: string) {
  for (const secret of emulator.secrets()) expect(text).not.toContain(secret);
}

describe('ecr-auth:ecr-login', () => {
  it("logs in to the default identity's registries and prints one line per registry", async () => {
    const result = await runEcrLogin({}, { root: workspace }, io());
    expect(err).toEqual([]);
    expect(result).toEqual({ success: true });
    expect(out.sort()).toEqual([
      expect.stringMatching(/^✓ ECR login: 123456789012\.dkr\.ecr\.us-east-2\.amazonaws\.com \(expires in 1[12]h\d+m\)$/),
      expect.stringMatching(/^✓ ECR login: public\.ecr\.aws \(expires in 1[12]h\d+m\)$/),
    ]);
    const docker = JSON.parse(await readFile(join(t.env.DOCKER_CONFIG!, 'config.json'), 'utf8'));
    expect(Object.keys(docker.auths).sort()).toEqual(['123456789012.dkr.ecr.us-east-2.amazonaws.com', 'public.ecr.aws']);
    noSecretIn(out.join('\n'));
  });

  it('takes integrations, registries, identity and minValidity; a second run reuses the cache', async () => {
    const options = { integrations: ['public'], registries: ['210987654321.dkr.ecr.us-east-2.amazonaws.com'], identity: 'dev-admin', minValidity: '1h' };
    expect(await runEcrLogin(options, { root: workspace }, io())).toEqual({ success: true });
    expect(out.map((l) => l.split(' ')[3]).sort()).toEqual(['210987654321.dkr.ecr.us-east-2.amazonaws.com', 'public.ecr.aws']);
    const calls = emulator.calls();
    expect(await runEcrLogin(options, { root: workspace }, io())).toEqual({ success: true });
    expect(emulator.calls()).toBe(calls);
  });

  it('fails the task with the error paragraph (no secret) when a registry fails', async () => {
    emulator.fault('ecr:GetAuthorizationToken', { type: 'access-denied' });
    const result = await runEcrLogin({ integrations: ['dev/ecr/primary'] }, { root: workspace }, io());
    expect(result).toEqual({ success: false });
    expect(err.join('\n')).toMatch(/✗ ECR login failed: 123456789012\.dkr\.ecr\.us-east-2\.amazonaws\.com \(dev\/ecr\/primary\)\necr-auth: .*\[E_ECR_DENIED\]/s);
    noSecretIn(err.join('\n'));
  });

  it.each([
    [{ minValidity: 'soon' }, /minValidity: "soon" is not a duration.*\[E_USAGE\]/s],
    [{ integrations: ['dev/ecr/primery'] }, /dev\/ecr\/primery.*did you mean .dev\/ecr\/primary.*\[E_USAGE\]/s],
    [{ config: 'missing.yaml' }, /does not exist.*\[E_CONFIG_NOT_FOUND\]/s],
  ])('reports a usage or config problem as one paragraph: %j', async (options, message) => {
    expect(await runEcrLogin(options, { root: workspace }, io())).toEqual({ success: false });
    expect(err.join('\n')).toMatch(message);
    expect(err.join('\n')).not.toMatch(/\n\s+at /);
  });
});

describe('ecr-auth:with-auth', () => {
  const probe = `node -e "const e=process.env; console.log(JSON.stringify({k:e.AWS_ACCESS_KEY_ID,t:!!e.AWS_SESSION_TOKEN,p:e.AWS_PROFILE??null,r:e.AWS_REGION,x:e.EXTRA,cwd:process.cwd()}))"`;

  it("runs the command with the identity's credentials, the parent's stale ones removed, and its exit code", async () => {
    // The executor streams to the task output, so the probe writes what it saw to a file.
    const result = await runWithAuth({ command: `${probe} > probe.json`, env: { EXTRA: 'yes', AWS_REGION: 'eu-west-1' } }, { root: workspace }, io({ AWS_ACCESS_KEY_ID: 'AKIASTALE', AWS_SECRET_ACCESS_KEY: 'stale', AWS_PROFILE: 'old' }));
    expect(result).toEqual({ success: true });
    const seen = JSON.parse(await readFile(join(workspace, 'probe.json'), 'utf8'));
    expect(seen.k).toMatch(/^ASIA/);
    expect(emulator.principalOf(seen.k)).toMatch(/AdministratorAccess/);
    expect(seen).toMatchObject({ t: true, p: null, r: 'eu-west-1', x: 'yes' });
  });

  it('keepFresh: the command gets a loopback credentials endpoint instead of keys, serving the identity', async () => {
    const fetcher = `node -e "const e=process.env; fetch(e.AWS_CONTAINER_CREDENTIALS_FULL_URI,{headers:{authorization:e.AWS_CONTAINER_AUTHORIZATION_TOKEN}}).then(r=>r.json()).then(c=>console.log(JSON.stringify({k:e.AWS_ACCESS_KEY_ID??null,u:new URL(e.AWS_CONTAINER_CREDENTIALS_FULL_URI).hostname,id:c.AccessKeyId,exp:c.Expiration,r:e.AWS_REGION})))"`;
    const result = await runWithAuth({ command: `${fetcher} > fresh.json`, keepFresh: true, integrations: ['public'] }, { root: workspace }, io({ AWS_ACCESS_KEY_ID: 'AKIASTALE' }));
    expect(result).toEqual({ success: true });
    const seen = JSON.parse(await readFile(join(workspace, 'fresh.json'), 'utf8'));
    expect(seen).toMatchObject({ k: null, u: '127.0.0.1', r: 'us-east-1' });
    expect(emulator.principalOf(seen.id)).toMatch(/AdministratorAccess/);
    expect(Date.parse(seen.exp)).toBeGreaterThan(Date.now());
  });

  it('streams nothing secret and returns the exit code of the shell (runShell)', async () => {
    const { runShell } = await import('../../src/executors/lib/run-shell.ts');
    const log: string[] = [];
    expect(await runShell('echo hi; exit 3', { cwd: workspace, env: { PATH: process.env.PATH! }, stdio: 'pipe', onOutput: (c) => log.push(c) })).toBe(3);
    expect(log.join('')).toBe('hi\n');
  });

  it('logs in to the named integrations first, runs commands in order in cwd and stops at the first failure', async () => {
    await mkdir(join(workspace, 'sub'));
    const result = await runWithAuth(
      { commands: ['pwd > ../order.txt', 'exit 4', 'echo never >> ../order.txt'], cwd: 'sub', integrations: ['public'] },
      { root: workspace },
      io(),
    );
    expect(result).toEqual({ success: false });
    expect(out).toEqual([expect.stringMatching(/^✓ ECR login: public\.ecr\.aws/)]);
    expect((await readFile(join(workspace, 'order.txt'), 'utf8')).trim()).toBe(join(workspace, 'sub'));
  });

  it('runs commands at the same time with parallel: true, and fails when one fails', async () => {
    // Each waits for the other's file: only concurrent runs can both finish.
    const wait = (mine: string, theirs: string) =>
      `node -e "require('fs').writeFileSync('${mine}','');const t=Date.now();while(!require('fs').existsSync('${theirs}')&&Date.now()-t<20000);process.exit(require('fs').existsSync('${theirs}')?0:9)"`;
    expect(await runWithAuth({ commands: [wait('a', 'b'), wait('b', 'a')], parallel: true }, { root: workspace }, io())).toEqual({ success: true });
    expect(await runWithAuth({ commands: ['true', 'exit 2'], parallel: true }, { root: workspace }, io())).toEqual({ success: false });
  });

  it('fails without running anything when the identity cannot log in (CI, no session)', async () => {
    emulator.revokeSsoSessions();
    await rm(join(t.home, '.aws'), { recursive: true, force: true });
    const result = await runWithAuth({ command: 'touch ran' }, { root: workspace }, io({ CI: 'true' }));
    expect(result).toEqual({ success: false });
    expect(err.join('\n')).toMatch(/\[E_SSO_LOGIN_REQUIRED\]|\[E_SSO_EXPIRED\]/);
    await expect(readFile(join(workspace, 'ran'))).rejects.toThrow();
  });

  it('needs a command, and a working directory that exists', async () => {
    expect(await runWithAuth({}, { root: workspace }, io())).toEqual({ success: false });
    expect(await runWithAuth({ command: 'true', cwd: 'nope' }, { root: workspace }, io())).toEqual({ success: false });
    expect(err).toEqual(['ecr-auth: with-auth needs a `command` or `commands` option', `ecr-auth: the working directory ${join(workspace, 'nope')} (option cwd) does not exist`]);
  });
});
