// Nothing leaked at rest: after a full login (SSO refresh, role credentials, a role chain, three registries) every
// file the tool wrote is owner-only, secrets sit only in the files whose job is to hold them, no file name carries
// an access key id, and helper mode leaves no secret in the Docker config. GitHub OIDC credentials are scoped to
// one workflow run, so a later run on the same (self-hosted) runner never reuses them.
import { Buffer } from 'node:buffer';
import { lstat, readdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ensureIdentity, ensureRegistries } from '../../src/core/session.ts';
import { formatExpiry, ssoTokenPath } from '../../src/core/sso/token-file.ts';
import { DEFAULT_START_URL, startEmulator, type Emulator } from '../emulator/index.ts';
import { makeTestHome, ssoConfig, type TestHome } from '../support/core-context.ts';

let emulator: Emulator;
let t: TestHome;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(() => emulator.stop());
beforeEach(async () => {
  emulator.resetCalls();
  t = await makeTestHome(emulator);
});
afterEach(() => t.cleanup());

/** Every file and directory under root with its mode (symlinks are reported as such). */
async function walk(root: string): Promise<Array<{ path: string; dir: boolean; mode: number; link: boolean }>> {
  const out: Array<{ path: string; dir: boolean; mode: number; link: boolean }> = [];
  const visit = async (path: string): Promise<void> => {
    const info = await lstat(path);
    out.push({ path, dir: info.isDirectory(), mode: info.mode & 0o777, link: info.isSymbolicLink() });
    if (info.isDirectory()) for (const name of await readdir(path)) await visit(join(path, name));
  };
  await visit(root);
  return out;
}

const config = (mode: 'auths' | 'helper') =>
  ssoConfig(DEFAULT_START_URL, {
    identities: { deployer: { kind: 'aws/assume-role', via: { identity: 'dev-admin' }, principal: { assume_role: 'arn:aws:iam::123456789012:role/Deploy' } } },
    integrations: {
      'deploy/west': { kind: 'aws/ecr', via: { identity: 'deployer' }, spec: { registry: { account_id: '123456789012', region: 'us-west-2' } } },
      public: { kind: 'aws/ecr-public', via: { identity: 'dev-admin' } },
    },
    settings: { docker: { mode } },
  });

/** A session about to expire, so that the run refreshes it (and a rotated refresh token lands on disk). */
async function seedNearExpiry() {
  await t.seedSso(emulator, { startUrl: DEFAULT_START_URL });
  const path = ssoTokenPath(t.env, { startUrl: DEFAULT_START_URL });
  const entry = JSON.parse(await readFile(path, 'utf8'));
  await writeFile(path, JSON.stringify({ ...entry, expiresAt: formatExpiry(Date.now() + 5 * 60_000) }), { mode: 0o600 });
}

async function loginEverything(mode: 'auths' | 'helper') {
  await seedNearExpiry();
  const ctx = t.context(config(mode));
  for (const identity of ['dev-admin', 'deployer']) {
    const outcome = await ensureRegistries(ctx, { identity });
    expect(outcome.failures).toEqual([]);
  }
  expect(emulator.calls('sso-oidc:CreateToken')).toBe(1);
  return ctx;
}

describe('at rest', () => {
  it('every file the tool wrote is 0600 in 0700 directories (cache, AWS CLI token cache, Docker config)', async () => {
    await loginEverything('auths');
    const written = [
      ...(await walk(join(t.home, '.cache', 'ecr-auth'))),
      ...(await walk(join(t.home, '.aws', 'sso', 'cache'))).filter((e) => !e.dir),
      ...(await walk(t.env.DOCKER_CONFIG!)),
    ];
    expect(written.length).toBeGreaterThan(8);
    for (const entry of written) {
      expect(entry.link, entry.path).toBe(false);
      expect(entry.mode, `${relative(t.home, entry.path)} mode ${entry.mode.toString(8)}`).toBe(entry.dir ? 0o700 : 0o600);
    }
  });

  it('secrets are only in the token, credential and registry-token files; never in file names, locks, hosts, accounts or the ledger', async () => {
    const ctx = await loginEverything('auths');
    // as issued, and as Docker's `auth` field encodes a registry password
    const secrets = emulator.secrets().flatMap((s) => [s, Buffer.from(`AWS:${s}`).toString('base64')]);
    const keyIds = await Promise.all(['dev-admin', 'deployer'].map(async (id) => (await ensureIdentity(ctx, id)).credentials.accessKeyId));
    const holders = new Set<string>();
    for (const entry of await walk(t.home)) {
      const name = relative(t.home, entry.path);
      for (const keyId of keyIds) expect(name).not.toContain(keyId);
      if (entry.dir || entry.link) continue;
      const text = await readFile(entry.path, 'utf8');
      if (secrets.some((s) => text.includes(s))) holders.add(name.replace(/\/[0-9a-f]{32}\.json$/, '/<hash>.json'));
    }
    expect([...holders].sort()).toEqual([
      relative(t.home, ssoTokenPath(t.env, { startUrl: DEFAULT_START_URL })), // the AWS CLI's own token cache
      '.cache/ecr-auth/credentials/<hash>.json',
      '.cache/ecr-auth/registry-tokens/<hash>.json',
      '.docker/config.json', // auths mode: the registry password, as `docker login` writes it
    ]);
  });

  it('helper mode writes no secret into the Docker config', async () => {
    await loginEverything('helper');
    const docker = await readFile(join(t.env.DOCKER_CONFIG!, 'config.json'), 'utf8');
    for (const secret of emulator.secrets()) expect(docker).not.toContain(secret);
    expect(JSON.parse(docker).credHelpers).toEqual({
      '123456789012.dkr.ecr.us-east-2.amazonaws.com': 'ecr-auth',
      '123456789012.dkr.ecr.us-west-2.amazonaws.com': 'ecr-auth',
      'public.ecr.aws': 'ecr-auth',
    });
  });
});

describe('CI runners', () => {
  it('GitHub OIDC credentials cached by one workflow run are not reused by the next run on the same runner', async () => {
    const gha = { auth: { providers: { gha: { kind: 'github/oidc', region: 'us-east-1', role_arn: 'arn:aws:iam::111111111111:role/gha-deploy' } } } };
    const run = (id: string, repo = 'acme/app') => ({ ...t.env, ...emulator.githubEnv, GITHUB_RUN_ID: id, GITHUB_REPOSITORY: repo });
    const first = await ensureIdentity(t.context(gha, { env: run('41') }), 'gha');
    expect((await ensureIdentity(t.context(gha, { env: run('41') }), 'gha')).source).toBe('cache');
    const next = await ensureIdentity(t.context(gha, { env: run('42') }), 'gha');
    const otherRepo = await ensureIdentity(t.context(gha, { env: run('41', 'evil/fork') }), 'gha');
    expect(next.source).not.toBe('cache');
    expect(otherRepo.source).not.toBe('cache');
    expect(new Set([first, next, otherRepo].map((s) => s.credentials.accessKeyId)).size).toBe(3);
    expect(emulator.calls('sts:AssumeRoleWithWebIdentity')).toBe(3);
  });
});
