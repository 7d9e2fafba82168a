// Keep-fresh across several expiries: with emulator lifetimes of seconds, `ecr-auth exec --keep-fresh` runs a child
// that keeps calling AWS through the real SDK (credentials from the loopback container-credentials endpoint) and
// reading its Docker login, until it has seen several generations of both. No call fails, and every Docker password
// the child read was still valid on the emulator's clock when it read it. No wall-time assertion: the child stops
// on what it observed.
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCredentialsEndpoint } from '../../src/core/keep-fresh/credentials-endpoint.ts';
import { nextRenewalDelay, MAX_DELAY_MS, MIN_DELAY_MS } from '../../src/core/keep-fresh/schedule.ts';
import { DEFAULT_START_URL, startEmulator, type Emulator } from '../emulator/index.ts';
import { ssoConfig } from '../support/core-context.ts';
import { runCliCaptured } from '../support/run-cli.ts';

const HOST = '123456789012.dkr.ecr.us-east-2.amazonaws.com';
const CHILD = resolve('test/session/fixtures/keep-fresh-child.mjs');
const GENERATIONS = 4;

let emulator: Emulator;
let home: string;

function cli(argv: string[], env: Record<string, string>) {
  return runCliCaptured(argv, { env, cwd: home });
}

beforeAll(async () => {
  emulator = await startEmulator({ roleCredentialsTtlSeconds: 12, ecrTokenTtlSeconds: 12 });
  home = await mkdtemp(join(tmpdir(), 'ea-fresh-'));
  await writeFile(join(home, 'ecr-auth.config.yaml'), JSON.stringify(ssoConfig(DEFAULT_START_URL)));
  const session = emulator.mintSsoSession({ startUrl: DEFAULT_START_URL, region: 'us-east-1' });
  const { ssoTokenPath } = await import('../../src/core/sso/token-file.ts');
  const path = ssoTokenPath({ HOME: home }, { startUrl: DEFAULT_START_URL });
  await (await import('node:fs/promises')).mkdir(join(path, '..'), { recursive: true });
  await writeFile(path, JSON.stringify(session));
});
afterAll(async () => {
  await emulator?.stop();
  await rm(home, { recursive: true, force: true });
});

describe('exec --keep-fresh', () => {
  it(`a child survives ${GENERATIONS - 1} expiries of its credentials and Docker login with no failed call`, async () => {
    const report = join(home, 'child-report.jsonl');
    const env = { HOME: home, PATH: process.env.PATH ?? '/usr/bin:/bin', DOCKER_CONFIG: join(home, '.docker'), ...emulator.env };
    const run = await cli(['exec', '--keep-fresh', '--verbose', '--min-validity', '6s', '--', process.execPath, CHILD, String(GENERATIONS), report, HOST], env);
    expect(run.code, run.stderr).toBe(0);

    const rounds = (await readFile(report, 'utf8')).trim().split('\n').map((line) => JSON.parse(line) as { at: number; key: string; expiration: string; docker: string });
    expect(new Set(rounds.map((r) => r.key)).size).toBeGreaterThanOrEqual(GENERATIONS);
    // every credential the SDK got came from the endpoint and was unexpired when used (the emulator refuses expired keys anyway)
    for (const r of rounds) expect(Date.parse(r.expiration)).toBeGreaterThan(r.at);
    // every Docker password the child read was one the emulator issued and still valid when it was read
    const issued = new Map(emulator.ecrPasswords().map((p) => [createHash('sha256').update(p.password).digest('hex'), p.expiresAt.getTime()]));
    const dockerGenerations = new Set(rounds.map((r) => r.docker));
    expect(dockerGenerations.size).toBeGreaterThanOrEqual(GENERATIONS);
    for (const r of rounds) expect(issued.get(r.docker), `round at ${r.at}`).toBeGreaterThan(r.at);
    expect(run.stderr).toMatch(/keep-fresh: \d+ renewal\(s\) while the command ran/);
    // the endpoint's token was handed to the child only: never printed
    expect(run.stdout + run.stderr).not.toMatch(/AWS_CONTAINER_AUTHORIZATION_TOKEN/);
  }, 240_000);
});

