// Turborepo, with the recipe of examples/turborepo: every docker:build/docker:push task waits for one root
// `//#ecr-login` task (never cached), so a whole `turbo run` costs one role-credential call and one ECR token per
// region, and a second run costs no AWS call. turbo's strict env mode strips AWS_*, ECR_AUTH_* and the Actions
// token variables from tasks that do not list them. Two checkouts on different HOMEs (two CI agents) each
// authenticate on their own, and no token lands in the workspace.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../emulator/index.ts';
import { dockerPassword, filesHolding, fingerprint, machineEnv, seedSsoSession } from './support/sandbox.ts';
import { copyWorkspace, createTurboWorkspace, IMAGES, turbo } from './support/turbo-workspace.ts';

const START_URL = 'https://company.awsapps.com/start/'; // the example config's
const HOSTS = [...new Set(Object.values(IMAGES).map((image) => image.split('/')[0]!))];

let emulator: Emulator;
let dir: string;
let root: string;

const ecrRegions = () => emulator.callLog.filter((c) => c.op === 'ecr:GetAuthorizationToken').map((c) => c.region).sort();
const countOf = (text: string, needle: string) => text.split(needle).length - 1;

beforeAll(async () => {
  emulator = await startEmulator();
  dir = await mkdtemp(join(tmpdir(), 'ea-turbo-'));
  root = join(dir, 'ws');
  await createTurboWorkspace(root);
}, 300_000);
afterAll(async () => {
  await emulator?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('turbo run docker:push (developer, SSO session from `ecr-auth login`)', () => {
  it('strict env mode strips AWS_*, ECR_AUTH_* and the Actions token variables unless a task lists them', async () => {
    const home = join(dir, 'home-probe');
    const env = machineEnv(home, emulator, { ...emulator.githubEnv, AWS_ACCESS_KEY_ID: 'AKIAPROBE', ECR_AUTH_CONFIG: 'x', XDG_CACHE_HOME: join(home, '.cache') });
    const ran = await turbo(root, ['env:probe'], env);
    expect(ran.exitCode, ran.all).toBe(0);
    const line = ran.all.split('\n').find((l) => /probe: \w+=(un)?set/.test(l))!;
    for (const name of ['AWS_ENDPOINT_URL_ECR', 'AWS_ACCESS_KEY_ID', 'ECR_AUTH_CONFIG', 'ACTIONS_ID_TOKEN_REQUEST_URL', 'XDG_CACHE_HOME']) {
      expect(line).toContain(`${name}=unset`);
    }
    // turbo 2 passes these by default; the recipe lists them anyway
    expect(line).toContain('HOME=set');
    expect(line).toContain('DOCKER_CONFIG=set');
  });

  it('one login task serves every build and push: one GetRoleCredentials, one token per region; a second run calls nothing', async () => {
    const home = join(dir, 'home-dev');
    await seedSsoSession(home, emulator, START_URL);
    const env = machineEnv(home, emulator);
    emulator.resetCalls();

    const first = await turbo(root, ['docker:push'], env);
    expect(first.exitCode, first.all).toBe(0);
    expect(emulator.calls('sso:GetRoleCredentials')).toBe(1);
    expect(ecrRegions()).toEqual(['us-east-2', 'us-west-2']);
    expect(emulator.calls('ecr:GetAuthorizationToken')).toBe(2);
    expect(countOf(first.all, '//:ecr-login: ✓ ECR login: ')).toBe(2);
    for (const [name, image] of Object.entries(IMAGES)) {
      const password = (await dockerPassword(env.DOCKER_CONFIG!, image.split('/')[0]!))!;
      expect(first.all).toContain(`${name}:docker:build: build ${image}: logged in ${fingerprint(password)}`);
      expect(first.all).toContain(`${name}:docker:push: push ${image}: logged in ${fingerprint(password)}`);
    }

    emulator.resetCalls();
    const second = await turbo(root, ['docker:push'], env);
    expect(second.exitCode, second.all).toBe(0);
    expect(emulator.calls()).toBe(0);
    expect(countOf(second.all, ':docker:push: push ')).toBe(3);
  });
});

describe('distributed runs: two agents (two checkouts, two HOMEs) with GitHub OIDC', () => {
  it('each agent authenticates on its own, neither sees the other, and no token is in either workspace', async () => {
    const other = join(dir, 'ws-agent-2');
    await copyWorkspace(root, other);
    const agent = (workspace: string, name: string) =>
      machineEnv(join(dir, `home-${name}`), emulator, {
        ...emulator.githubEnv,
        CI: 'true',
        GITHUB_ACTIONS: 'true',
        GITHUB_RUN_ID: '4242',
        ECR_AUTH_CONFIG: join(workspace, 'ecr-auth.ci.yaml'),
      });
    const envs = [agent(root, 'agent-1'), agent(other, 'agent-2')];
    emulator.resetCalls();

    const runs = await Promise.all([turbo(root, ['docker:push'], envs[0]!), turbo(other, ['docker:push'], envs[1]!)]);
    for (const ran of runs) expect(ran.exitCode, ran.all).toBe(0);
    expect(emulator.calls('github:IdToken')).toBe(2);
    expect(emulator.calls('sts:AssumeRoleWithWebIdentity')).toBe(2);
    expect(emulator.calls('ecr:GetAuthorizationToken')).toBe(4);
    const [one, two] = await Promise.all(envs.map((env) => Promise.all(HOSTS.map((host) => dockerPassword(env.DOCKER_CONFIG!, host)))));
    for (const password of [...one!, ...two!]) expect(password).toBeTruthy();
    expect(one!.filter((p) => two!.includes(p))).toEqual([]);

    emulator.resetCalls();
    const again = await Promise.all([turbo(root, ['docker:push'], envs[0]!), turbo(other, ['docker:push'], envs[1]!)]);
    for (const ran of again) expect(ran.exitCode, ran.all).toBe(0);
    expect(emulator.calls()).toBe(0);

    const secrets = [...emulator.secrets(), ...emulator.ecrPasswords().map((p) => p.password)];
    expect(await filesHolding(root, secrets)).toEqual([]);
    expect(await filesHolding(other, secrets)).toEqual([]);
    for (const ran of [...runs, ...again]) expect(ran.all.split('\n').filter((l) => secrets.some((s) => l.includes(s)))).toEqual([]);
  });
});
