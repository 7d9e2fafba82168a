// A benchmark workspace: a temporary HOME (AWS CLI SSO cache, our cache, Docker config all inside it), a project
// directory holding ecr-auth.config.yaml, and the environment a child process gets (the emulator's endpoints and
// nothing inherited from the caller's AWS setup).
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { ssoTokenPath } from '../../src/core/sso/token-file.ts';
import { DEFAULT_START_URL, type Emulator } from '../../test/emulator/index.ts';

/** One aws/ecr integration of the benchmark config. */
export interface BenchRegistry {
  name: string;
  account: string;
  region: string;
}

export interface WorkspaceOptions {
  registries: readonly BenchRegistry[];
  /** settings.docker.mode; default auto. */
  dockerMode?: 'auto' | 'auths' | 'helper';
  /** Unrelated `auths` entries already in ~/.docker/config.json. */
  dockerEntries?: number;
  /** Added to the environment (e.g. NODE_EXTRA_CA_CERTS, or static AWS keys): every command of a comparison gets it. */
  extraEnv?: Record<string, string>;
}

export interface BenchWorkspace {
  home: string;
  /** The project directory (cwd of every command); holds ecr-auth.config.yaml. */
  dir: string;
  env: Record<string, string>;
  /** Writes the emulator's SSO session into the AWS CLI cache, as `aws sso login` does. */
  seedSso(): Promise<void>;
  cleanup(): Promise<void>;
}

/** The host of an ECR registry. */
export const hostOf = (r: BenchRegistry) => `${r.account}.dkr.ecr.${r.region}.amazonaws.com`;

/** `n` integrations of the dev identity: distinct accounts in us-east-2 (one ECR token serves them all). */
export function manyRegistries(n: number): BenchRegistry[] {
  return Array.from({ length: n }, (_, i) => ({ name: `app-${i}/ecr`, account: String(100_000_000_000 + i), region: 'us-east-2' }));
}

/** The config document: one SSO provider, one permission set (AdministratorAccess in account dev), the registries. */
export function benchConfig(options: WorkspaceOptions): object {
  const integrations = Object.fromEntries(
    options.registries.map((r) => [r.name, { kind: 'aws/ecr', via: { identity: 'dev-admin' }, spec: { registry: { account_id: r.account, region: r.region } } }]),
  );
  return {
    auth: {
      providers: { 'company-sso': { kind: 'aws/iam-identity-center', region: 'us-east-1', start_url: DEFAULT_START_URL } },
      identities: {
        'dev-admin': { kind: 'aws/permission-set', via: { provider: 'company-sso' }, principal: { name: 'AdministratorAccess', account: 'dev' } },
      },
      integrations,
      ...(options.dockerMode ? { settings: { docker: { mode: options.dockerMode } } } : {}),
    },
  };
}

function dockerConfig(entries: number): string {
  const auths: Record<string, { auth: string }> = {};
  for (let i = 0; i < entries; i++) {
    auths[`registry-${i}.example.com`] = { auth: Buffer.from(`user${i}:password-${i}`).toString('base64') };
  }
  return `${JSON.stringify({ auths }, null, '\t')}\n`;
}

/** Creates the workspace (config written; SSO not yet seeded). */
export async function makeWorkspace(emulator: Emulator, options: WorkspaceOptions): Promise<BenchWorkspace> {
  const home = await mkdtemp(join(tmpdir(), 'ea-bench-'));
  const dir = join(home, 'project');
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'ecr-auth.config.yaml'), stringify(benchConfig(options)));
  if (options.dockerEntries) {
    await mkdir(join(home, '.docker'), { recursive: true });
    await writeFile(join(home, '.docker', 'config.json'), dockerConfig(options.dockerEntries));
  }
  const env: Record<string, string> = {
    HOME: home,
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    DOCKER_CONFIG: join(home, '.docker'),
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    ...emulator.env,
    ...options.extraEnv,
  };
  return {
    home,
    dir,
    env,
    async seedSso() {
      const entry = emulator.mintSsoSession({ startUrl: DEFAULT_START_URL, region: 'us-east-1' });
      const path = ssoTokenPath(env, { startUrl: DEFAULT_START_URL });
      await mkdir(join(path, '..'), { recursive: true });
      await writeFile(path, JSON.stringify(entry));
    },
    cleanup: () => rm(home, { recursive: true, force: true }),
  };
}
