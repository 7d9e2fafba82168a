// `nx run-many -t docker-push` in a real Nx 24 workspace set up by `nx g ecr-auth:init`: twelve projects each run a
// real `docker build` + `docker push` through a private dockerd to the ECR host name (routed to a real registry that
// accepts only the emulator's token). One identity login and one GetAuthorizationToken serve the whole run; a second
// run makes no AWS call at all.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type PushStack, startPushStack } from '../harness/push-stack.ts';
import { registryStatus } from '../harness/registry.ts';
import { assertRealParts, skipRealTests } from '../harness/system.ts';
import { makeTempDir, removeTempDir } from '../harness/temp-dir.ts';
import { DEFAULT_START_URL, startEmulator, type Emulator } from '../emulator/index.ts';
import { makeTestHome, type TestHome } from '../support/core-context.ts';
import { dockerWorkspace } from './support/docker-apps.ts';
import { buildAndPack, check, installWorkspace, npmEnv, nx, writeTree } from './support/workspace.ts';

const HOST = '123456789012.dkr.ecr.us-east-1.amazonaws.com';
const PROJECTS = 12;
const password = randomBytes(1125).toString('base64');

let dir = '';
let ws = '';
let emulator: Emulator;
let stack: PushStack;
let t: TestHome;
let env: Record<string, string>;

beforeAll(async () => {
  if (skipRealTests()) return;
  assertRealParts();
  dir = await makeTempDir('nx-docker');
  emulator = await startEmulator({ ecrPassword: () => password });
  stack = await startPushStack(HOST, { username: 'AWS', password });
  t = await makeTestHome(emulator);
  await t.seedSso(emulator, { startUrl: DEFAULT_START_URL });
  const npm = await npmEnv();
  env = { ...t.env, ...stack.dockerd.env, ...npm, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false', CI: 'true' };
  ws = join(dir, 'ws');
  await writeTree(ws, dockerWorkspace(PROJECTS, HOST));
  await installWorkspace(ws, '24', await buildAndPack(dir), npm);
  check(
    await nx(ws, ['g', 'ecr-auth:init', '--startUrl', DEFAULT_START_URL, '--region', 'us-east-1', '--account', 'dev', '--permissionSet', 'AdministratorAccess', '--registries', '123456789012:us-east-1', '--no-interactive'], env),
    'nx g ecr-auth:init',
  );
}, 400_000);

afterAll(async () => {
  await stack?.stop();
  await Promise.allSettled([emulator?.stop(), t?.cleanup()]);
  if (dir) await removeTempDir(dir);
});

it.skipIf(skipRealTests())(`run-many over ${PROJECTS} projects: one login, one ECR token, ${PROJECTS} real pushes; then no AWS call`, async () => {
  emulator.resetCalls();
  const first = check(await nx(ws, ['run-many', '-t', 'docker-push', '--parallel=4', '--output-style=static'], env), 'first run-many');
  expect(first.all.match(/✓ ECR login: /g)).toHaveLength(1);
  expect(emulator.calls('sso:GetRoleCredentials')).toBe(1);
  expect(emulator.calls('ecr:GetAuthorizationToken')).toBe(1);
  expect(emulator.calls('sso-oidc:CreateToken')).toBe(0);
  // every image is in the registry, which only the emulator's token opens
  for (let i = 1; i <= PROJECTS; i++) {
    const name = `app${String(i).padStart(2, '0')}`;
    const tags = await fetch(`${stack.registry.url}/v2/${name}/tags/list`, { headers: { Authorization: `Basic ${Buffer.from(`AWS:${password}`).toString('base64')}` } });
    expect(await tags.json()).toEqual({ name, tags: ['1'] });
  }
  expect(await registryStatus(stack.registry.url, { username: 'AWS', password: 'wrong' })).toBe(401);
  for (const secret of emulator.secrets()) expect(first.all).not.toContain(secret);

  emulator.resetCalls();
  const second = check(await nx(ws, ['run-many', '-t', 'docker-push', '--parallel=4', '--output-style=static'], env), 'second run-many');
  expect(second.all).toMatch(/✓ ECR login: .*expires in 11h5\dm/);
  expect(emulator.calls()).toBe(0);
});
