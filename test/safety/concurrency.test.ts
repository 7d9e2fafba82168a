// Nothing lost under concurrency. Many real processes released at the same instant against one Docker config and
// one SSO session: no lost update, no torn file, no foreign key dropped, no lock left behind, and the rotating SSO
// refresh token used exactly once however many processes find the access token about to expire.
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeAuth } from '../../src/core/docker/config-file.ts';
import { authDigest, readDockerLedger } from '../../src/core/docker/ledger.ts';
import { ensureSsoToken } from '../../src/core/sso/ensure-token.ts';
import { formatExpiry, readSsoTokenFile, ssoTokenPath } from '../../src/core/sso/token-file.ts';
import { createToken } from '../../src/core/sso/oidc-client.ts';
import { DEFAULT_START_URL, startEmulator, type Emulator } from '../emulator/index.ts';
import { makeTestHome, ssoConfig } from '../support/core-context.ts';
import { runTogether, startChild } from './support/children.ts';

const PROCESSES = 64;
const ROUNDS = 2;
const SSO_PROCESSES = 12;

/** Every kind of key a Docker config may hold that this tool does not own. */
const FOREIGN = {
  auths: { 'ghcr.io': { auth: 'Z2g6dG9rZW4=', identitytoken: 'idt' }, 'quay.io': {}, 'https://index.docker.io/v1/': { auth: 'dTpw' } },
  credsStore: '',
  credHelpers: { 'gcr.io': 'gcloud', '999999999999.dkr.ecr.us-east-1.amazonaws.com': 'ecr-login' },
  proxies: { default: { httpProxy: 'http://proxy:3128', noProxy: '*.internal' } },
  plugins: { buildx: { hooks: 'build' }, debug: { enabled: 'true' } },
  currentContext: 'colima',
  detachKeys: 'ctrl-e,e',
  'x-unknown': { n: [1, { deep: true }], s: 'kept' },
};

describe('one Docker config, many writers', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ea-safety-conc-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it(`${PROCESSES} processes released together, ${ROUNDS} rounds: every entry present and current, foreign keys intact, ledger complete`, async () => {
    const dockerDir = join(dir, 'docker');
    const cache = join(dir, 'cache');
    const configPath = join(dockerDir, 'config.json');
    await mkdir(dockerDir, { recursive: true });
    await writeFile(configPath, JSON.stringify(FOREIGN, null, '\t'), { mode: 0o600 });
    const hosts = Array.from({ length: PROCESSES }, (_, i) => `${String(100000000000 + i)}.dkr.ecr.us-east-1.amazonaws.com`);
    const script = 'test/safety/fixtures/save-login.mjs';

    for (let round = 1; round <= ROUNDS; round++) {
      const password = (i: number) => `round-${round}-password-of-${hosts[i]}`;
      const started = Date.now();
      const results = await runTogether(PROCESSES, (i) => startChild(script, [dockerDir, cache, hosts[i]!, password(i)]));
      console.info(`concurrency: round ${round}: ${PROCESSES} processes in ${Date.now() - started} ms`);
      for (const r of results) expect(r.code, r.stderr).toBe(0);
      for (const r of results) expect(JSON.parse(r.stdout)).toMatchObject({ storedIn: 'auths', mode: 'auths' });

      // valid JSON, every registry of this round with this round's password (a lost update would leave the old one)
      const config = JSON.parse(await readFile(configPath, 'utf8'));
      hosts.forEach((host, i) => expect(config.auths[host], host).toEqual({ auth: encodeAuth('AWS', password(i)) }));
      const { auths, ...rest } = config;
      const { auths: foreignAuths, ...foreignRest } = FOREIGN;
      expect(rest).toEqual(foreignRest);
      for (const [host, entry] of Object.entries(foreignAuths)) expect(auths[host]).toEqual(entry);
      expect(Object.keys(auths)).toHaveLength(PROCESSES + Object.keys(foreignAuths).length);
      expect((await stat(configPath)).mode & 0o777).toBe(0o600);

      // the ledger names each host once, with the fingerprint of what is in config.json now
      const ledger = await readDockerLedger({ ECR_AUTH_CACHE_DIR: cache });
      expect(ledger).toHaveLength(PROCESSES);
      expect(ledger.map((e) => e.host).sort()).toEqual([...hosts].sort());
      for (const entry of ledger) {
        const i = hosts.indexOf(entry.host);
        expect(entry).toMatchObject({ configPath, mode: 'auths', identity: 'concurrent', authDigest: authDigest(encodeAuth('AWS', password(i))) });
      }
      // nothing left behind: no temp file beside config.json, no lock
      expect(await readdir(dockerDir)).toEqual(['config.json']);
      expect(await readdir(join(cache, 'locks'))).toEqual([]);
    }
  }, 180_000);
});

