// CI through the CLI as users run it (the built bin), with the example configs of examples/github-actions and
// examples/gitlab. GitHub Actions: the job's OIDC token (the emulator's stand-in for the Actions endpoint) is
// exchanged with AssumeRoleWithWebIdentity, with the role on the provider or (Atmos style) on an identity; `env
// --format github` writes the credentials to $GITHUB_ENV and prints them only in ::add-mask:: lines. GitLab: the
// job's ID token in a file, AWS_ROLE_ARN + AWS_WEB_IDENTITY_TOKEN_FILE, and the aws/ambient provider.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { STS_AUDIENCE, startEmulator, type Emulator } from '../emulator/index.ts';
import { dockerPassword, machineEnv, REPO, run, secretsIn } from './support/sandbox.ts';

const CLI = join(REPO, 'dist', 'cli', 'main.js');
const EAST2 = '123456789012.dkr.ecr.us-east-2.amazonaws.com';
const WEST2 = '123456789012.dkr.ecr.us-west-2.amazonaws.com';

let emulator: Emulator;
let dir: string;
let home: string;

const cli = (args: string[], env: Record<string, string>) => run(process.execPath, [CLI, ...args], { cwd: dir, env });
const example = (path: string) => join(REPO, 'examples', path);
const principalsOf = (op: string) => emulator.callLog.filter((c) => c.op === op).map((c) => c.principal);

beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(async () => emulator?.stop());
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ea-ci-'));
  home = join(dir, 'home');
  emulator.resetCalls();
  return () => rm(dir, { recursive: true, force: true });
});

describe('GitHub Actions (github/oidc)', () => {
  const actions = (config: string, extra: Record<string, string> = {}) =>
    machineEnv(home, emulator, { ...emulator.githubEnv, CI: 'true', GITHUB_ACTIONS: 'true', GITHUB_RUN_ID: '777', ECR_AUTH_CONFIG: config, ...extra });

  it.each([
    { style: 'role_arn on the provider', config: 'github-actions/ecr-auth.ci.yaml', hosts: [EAST2, WEST2] },
    { style: 'Atmos: the role on an aws/assume-role identity via the provider', config: 'github-actions/ecr-auth.atmos-style.yaml', hosts: [EAST2] },
  ])('$style: login exchanges the Actions token once, env --format github masks what it writes', async ({ config, hosts }) => {
    const githubEnv = join(dir, 'github_env');
    await writeFile(githubEnv, 'EARLIER_STEP=1\n');
    const env = actions(example(config), { GITHUB_ENV: githubEnv });

    const login = await cli(['login'], env);
    expect(login.exitCode, login.all).toBe(0);
    for (const host of hosts) expect(login.stdout).toContain(`✓ ECR login: ${host} (expires in`);
    expect(emulator.calls('github:IdToken')).toBe(1);
    expect(emulator.calls('sts:AssumeRoleWithWebIdentity')).toBe(1);
    expect(emulator.calls('sts:AssumeRole')).toBe(0);
    expect(emulator.calls('ecr:GetAuthorizationToken')).toBe(hosts.length);
    expect(principalsOf('ecr:GetAuthorizationToken')[0]).toMatch(/^arn:aws:sts::123456789012:assumed-role\/github-ecr-push\/ecr-auth-gha-777$/);
    for (const host of hosts) expect(await dockerPassword(env.DOCKER_CONFIG!, host)).toBeTruthy();

    const printed = await cli(['env', '--format', 'github'], env);
    expect(printed.exitCode, printed.all).toBe(0);
    expect(emulator.calls('sts:AssumeRoleWithWebIdentity')).toBe(1); // cached for the run
    const written = await readFile(githubEnv, 'utf8');
    expect(written.startsWith('EARLIER_STEP=1\n')).toBe(true);
    const vars = Object.fromEntries(written.trim().split('\n').slice(1).map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]));
    expect(Object.keys(vars)).toEqual(expect.arrayContaining(['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_REGION']));
    expect(vars.AWS_REGION).toBe('us-east-1');
    const secrets = [vars.AWS_ACCESS_KEY_ID!, vars.AWS_SECRET_ACCESS_KEY!, vars.AWS_SESSION_TOKEN!];
    const masks = printed.stdout.split('\n').filter((line) => line.startsWith('::add-mask::'));
    expect(masks.sort()).toEqual(secrets.map((secret) => `::add-mask::${secret}`).sort());
    const unmasked = printed.all.split('\n').filter((line) => !line.startsWith('::add-mask::')).join('\n');
    const everySecret = [...secrets, ...emulator.secrets(), ...emulator.ecrPasswords().map((p) => p.password)];
    expect(secretsIn(unmasked, everySecret)).toEqual([]);
    expect(secretsIn(login.all, everySecret)).toEqual([]);
  });

  it('without `permissions: id-token: write` (no Actions token variables) it fails with what to add', async () => {
    const env = machineEnv(home, emulator, { CI: 'true', GITHUB_ACTIONS: 'true', ECR_AUTH_CONFIG: example('github-actions/ecr-auth.ci.yaml') });
    const login = await cli(['login'], env);
    expect(login.exitCode).toBe(1);
    expect(login.stderr).toContain('E_OIDC_TOKEN');
    expect(login.stderr).toContain('id-token: write');
    expect(emulator.calls()).toBe(0);
  });
});

