// A user's world for runs of the real CLI: a temporary root (traversable by `nobody`) holding HOME with the default
// places (~/.docker/config.json, ~/.aws/sso/cache, ~/.cache/ecr-auth) and a config file in the working directory,
// wired to the emulator. Nothing points at the test runner's own HOME.
import { chmod, lstat, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import process from 'node:process';
import { stringify } from 'yaml';
import { ssoTokenPath } from '../../../src/core/sso/token-file.ts';
import { DEFAULT_START_URL, type Emulator } from '../../emulator/index.ts';
import { ssoConfig } from '../../support/core-context.ts';

export interface CliHome {
  /** The temporary root (0755); everything below belongs to one case. */
  root: string;
  home: string;
  /** The working directory of runs (HOME itself), where the config is searched from. */
  cwd: string;
  /** `<home>/ecr-auth.config.yaml`, found by the upward search. */
  configPath: string;
  dockerDir: string;
  dockerConfigPath: string;
  /** `~/.cache/ecr-auth`. */
  cacheDir: string;
  /** `~/.aws/sso/cache/<sha1(start url)>.json` of the default provider. */
  ssoTokenPath: string;
  /** The environment of a run: HOME, PATH and the emulator's endpoints (no DOCKER_CONFIG: the default is used). */
  env: Record<string, string>;
  /** Writes the config: a document (as YAML) or raw text; default path `configPath`. */
  writeConfig(document: unknown, path?: string): Promise<string>;
  /** Writes a session the emulator accepts into the AWS CLI cache, as `aws sso login` would have. */
  seedSso(): Promise<void>;
  cleanup(): Promise<void>;
}

/** The config most cases use: one SSO provider, the default permission set, and one ECR registry. */
export const standardConfig = (extra: Parameters<typeof ssoConfig>[1] = {}) => ssoConfig(DEFAULT_START_URL, extra);

/** Gives the owner rwx on every directory under `dir` (best effort). */
async function ownerWritable(dir: string): Promise<void> {
  const info = await lstat(dir).catch(() => undefined);
  if (!info?.isDirectory()) return;
  await chmod(dir, (info.mode & 0o777) | 0o700).catch(() => {});
  for (const name of await readdir(dir).catch(() => [] as string[])) await ownerWritable(join(dir, name));
}

/** A fresh world under a temporary root; its config is `standardConfig()` and no SSO session is seeded yet. */
export async function makeCliHome(emulator: Emulator, extraEnv: Record<string, string> = {}): Promise<CliHome> {
  const root = await mkdtemp(join(tmpdir(), 'ea-cli-'));
  await chmod(root, 0o755);
  const home = join(root, 'home');
  await mkdir(home, { mode: 0o755 });
  await chmod(home, 0o755);
  const env: Record<string, string> = {
    HOME: home,
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    ...emulator.env,
    ...extraEnv,
  };
  const world: CliHome = {
    root,
    home,
    cwd: home,
    configPath: join(home, 'ecr-auth.config.yaml'),
    dockerDir: join(home, '.docker'),
    dockerConfigPath: join(home, '.docker', 'config.json'),
    cacheDir: join(home, '.cache', 'ecr-auth'),
    ssoTokenPath: ssoTokenPath(env, { startUrl: DEFAULT_START_URL }),
    env,
    async writeConfig(document, path = world.configPath) {
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, typeof document === 'string' ? document : stringify(document));
      return path;
    },
    async seedSso() {
      await mkdir(dirname(world.ssoTokenPath), { recursive: true });
      await writeFile(world.ssoTokenPath, JSON.stringify(emulator.mintSsoSession({ startUrl: DEFAULT_START_URL })));
    },
    cleanup: async () => {
      await ownerWritable(root); // cases make directories read-only; a non-root runner could not remove them
      await rm(root, { recursive: true, force: true });
    },
  };
  await world.writeConfig(standardConfig());
  return world;
}
