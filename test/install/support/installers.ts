// The package managers users install ecr-auth with, other than npm: Yarn Berry (Plug'n'Play or `nodeLinker:
// node-modules`) and pnpm. Each comes from the npm registry (@yarnpkg/cli-dist, pnpm) into a tools folder, and keeps
// its package store under .tmp/ so only the first run on a machine downloads. A project depends on the packed
// ecr-auth by its tarball; `proveLogin` is the check every install test runs: `ecr-auth validate` and
// `ecr-auth ecr-login` through the package manager, against the AWS emulator, writing the Docker config.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { Emulator } from '../../emulator/index.ts';
import { packEcrAuth } from '../../runners/support/package.ts';
import { dockerPassword, machineEnv, ok, REPO, type Ran, run, secretsIn, seedSsoSession, writeTree } from '../../runners/support/sandbox.ts';

export const TIMEOUT = 300_000;
/** examples/npm-scripts/ecr-auth.config.yaml's SSO start URL and registry. */
export const START_URL = 'https://company.awsapps.com/start/';
export const HOST = '123456789012.dkr.ecr.us-east-2.amazonaws.com';

/** How one package manager is fetched, configured for a project, and asked to install and run a bin. */
export interface Installer {
  name: string;
  /** The npm package carrying it, pinned. */
  tool: string;
  /** The command that runs it, from the tools folder it was installed into. */
  command(tools: string): { file: string; args: string[] };
  /** Files written into the project beside package.json (its settings). */
  settings: Record<string, string>;
  /** The arguments that add the tarball at `spec` (`./name.tgz`, relative to the project) as a dependency. */
  add(spec: string): string[];
  /** The arguments that run one of the project's bins. */
  exec(bin: string, args: string[]): string[];
}

/** Yarn Berry with the given linker; its cache is Yarn's global folder under .tmp/. */
export function yarn(linker: 'pnp' | 'node-modules'): Installer {
  return {
    name: `Yarn (nodeLinker: ${linker})`,
    tool: '@yarnpkg/cli-dist@4.18.1',
    command: (tools) => ({ file: process.execPath, args: [join(tools, 'node_modules', '@yarnpkg', 'cli-dist', 'bin', 'yarn.js')] }),
    settings: {
      '.yarnrc.yml': [
        `nodeLinker: ${linker}`,
        'npmRegistryServer: "https://registry.npmjs.org"',
        'enableTelemetry: false',
        'enableImmutableInstalls: false',
        'enableGlobalCache: true',
        `globalFolder: ${JSON.stringify(join(REPO, '.tmp', 'yarn-global'))}`,
        '',
      ].join('\n'),
    },
    add: (spec) => ['add', `ecr-auth@file:${spec}`],
    exec: (bin, args) => [bin, ...args],
  };
}

/** pnpm (since 11 a native executable, which npm links as the package's bin); its store under .tmp/. */
export const pnpm: Installer = {
  name: 'pnpm',
  tool: 'pnpm@12.25.1',
  command: (tools) => ({ file: join(tools, 'node_modules', '.bin', 'pnpm'), args: [] }),
  settings: {},
  add: (spec) => ['add', spec, '--store-dir', join(REPO, '.tmp', 'pnpm-store'), '--reporter=append-only'],
  exec: (bin, args) => ['exec', bin, ...args],
};

/** Our environment (the package managers need its network settings: CA bundle, proxies), without what npm set. */
export function hostEnv(): Record<string, string> {
  const env = Object.fromEntries(Object.entries(process.env).filter((entry): entry is [string, string] => entry[1] !== undefined));
  for (const name of Object.keys(env)) if (name.startsWith('npm_')) delete env[name];
  return { ...env, YARN_ENABLE_PROGRESS_BARS: 'false' };
}

/** A project under `dir/service` that depends on the packed ecr-auth, installed with `installer`. */
export interface InstalledProject {
  root: string;
  /** Runs the package manager in the project with exactly `env`. */
  run(args: string[], env: Record<string, string>): Promise<Ran>;
  /** Runs the `ecr-auth` bin through the package manager. */
  ecrAuth(args: string[], env: Record<string, string>): Promise<Ran>;
}

/** Fetches the package manager, packs ecr-auth, writes the project (with `extra` dev dependencies and files), and
 * adds the tarball as a user does before it is published (`pnpm add ./ecr-auth-0.1.0.tgz`,
 * `yarn add ecr-auth@file:./ecr-auth-0.1.0.tgz`), which also installs the rest. */
export async function installProject(
  installer: Installer,
  dir: string,
  extra: { devDependencies?: Record<string, string>; files?: Record<string, unknown> } = {},
): Promise<InstalledProject> {
  const tools = join(dir, 'tools');
  const root = join(dir, 'service');
  await writeTree(tools, { 'package.json': { name: 'tools', private: true } });
  const fetched = run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error', installer.tool], { cwd: tools, env: hostEnv(), timeout: TIMEOUT });
  const tarball = await packEcrAuth(root);
  await writeTree(root, {
    'package.json': { name: 'service', private: true, ...(extra.devDependencies ? { devDependencies: extra.devDependencies } : {}) },
    'ecr-auth.config.yaml': await readFile(join(REPO, 'examples', 'npm-scripts', 'ecr-auth.config.yaml'), 'utf8'),
    ...installer.settings,
    ...extra.files,
  });
  ok(await fetched, `npm install ${installer.tool}`);
  const { file, args: leading } = installer.command(tools);
  const project: InstalledProject = {
    root,
    run: (args, env) => run(file, [...leading, ...args], { cwd: root, env, timeout: TIMEOUT }),
    ecrAuth: (args, env) => project.run(installer.exec('ecr-auth', args), env),
  };
  ok(await project.run(installer.add(`./${tarball.slice(root.length + 1)}`), hostEnv()), `${installer.name}: add the tarball`);
  return project;
}

/**
 * `ecr-auth validate` and `ecr-auth ecr-login` through the package manager on a clean machine (`home`, the SSO
 * session of `aws sso login` seeded): one ECR token, the Docker config written, no secret printed; a second login
 * is served from the cache with no AWS call.
 */
export async function proveLogin(project: InstalledProject, home: string, emulator: Emulator): Promise<void> {
  await seedSsoSession(home, emulator, START_URL);
  const env = machineEnv(home, emulator);
  const validated = await project.ecrAuth(['validate'], env);
  expect(validated.exitCode, validated.all).toBe(0);
  expect(validated.stdout).toContain(HOST);

  emulator.resetCalls();
  const login = await project.ecrAuth(['ecr-login'], env);
  expect(login.exitCode, login.all).toBe(0);
  expect(login.all).not.toMatch(/E_INTERNAL|not implemented/i);
  expect(login.stdout).toMatch(new RegExp(`✓ ECR login: ${HOST.replaceAll('.', '\\.')}`));
  expect(emulator.calls('ecr:GetAuthorizationToken')).toBe(1);
  expect(await dockerPassword(env.DOCKER_CONFIG!, HOST)).toBe(emulator.ecrPasswords().at(-1)!.password);
  expect(secretsIn(login.all, emulator.secrets())).toEqual([]);

  emulator.resetCalls();
  const again = await project.ecrAuth(['ecr-login'], env);
  expect(again.exitCode, again.all).toBe(0);
  expect(emulator.calls()).toBe(0);
}