describe('GitLab CI (id_tokens -> AWS_WEB_IDENTITY_TOKEN_FILE -> aws/ambient)', () => {
  async function gitlabJob(): Promise<Record<string, string>> {
    // GitLab writes the ID token (aud sts.amazonaws.com) into a variable; the job stores it in a file.
    const response = await fetch(`${emulator.githubEnv.ACTIONS_ID_TOKEN_REQUEST_URL}&audience=${STS_AUDIENCE}`, {
      headers: { Authorization: `bearer ${emulator.githubEnv.ACTIONS_ID_TOKEN_REQUEST_TOKEN}` },
    });
    const tokenFile = join(dir, 'web-identity-token');
    await writeFile(tokenFile, ((await response.json()) as { value: string }).value);
    return machineEnv(home, emulator, {
      CI: 'true',
      GITLAB_CI: 'true',
      AWS_ROLE_ARN: 'arn:aws:iam::123456789012:role/gitlab-ecr-push',
      AWS_ROLE_SESSION_NAME: 'gitlab-1234',
      AWS_WEB_IDENTITY_TOKEN_FILE: tokenFile,
      AWS_REGION: 'us-east-1',
    });
  }

  it.each([
    { with: 'the example config (aws/ambient provider)', config: true },
    { with: 'no config at all', config: false },
  ])('ecr-auth ecr-login --registry with $with calls sts:AssumeRoleWithWebIdentity through the SDK chain', async ({ config }) => {
    const env: Record<string, string> = { ...(await gitlabJob()), ...(config ? { ECR_AUTH_CONFIG: example('gitlab/ecr-auth.ci.yaml') } : {}) };
    const ran = await cli(['ecr-login', '--registry', EAST2], env);
    expect(ran.exitCode, ran.all).toBe(0);
    expect(ran.stdout).toContain(`✓ ECR login: ${EAST2} (expires in`);
    expect(emulator.calls('sts:AssumeRoleWithWebIdentity')).toBe(1);
    expect(emulator.calls('ecr:GetAuthorizationToken')).toBe(1);
    expect(principalsOf('ecr:GetAuthorizationToken')).toEqual(['arn:aws:sts::123456789012:assumed-role/gitlab-ecr-push/gitlab-1234']);
    expect(await dockerPassword(env.DOCKER_CONFIG!, EAST2)).toBe(emulator.ecrPasswords().at(-1)!.password);
    expect(secretsIn(ran.all, emulator.secrets())).toEqual([]);
  });
});