describe('one SSO session about to expire, many processes', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startEmulator();
  });
  afterAll(() => emulator.stop());

  it(`${SSO_PROCESSES} processes through the whole identity path: one refresh, one GetRoleCredentials, one ECR token, the rotated refresh token kept`, async () => {
    const t = await makeTestHome(emulator);
    try {
      const provider = { startUrl: DEFAULT_START_URL };
      const seeded = emulator.mintSsoSession({ startUrl: DEFAULT_START_URL });
      const path = ssoTokenPath(t.env, provider);
      await mkdir(join(path, '..'), { recursive: true });
      // 5 minutes left: under the 15 minute minimum validity, so every process wants a refresh
      await writeFile(path, JSON.stringify({ ...seeded, expiresAt: formatExpiry(Date.now() + 5 * 60_000) }));
      const config = ssoConfig(DEFAULT_START_URL);
      const input = join(t.home, 'input.json');
      await writeFile(input, JSON.stringify({ env: t.env, config, source: join(t.home, 'ecr-auth.config.yaml') }));
      emulator.resetCalls();

      const started = Date.now();
      const results = await runTogether(SSO_PROCESSES, () => startChild('test/safety/fixtures/ensure-session.ts', [input], t.env));
      console.info(`concurrency: ${SSO_PROCESSES} identity processes in ${Date.now() - started} ms`);
      for (const r of results) expect(r.code, r.stderr).toBe(0);
      const outs = results.map((r) => JSON.parse(r.stdout));

      expect(emulator.calls('sso-oidc:CreateToken')).toBe(1);
      expect(emulator.calls('sso-oidc:RegisterClient')).toBe(0);
      expect(emulator.calls('sso:ListAccounts')).toBe(1);
      expect(emulator.calls('sso:GetRoleCredentials')).toBe(1);
      expect(emulator.calls('ecr:GetAuthorizationToken')).toBe(1);
      // all succeed, with the same credentials; exactly one process obtained them and one fetched the token
      for (const o of outs) expect(o.failures).toEqual([]);
      expect(new Set(outs.map((o) => o.accessKeyId)).size).toBe(1);
      expect(new Set(outs.map((o) => o.secretDigest)).size).toBe(1);
      expect(outs.filter((o) => o.source !== 'cache')).toHaveLength(1);
      expect(outs.flatMap((o) => o.logins).filter((l) => l.source === 'fetched')).toHaveLength(1);

      // the file holds the new access token and the rotated refresh token; the seeded one is spent
      const saved = await readSsoTokenFile(path);
      expect(saved?.accessToken).not.toBe(seeded.accessToken);
      expect(saved!.expiresAt - Date.now()).toBeGreaterThan(60 * 60_000);
      expect(saved?.refreshToken).toBeTruthy();
      expect(saved?.refreshToken).not.toBe(seeded.refreshToken);
      const spent = createToken(t.env, 'us-east-1', seeded, { grantType: 'refresh_token', refreshToken: seeded.refreshToken });
      await expect(spent).rejects.toMatchObject({ code: 'E_SSO_EXPIRED' });
      // ...and the one kept is alive: a forced refresh with it succeeds
      const ctx = t.context(config);
      const sso = ctx.config.providers['company-sso'];
      if (sso?.kind !== 'aws/iam-identity-center') throw new Error('fixture');
      expect((await ensureSsoToken(ctx, sso, { forceRefresh: true })).source).toBe('refreshed');
    } finally {
      await t.cleanup();
    }
  }, 120_000);
});
