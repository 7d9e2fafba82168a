// The Nx part of `npm run demo`: a temporary Nx 24 workspace with the packed ecr-auth, set up by `nx g ecr-auth:init`,
// where `nx run demo-app:docker-push` logs in first and then really builds and pushes; then `nx run-many` over every
// project shows the cached login serving them all with no AWS call.
import { join } from 'node:path';
import { DEFAULT_START_URL, type Emulator } from '../test/emulator/index.ts';
import { dockerApp } from '../test/nx/support/docker-apps.ts';
import { buildAndPack, check, installWorkspace, npmEnv, nx, writeTree } from '../test/nx/support/workspace.ts';

export interface NxDemoInput {
  dir: string;
  env: NodeJS.ProcessEnv;
  emulator: Emulator;
  dockerHost: string;
  ecrHost: string;
  step(title: string): void;
}

const APPS = ['demo-app', 'api', 'worker'];

function show(command: string, output: string): void {
  console.log(`$ ${command}`);
  const lines = output.split('\n').filter((line) => line.trim() !== '');
  console.log(lines.map((line) => `  ${line}`).join('\n'));
}

function calls(emulator: Emulator): string {
  const ops = [...new Set(emulator.callLog.map((c) => c.op))];
  return ops.length === 0 ? 'none' : ops.map((op) => `${op} ×${emulator.calls(op)}`).join(', ');
}

/** Runs the Nx walkthrough; throws when a step fails. */
export async function runNxDemo({ dir, env, emulator, dockerHost, ecrHost, step }: NxDemoInput): Promise<void> {
  step('An Nx workspace with ecr-auth installed, set up by nx g ecr-auth:init (installing nx into a temporary workspace: about a minute)');
  const ws = join(dir, 'nx-workspace');
  const files: Record<string, unknown> = { 'package.json': { name: 'demo', private: true, workspaces: ['apps/*'] }, 'nx.json': {} };
  for (const app of APPS) Object.assign(files, dockerApp(app, ecrHost));
  await writeTree(ws, files);
  const npm = await npmEnv();
  await installWorkspace(ws, '24', await buildAndPack(join(dir, 'pack')), npm);
  const nxEnv: Record<string, string> = {
    ...(env as Record<string, string>),
    DOCKER_HOST: dockerHost,
    ...npm,
    NX_DAEMON: 'false',
    NX_NO_CLOUD: 'true',
    NX_TUI: 'false',
  };
  const init = ['g', 'ecr-auth:init', '--startUrl', DEFAULT_START_URL, '--region', 'us-east-1',
    '--account', '123456789012', '--permissionSet', 'AdministratorAccess', '--identity', 'dev-admin', '--no-interactive'];
  show(`nx ${init.join(' ')}`, check(await nx(ws, init, nxEnv), 'nx g ecr-auth:init').all);

  step('nx run demo-app:docker-push — the login task runs first, then the real build and push');
  emulator.resetCalls();
  show('nx run demo-app:docker-push', check(await nx(ws, ['run', 'demo-app:docker-push', '--output-style=static'], nxEnv), 'nx run demo-app:docker-push').all);
  console.log(`  AWS calls: ${calls(emulator)}`);

  step(`nx run-many -t docker-push over ${APPS.length} projects — one shared login task, served from the cache`);
  emulator.resetCalls();
  show('nx run-many -t docker-push', check(await nx(ws, ['run-many', '-t', 'docker-push', '--output-style=static'], nxEnv), 'nx run-many').all);
  console.log(`  AWS calls: ${calls(emulator)}`);
}