describe('exec without --keep-fresh (the control)', () => {
  it('the same child fails once the frozen keys it was given expire', async () => {
    const report = join(home, 'control-report.jsonl');
    const env = { HOME: home, PATH: process.env.PATH ?? '/usr/bin:/bin', DOCKER_CONFIG: join(home, '.docker'), ...emulator.env };
    const run = await cli(['exec', '--min-validity', '6s', '--', process.execPath, CHILD, String(GENERATIONS), report, HOST], env);
    // (the child's stderr is inherited: "keep-fresh child: a call failed: ExpiredToken: ...")
    expect(run.code).toBe(1);
    const rounds = (await readFile(report, 'utf8')).trim().split('\n').map((line) => JSON.parse(line) as { key: string });
    expect(new Set(rounds.map((r) => r.key)).size).toBe(1);
  }, 240_000);
});

describe('the credentials endpoint', () => {
  it('answers only requests with its random per-run token, on loopback, in the container-credentials format', async () => {
    const credentials = { accessKeyId: 'ASIAKEEPFRESH', secretAccessKey: 's'.repeat(40), sessionToken: 'session', expiresAt: Date.parse('2030-01-01T00:00:00Z') };
    const a = await startCredentialsEndpoint(async () => credentials, String);
    const b = await startCredentialsEndpoint(async () => credentials, String);
    try {
      const url = a.env.AWS_CONTAINER_CREDENTIALS_FULL_URI!;
      expect(new URL(url).hostname).toBe('127.0.0.1');
      expect(a.env.AWS_CONTAINER_AUTHORIZATION_TOKEN).not.toBe(b.env.AWS_CONTAINER_AUTHORIZATION_TOKEN);
      expect(a.env.AWS_CONTAINER_AUTHORIZATION_TOKEN!.length).toBeGreaterThanOrEqual(43);
      const status = async (init?: RequestInit) => {
        const response = await fetch(url, init);
        await response.body?.cancel();
        return response.status;
      };
      expect(await status()).toBe(403);
      expect(await status({ headers: { authorization: b.env.AWS_CONTAINER_AUTHORIZATION_TOKEN! } })).toBe(403);
      const ok = await fetch(url, { headers: { authorization: a.env.AWS_CONTAINER_AUTHORIZATION_TOKEN! } });
      expect(await ok.json()).toEqual({ AccessKeyId: 'ASIAKEEPFRESH', SecretAccessKey: 's'.repeat(40), Token: 'session', Expiration: '2030-01-01T00:00:00.000Z' });
      expect([a.served, a.refused]).toEqual([1, 2]);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it('the real SDK credential chain takes its credentials from it', async () => {
    const credentials = { accessKeyId: 'ASIAFROMENDPOINT', secretAccessKey: 'k'.repeat(40), sessionToken: 'tok', expiresAt: Date.now() + 3_600_000 };
    const endpoint = await startCredentialsEndpoint(async () => credentials, String);
    try {
      const { fromNodeProviderChain } = await import('@aws-sdk/credential-providers');
      const saved = { ...process.env };
      Object.assign(process.env, endpoint.env, { HOME: home, AWS_CONFIG_FILE: join(home, 'none'), AWS_SHARED_CREDENTIALS_FILE: join(home, 'none') });
      for (const name of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE', 'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI', 'AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE', 'AWS_WEB_IDENTITY_TOKEN_FILE']) delete process.env[name];
      try {
        const got = await fromNodeProviderChain()();
        expect(got).toMatchObject({ accessKeyId: 'ASIAFROMENDPOINT', sessionToken: 'tok' });
      } finally {
        for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
        Object.assign(process.env, saved);
      }
    } finally {
      await endpoint.close();
    }
  });

  it('renews at the minimum validity before the first expiry, within bounds', () => {
    expect(nextRenewalDelay([100_000, 50_000], 0, 10_000)).toBe(40_000);
    expect(nextRenewalDelay([5_000], 0, 10_000)).toBe(MIN_DELAY_MS);
    expect(nextRenewalDelay([], 0, 10_000)).toBe(MAX_DELAY_MS);
    expect(nextRenewalDelay([10 * 86_400_000], 0, 0)).toBe(MAX_DELAY_MS);
  });
});
