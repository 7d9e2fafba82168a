// npm scripts, with the recipe of examples/npm-scripts: a `pre` hook runs `ecr-auth login` (its script taken from
// the example as it is), `ecr-auth exec -- CMD` hands CMD the identity's credentials, and exit codes pass through
// npm: a failing command fails the script, a failing login stops the script before its command runs.
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../emulator/index.ts';
import { npmInstall, packEcrAuth } from './support/package.ts';
import { dockerPassword, machineEnv, REPO, run, secretsIn, seedSsoSession, writeTree } from './support/sandbox.ts';

const EXAMPLE = join(REPO, 'examples', 'npm-scripts');
const START_URL = 'https://company.awsapps.com/start/'; // the example config's
const HOST = '123456789012.dkr.ecr.us-east-2.amazonaws.com';
// What the command run by `exec` checks: the identity's credentials are there, the caller's stale ones are not.
const CHECK_ENV = [
  "const a = require('node:assert');",
  "for (const n of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_REGION']) a.ok(process.env[n], n + ' is missing');",
  "a.strictEqual(process.env.AWS_PROFILE, undefined, 'AWS_PROFILE should be removed');",
  "require('node:fs').writeFileSync('exec-saw.txt', process.env.AWS_ACCESS_KEY_ID);",
].join(' ');

let emulator: Emulator;
let dir: string;
let project: string;

const npmRun = (script: string, env: Record<string, string>) => run('npm', ['run', '--silent', script], { cwd: project, env });

beforeAll(async () => {
  emulator = await startEmulator();
  dir = await mkdtemp(join(tmpdir(), 'ea-npm-'));
  project = join(dir, 'service');
  const tarball = await packEcrAuth(project);
  const example = JSON.parse(await readFile(join(EXAMPLE, 'package.json'), 'utf8'));
  await writeTree(project, {
    'package.json': {
      name: 'service',
      private: true,
      scripts: {
        'predocker:push': example.scripts['predocker:push'],
        'docker:push': `ecr-auth exec -- node -e "${CHECK_ENV}"`,
        'docker:fail': 'ecr-auth exec -- node -e "process.exit(7)"',
        release: `npm run docker:fail && node -e "require('node:fs').writeFileSync('released.txt', '')"`,
      },
      devDependencies: { 'ecr-auth': `file:./${tarball.slice(project.length + 1)}` },
    },
  });
  await cp(join(EXAMPLE, 'ecr-auth.config.yaml'), join(project, 'ecr-auth.config.yaml'));
  await npmInstall(project);
}, 300_000);
afterAll(async () => {
  await emulator?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

it('`npm run docker:push`: the pre hook logs Docker in, exec gives the command the identity credentials', async () => {
  const home = join(dir, 'home-ok');
  await seedSsoSession(home, emulator, START_URL);
  const env = machineEnv(home, emulator, { AWS_ACCESS_KEY_ID: 'AKIASTALEPARENTKEY00', AWS_PROFILE: 'stale' });
  emulator.resetCalls();

  const ran = await npmRun('docker:push', env);
  expect(ran.exitCode, ran.all).toBe(0);
  expect(ran.stdout).toMatch(new RegExp(`✓ ECR login: ${HOST.replaceAll('.', '\\.')} \\(expires in 11h5\\dm\\)`));
  expect(emulator.calls('sso:GetRoleCredentials')).toBe(1);
  expect(emulator.calls('ecr:GetAuthorizationToken')).toBe(1);
  expect(await dockerPassword(env.DOCKER_CONFIG!, HOST)).toBe(emulator.ecrPasswords().at(-1)!.password);
  const keyId = await readFile(join(project, 'exec-saw.txt'), 'utf8');
  expect(emulator.principalOf(keyId)).toMatch(/^arn:aws:sts::123456789012:assumed-role\/AWSReservedSSO_AdministratorAccess_/);
  expect(secretsIn(ran.all, emulator.secrets())).toEqual([]);

  emulator.resetCalls();
  expect((await npmRun('docker:push', env)).exitCode).toBe(0);
  expect(emulator.calls()).toBe(0);
});

it("exit codes pass through: the command's status fails the script and stops a chain", async () => {
  const home = join(dir, 'home-exit');
  await seedSsoSession(home, emulator, START_URL);
  const env = machineEnv(home, emulator);
  expect((await npmRun('docker:fail', env)).exitCode).toBe(7);
  const release = await npmRun('release', env);
  expect(release.exitCode).toBe(7);
  await expect(readFile(join(project, 'released.txt'))).rejects.toThrow(/ENOENT/);
});

it('a failed login (no SSO session, in CI) fails the script before its command runs', async () => {
  await rm(join(project, 'exec-saw.txt'), { force: true });
  const env = machineEnv(join(dir, 'home-none'), emulator, { CI: 'true' });
  const ran = await npmRun('docker:push', env);
  expect(ran.exitCode).toBe(1);
  expect(ran.stderr).toContain('E_SSO_LOGIN_REQUIRED');
  expect(ran.stderr).toContain('ecr-auth login');
  await expect(readFile(join(project, 'exec-saw.txt'))).rejects.toThrow(/ENOENT/);
});
