// Builds a real CoreContext for in-process tests: a temporary HOME (so the SSO cache, our cache and the Docker
// config are all isolated), the emulator's endpoints, and a logger that records what the user would see.
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateConfig } from '../../src/core/config/validate.ts';
import type { CoreContext } from '../../src/core/context.ts';
import { makeContext } from '../../src/core/make-context.ts';
import { ssoTokenPath } from '../../src/core/sso/token-file.ts';
import type { Emulator } from '../emulator/index.ts';

export interface TestHome {
  home: string;
  env: Record<string, string>;
  lines: string[];
  context(raw: unknown, overrides?: Partial<Omit<CoreContext, 'config'>>): CoreContext;
  /** Writes the emulator's SSO session into the AWS CLI cache, as `aws sso login` would have. */
  seedSso(emulator: Emulator, provider: { startUrl: string; region?: string; sessionName?: string }): Promise<void>;
  cleanup(): Promise<void>;
}

/** A temporary HOME wired to an emulator. */
export async function makeTestHome(emulator: Emulator, extraEnv: Record<string, string> = {}): Promise<TestHome> {
  const home = await mkdtemp(join(tmpdir(), 'ea-home-'));
  const env: Record<string, string> = {
    HOME: home,
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    DOCKER_CONFIG: join(home, '.docker'),
    ...emulator.env,
    ...extraEnv,
  };
  const lines: string[] = [];
  return {
    home,
    env,
    lines,
    context(raw, overrides = {}) {
      const result = validateConfig(raw, join(home, 'ecr-auth.config.yaml'));
      if (!result.config) throw new Error(`test config invalid: ${JSON.stringify(result.errors)}`);
      const ctx = makeContext({
        env: overrides.env ?? env,
        cwd: home,
        config: result.config,
        log: overrides.log ?? {
          info: (m) => lines.push(`info: ${m}`),
          warn: (m) => lines.push(`warn: ${m}`),
          verbose: (m) => lines.push(`verbose: ${m}`),
        },
      });
      return { ...ctx, ...overrides, store: ctx.store };
    },
    async seedSso(em, provider) {
      const entry = em.mintSsoSession({ startUrl: provider.startUrl, region: provider.region ?? 'us-east-1' });
      const path = ssoTokenPath(env, { startUrl: provider.startUrl, ...(provider.sessionName ? { sessionName: provider.sessionName } : {}) });
      await mkdir(join(path, '..'), { recursive: true });
      await writeFile(path, JSON.stringify(entry));
    },
    cleanup: () => rm(home, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 }),
  };
}

/** The config most tests use: one SSO provider, a permission set in the dev account, ECR registries. */
export function ssoConfig(startUrl: string, extra: { identities?: object; integrations?: object; settings?: object } = {}) {
  return {
    auth: {
      providers: { 'company-sso': { kind: 'aws/iam-identity-center', region: 'us-east-1', start_url: startUrl } },
      identities: {
        'dev-admin': {
          kind: 'aws/permission-set',
          via: { provider: 'company-sso' },
          principal: { name: 'AdministratorAccess', account: 'dev' },
          default: true,
        },
        ...extra.identities,
      },
      integrations: {
        'dev/ecr/primary': {
          kind: 'aws/ecr',
          via: { identity: 'dev-admin' },
          spec: { registry: { account_id: '123456789012', region: 'us-east-2' } },
        },
        ...extra.integrations,
      },
      ...(extra.settings ? { settings: extra.settings } : {}),
    },
  };
}
