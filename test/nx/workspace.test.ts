// End to end in REAL Nx workspaces: the packed package installed next to nx@24 (and nx@21 for the plugin and
// executor load check), `nx add ecr-auth` and `nx g ecr-auth:init`, the inferred dependsOn in `nx show project`,
// and `nx run-many -t docker-push` logging in ONCE (real SSO role credentials and ECR token from the AWS emulator,
// written to the Docker config of a temporary HOME) before three pushes. With the daemon off, then on.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_START_URL, startEmulator, type Emulator } from '../emulator/index.ts';
import { makeTestHome, type TestHome } from '../support/core-context.ts';
import { makeTempDir, removeTempDir } from '../harness/temp-dir.ts';
import { buildAndPack, check, installWorkspace, npmEnv, nx, readJsonFile, writeTree } from './support/workspace.ts';

const HOST = '123456789012.dkr.ecr.us-east-1.amazonaws.com';
const INIT = ['g', 'ecr-auth:init', '--startUrl', DEFAULT_START_URL, '--region', 'us-east-1', '--account', '123456789012', '--permissionSet', 'AdministratorAccess', '--no-interactive'];
const LOGIN = { target: 'ecr-login', projects: ['ws'] };

let dir: string;
let emulator: Emulator;
let t: TestHome;
let tarball: string;
let ws: string;
let ws21: string;
let env: Record<string, string>;

/** A project whose docker-push only records that it ran (no Docker needed for the Nx wiring). */
const app = (name: string) => ({
  [`apps/${name}/Dockerfile`]: 'FROM scratch\n',
  [`apps/${name}/project.json`]: { name, targets: { 'docker-push': { command: `node -e "console.log('pushed ${name}')"` } } },
});

