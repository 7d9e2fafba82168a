// The Nx workspaces of the Nx benchmark, written by hand: PROJECTS apps whose docker-push runs a given command and,
// unless wiring is none, depends on one root `ecr-login` target (cache: false) that every push shares.
import { mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** How many apps a workspace has. */
export const PROJECTS = 20;

/**
 * No login; a shell step (`nx:run-commands` running the CLI); the package's `ecr-auth:ecr-login` executor; or a local
 * executor that does nothing (`bench-noop:noop`, one line of CommonJS): what Nx itself adds for any executor but
 * `nx:run-commands`, so that the executor's cost splits into Nx's part and ours.
 */
export type AuthWiring = 'none' | 'run-commands' | 'executor' | 'noop-executor';

async function writeJson(path: string, value: unknown): Promise<void> {
  await mkdir(join(path, '..'), { recursive: true });
  await writeFile(path, `${JSON.stringify(value, null, 2)}\n`);
}

/** The root `ecr-login` target: a shell command running the CLI, or the package's own executor. */
function loginTarget(wiring: AuthWiring, login: readonly string[]) {
  if (wiring === 'executor') return { executor: 'ecr-auth:ecr-login', options: { integrations: ['app-0/ecr'] }, cache: false };
  if (wiring === 'noop-executor') return { executor: 'bench-noop:noop', options: {}, cache: false };
  const quote = (arg: string) => `'${arg.replace(/'/g, `'\\''`)}'`;
  return { executor: 'nx:run-commands', options: { command: login.map(quote).join(' ') }, cache: false };
}

/** A package whose one executor resolves { success: true } at once (CommonJS: the cheapest module Nx can load). */
async function writeNoopExecutor(dir: string): Promise<void> {
  await writeJson(join(dir, 'package.json'), { name: 'bench-noop', version: '1.0.0', executors: './executors.json' });
  await writeJson(join(dir, 'executors.json'), { executors: { noop: { implementation: './noop.js', schema: './schema.json', description: 'does nothing' } } });
  await writeJson(join(dir, 'schema.json'), { $schema: 'https://json-schema.org/schema', version: 2, type: 'object', properties: {} });
  await writeFile(join(dir, 'noop.js'), 'module.exports = async () => ({ success: true });\n');
}

/** Writes the workspace at `root`; `pkg` is the package (with dist/) the executor wiring installs. */
export async function writeNxWorkspace(root: string, pkg: string, wiring: AuthWiring, login: readonly string[], push: (i: number) => string): Promise<void> {
  await rm(root, { recursive: true, force: true });
  await writeJson(join(root, 'package.json'), { name: 'bench-workspace', private: true });
  await writeJson(join(root, 'nx.json'), { $schema: './node_modules/nx/schemas/nx-schema.json', useDaemonProcess: false });
  if (wiring !== 'none') {
    await writeJson(join(root, 'tools/auth/project.json'), { name: 'auth', root: 'tools/auth', targets: { 'ecr-login': loginTarget(wiring, login) } });
  }
  if (wiring === 'executor') {
    // the package as `npm install ecr-auth` would place it (Nx resolves executors from the workspace's node_modules)
    await mkdir(join(root, 'node_modules'), { recursive: true });
    await symlink(pkg, join(root, 'node_modules', 'ecr-auth'), 'dir');
  }
  if (wiring === 'noop-executor') await writeNoopExecutor(join(root, 'node_modules', 'bench-noop'));
  for (let i = 0; i < PROJECTS; i++) {
    await writeJson(join(root, `apps/app-${i}/project.json`), {
      name: `app-${i}`,
      root: `apps/app-${i}`,
      targets: {
        'docker-push': {
          executor: 'nx:run-commands',
          options: { command: push(i) },
          cache: false,
          ...(wiring === 'none' ? {} : { dependsOn: [{ target: 'ecr-login', projects: ['auth'] }] }),
        },
      },
    });
  }
}