beforeAll(async () => {
  dir = await makeTempDir('nx-e2e');
  emulator = await startEmulator();
  t = await makeTestHome(emulator);
  await t.seedSso(emulator, { startUrl: DEFAULT_START_URL, region: 'us-east-1' });
  const npm = await npmEnv();
  env = { ...t.env, ...npm, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false', CI: 'true' };
  tarball = await buildAndPack(dir);
  ws = join(dir, 'ws');
  ws21 = join(dir, 'ws21');
  await writeTree(ws, { 'package.json': { name: 'ws', private: true, workspaces: ['apps/*'] }, 'nx.json': {}, ...app('app1'), ...app('app2'), ...app('app3') });
  await writeTree(ws21, {
    'package.json': { name: 'ws', private: true, workspaces: ['apps/*'] },
    'nx.json': {},
    'apps/legacy/Dockerfile': 'FROM scratch\n',
    'apps/legacy/project.json': { name: 'legacy', targets: { container: { command: 'node -e "console.log(\'built legacy\')"' } } },
  });
  await Promise.all([installWorkspace(ws, '24', tarball, npm), installWorkspace(ws21, '21', tarball, npm)]);
}, 300_000);

afterAll(async () => {
  await emulator?.stop();
  await t?.cleanup();
  if (dir) await removeTempDir(dir);
});

describe('Nx 24 workspace', () => {
  it('`nx add ecr-auth` runs init: plugin registered, root ecr-login target, docker targets wait for it', async () => {
    const added = check(await nx(ws, ['add', `ecr-auth@file:${tarball}`], env), 'nx add');
    expect(added.all).toMatch(/no config written/);
    const nxJson = await readJsonFile(ws, 'nx.json');
    expect(nxJson.plugins).toEqual(['ecr-auth']);
    expect(nxJson.targetDefaults['docker-push']).toEqual({ dependsOn: [LOGIN] });
    expect((await readJsonFile(ws, 'package.json')).nx).toEqual({
      includedScripts: [],
      targets: { 'ecr-login': { executor: 'ecr-auth:ecr-login', cache: false, options: {} } },
    });
  });

  it('`nx g ecr-auth:init` writes the config once; running it again changes nothing', async () => {
    check(await nx(ws, INIT, env), 'nx g ecr-auth:init');
    const files = ['nx.json', 'package.json', 'ecr-auth.config.yaml'];
    const before = await Promise.all(files.map((f) => readFile(join(ws, f), 'utf8')));
    expect(before[2]).toContain('account: { id: "123456789012" }');
    const dry = check(await nx(ws, [...INIT, '--dry-run'], env), 'init --dry-run');
    expect(dry.all).not.toMatch(/\b(CREATE|UPDATE|DELETE)\b/);
    const again = check(await nx(ws, INIT, env), 'init again');
    expect(again.all).not.toMatch(/\b(CREATE|UPDATE|DELETE)\b/);
    expect(await Promise.all(files.map((f) => readFile(join(ws, f), 'utf8')))).toEqual(before);
  });

  it('`nx show project` shows the login dependency on docker-push', async () => {
    const shown = check(await nx(ws, ['show', 'project', 'app1', '--json'], env), 'nx show project');
    const project = JSON.parse(shown.all.slice(shown.all.indexOf('{')));
    expect(project.targets['docker-push'].dependsOn).toEqual([LOGIN]);
  });

  it('`nx run-many -t docker-push` logs in once (one role-credential call, one ECR token) before three pushes', async () => {
    emulator.resetCalls();
    const ran = check(await nx(ws, ['run-many', '-t', 'docker-push', '--output-style=static'], env), 'nx run-many');
    expect(ran.all.match(/✓ ECR login: /g)).toHaveLength(1);
    expect(ran.all).toContain(`✓ ECR login: ${HOST} (expires in`);
    for (const name of ['app1', 'app2', 'app3']) expect(ran.all).toContain(`pushed ${name}`);
    expect(ran.all.indexOf('✓ ECR login')).toBeLessThan(ran.all.indexOf('pushed app'));
    expect(emulator.calls('sso:GetRoleCredentials')).toBe(1);
    expect(emulator.calls('ecr:GetAuthorizationToken')).toBe(1);
    const docker = JSON.parse(await readFile(join(env.DOCKER_CONFIG!, 'config.json'), 'utf8'));
    expect(Object.keys(docker.auths)).toEqual([HOST]);
    for (const secret of emulator.secrets()) expect(ran.all).not.toContain(secret);
  });

  it('with-auth gives the command the identity credentials; configuration adds targets for the config registry', async () => {
    const project = await readJsonFile(ws, 'apps/app1/project.json');
    project.targets.whoami = {
      executor: 'ecr-auth:with-auth',
      cache: false,
      options: { command: 'node -e "require(\'fs\').writeFileSync(\'key.txt\', process.env.AWS_ACCESS_KEY_ID)"', cwd: 'apps/app1' },
    };
    await writeTree(ws, { 'apps/app1/project.json': project });
    check(await nx(ws, ['run', 'app1:whoami'], { ...env, AWS_ACCESS_KEY_ID: 'AKIASTALEPARENT00000' }), 'nx run app1:whoami');
    const key = await readFile(join(ws, 'apps/app1/key.txt'), 'utf8');
    expect(emulator.principalOf(key)).toMatch(/AdministratorAccess/);

    check(await nx(ws, ['g', 'ecr-auth:configuration', 'app2', '--no-interactive'], env), 'nx g ecr-auth:configuration');
    const targets = (await readJsonFile(ws, 'apps/app2/project.json')).targets;
    expect(targets['docker-push']).toEqual({ command: `node -e "console.log('pushed app2')"` });
    expect(targets['docker-build']).toEqual({
      executor: 'ecr-auth:with-auth',
      cache: false,
      dependsOn: [LOGIN],
      options: { command: `docker build -f apps/app2/Dockerfile -t ${HOST}/app2:latest apps/app2` },
    });
  });

  it('works with the Nx daemon on', async () => {
    const daemonEnv = { ...env, NX_DAEMON: 'true' };
    try {
      const ran = check(await nx(ws, ['run', 'app3:docker-push', '--output-style=static'], daemonEnv), 'nx run (daemon)');
      expect(ran.all).toContain(`✓ ECR login: ${HOST}`);
      expect(ran.all).toContain('pushed app3');
      const shown = check(await nx(ws, ['show', 'project', 'app3', '--json'], daemonEnv), 'nx show project (daemon)');
      expect(JSON.parse(shown.all.slice(shown.all.indexOf('{'))).targets['docker-push'].dependsOn).toEqual([LOGIN]);
    } finally {
      await nx(ws, ['daemon', '--stop'], daemonEnv);
    }
  });
});

describe('Nx 21 workspace', () => {
  it('init, the plugin (a `container` target has no target default) and the executors load', async () => {
    check(await nx(ws21, INIT, env), 'nx g ecr-auth:init (Nx 21)');
    const shown = check(await nx(ws21, ['show', 'project', 'legacy', '--json'], env), 'nx show project (Nx 21)');
    expect(JSON.parse(shown.all.slice(shown.all.indexOf('{'))).targets.container.dependsOn).toEqual([LOGIN]);
    const ran = check(await nx(ws21, ['run', 'legacy:container', '--output-style=static'], env), 'nx run (Nx 21)');
    expect(ran.all).toContain(`✓ ECR login: ${HOST}`);
    expect(ran.all).toContain('built legacy');
  });
});
