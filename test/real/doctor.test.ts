// `ecr-auth doctor` against real parts, with planted faults: the emulator (with a skewable clock) for AWS, a real
// Distribution registry behind the real ECR host name (reached through a forward proxy, as Docker reaches it),
// real dockerd for the error texts users paste into --explain. Each fault is found by the check it belongs to,
// with a fix, and doctor exits 1; a healthy setup exits 0.
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openCacheStore } from '../../src/core/cache/store.ts';
import { cacheDir } from '../../src/core/paths.ts';
import { integrationTargets } from '../../src/core/registry/targets.ts';
import { tokenKey, TOKENS_NAMESPACE, type CachedToken } from '../../src/core/registry/token.ts';
import { dockerCli } from '../harness/docker-cli.ts';
import { type PushStack, startPushStack } from '../harness/push-stack.ts';
import { assertRealParts, skipRealTests } from '../harness/system.ts';
import { DEFAULT_START_URL, startEmulator, type Emulator } from '../emulator/index.ts';
import { makeTestHome, ssoConfig, type TestHome } from '../support/core-context.ts';
import { runCliCaptured } from '../support/run-cli.ts';

const ECR_HOST = '123456789012.dkr.ecr.us-east-1.amazonaws.com';
const newToken = () => randomBytes(1125).toString('base64');
const HOUR = 3_600_000;

interface Check {
  check: string;
  subject: string;
  status: 'ok' | 'warn' | 'fail' | 'skip';
  detail: string;
  fix?: string;
}

describe.skipIf(skipRealTests())('doctor on real parts', () => {
  let emulator: Emulator;
  let stack: PushStack;
  let t: TestHome;
  let current = newToken();
  let skewMs = 0;

  const rawConfig = ssoConfig(DEFAULT_START_URL, {
    integrations: {
      'dev/ecr/primary': { kind: 'aws/ecr', via: { identity: 'dev-admin' }, spec: { registry: { account_id: '123456789012', region: 'us-east-1' } } },
    },
  });

  /** The environment a user's shell would have: the proxy Docker uses for the registry, loopback (AWS) exempt. */
  const userEnv = (extra: Record<string, string> = {}): Record<string, string> => ({
    ...t.env,
    HTTP_PROXY: stack.proxy.url,
    HTTPS_PROXY: stack.proxy.url,
    NO_PROXY: '127.0.0.1,localhost',
    ...extra,
  });

  function cli(argv: string[], env: Record<string, string> = userEnv()) {
    return runCliCaptured(argv, { env, cwd: t.home });
  }

  async function doctor(argv: string[] = [], env?: Record<string, string>) {
    const run = await cli(['doctor', '--json', ...argv], env);
    const report = JSON.parse(run.stdout) as { ok: boolean; checks: Check[]; explain?: { check: string; findings: Check[] } };
    return { ...run, report, failing: report.checks.filter((c) => c.status === 'fail') };
  }

  const docker = (dockerConfig: string) => dockerCli({ dockerHost: stack.dockerd.env.DOCKER_HOST!, dockerConfig, env: { HOME: t.home } });

  beforeAll(async () => {
    assertRealParts();
    emulator = await startEmulator({ ecrPassword: () => current, clock: () => Date.now() + skewMs });
    stack = await startPushStack(ECR_HOST, { username: 'AWS', password: current });
  });
  afterAll(async () => {
    await stack?.stop();
    await emulator?.stop().catch(() => undefined);
  });
  beforeEach(async () => {
    skewMs = 0;
    t = await makeTestHome(emulator);
    await writeFile(join(t.home, 'ecr-auth.config.yaml'), JSON.stringify(rawConfig));
    return () => t.cleanup();
  });

  async function signedIn() {
    await t.seedSso(emulator, { startUrl: DEFAULT_START_URL });
    const login = await cli(['login']);
    expect(login.code, login.stderr).toBe(0);
  }

  it('a healthy setup: every check passes, the registry accepts the credential through the proxy, exit 0', async () => {
    await signedIn();
    const { code, report, stdout } = await doctor();
    expect(code, stdout).toBe(0);
    expect(report.ok).toBe(true);
    expect(report.checks.map((c) => c.check)).toEqual(['config', 'identity', 'clock', 'token', 'docker', 'docker', 'registry']);
    expect(report.checks.every((c) => c.status === 'ok'), stdout).toBe(true);
    expect(report.checks.at(-1)!.detail).toContain(`through the proxy ${stack.proxy.url}`);
    expect(stack.proxy.requests.some((r) => r.target === `http://${ECR_HOST}/v2/` && r.status === 200)).toBe(true);
    const human = await cli(['doctor']);
    expect(human.stdout).toMatch(/^✓ config /m);
    expect(human.stdout).toContain('Everything needed works.');
    expect(human.stdout).not.toContain(current);
  });

  it('no session: the identity check fails with `ecr-auth login`; Docker\'s "no basic auth credentials" maps to it', async () => {
    const client = docker(t.env.DOCKER_CONFIG!);
    expect((await client.createImage(`${ECR_HOST}/app/none:1`)).exitCode).toBe(0);
    const push = await client.push(`${ECR_HOST}/app/none:1`);
    expect(push.exitCode).not.toBe(0);
    expect(push.stderr).toMatch(/no basic auth credentials/);

    const { code, report, failing } = await doctor(['--explain', push.stderr]);
    expect(code).toBe(1);
    expect(failing.map((c) => c.check)).toEqual(['identity', 'token', 'docker']);
    expect(failing[0]).toMatchObject({ subject: 'dev-admin', detail: expect.stringContaining('no session cached'), fix: expect.stringContaining('ecr-auth login dev-admin') });
    expect(report.checks.find((c) => c.check === 'registry')!.status).toBe('skip');
    // the root cause first (no session), then the docker check the error text belongs to
    expect(report.explain!.check).toBe('docker');
    expect(report.explain!.findings.map((c) => c.check)).toEqual(['identity', 'docker']);
    expect(report.explain!.findings[1]!.detail).toContain('Docker has no credential');
  });

  it('expired token: the token check fails and the registry refuses it; "authorization token has expired" maps to it', async () => {
    await signedIn();
    const ctx = t.context(rawConfig);
    const target = integrationTargets(ctx.config.integrations['dev/ecr/primary']!)[0]!;
    const store = openCacheStore(cacheDir(t.env));
    const key = tokenKey(ctx, ctx.config, target);
    const token = (await store.read<CachedToken>(TOKENS_NAMESPACE, key))!;
    await store.write(TOKENS_NAMESPACE, key, { ...token, expiresAt: Date.now() - 2 * HOUR });
    current = newToken(); // what ECR does with an expired token: it no longer accepts it
    await stack.registry.setUsers([{ username: 'AWS', password: current }]);

    const { code, failing, report } = await doctor(['--explain', 'denied: Your authorization token has expired. Reauthenticate and try again.']);
    expect(code).toBe(1);
    expect(failing.map((c) => c.check)).toEqual(['token', 'registry']);
    expect(failing[0]).toMatchObject({ detail: expect.stringMatching(/token expired 2h0m ago/), fix: expect.stringContaining('ecr-auth ecr-login dev/ecr/primary') });
    expect(failing[1]!.detail).toMatch(/refuses Docker's credential \(HTTP 401\)/);
    expect(report.explain!.check).toBe('token');
    expect(report.explain!.findings.map((c) => c.check)).toEqual(['token']);

    // the fix it names works
    expect((await cli(['ecr-login', 'dev/ecr/primary'])).code).toBe(0);
    expect((await doctor()).code).toBe(0);
  });

  it('a credsStore that shadows the auths entry: the docker check names it; the real push fails the same way', async () => {
    await signedIn();
    const bin = join(t.home, 'bin');
    await mkdir(bin);
    const helper = join(bin, 'docker-credential-emptystore');
    await writeFile(helper, `#!/bin/sh\n[ "$1" = list ] && { echo '{}'; exit 0; }\necho 'credentials not found in native keychain'\nexit 1\n`);
    await chmod(helper, 0o755);
    const configPath = join(t.env.DOCKER_CONFIG!, 'config.json');
    const written = JSON.parse(await readFile(configPath, 'utf8'));
    await writeFile(configPath, JSON.stringify({ ...written, credsStore: 'emptystore' }, null, '\t'));
    const env = userEnv({ PATH: `${bin}:${t.env.PATH}` });

    const client = dockerCli({ dockerHost: stack.dockerd.env.DOCKER_HOST!, dockerConfig: t.env.DOCKER_CONFIG!, env: { HOME: t.home, PATH: env.PATH! } });
    expect((await client.createImage(`${ECR_HOST}/app/shadow:1`)).exitCode).toBe(0);
    const push = await client.push(`${ECR_HOST}/app/shadow:1`);
    expect(push.exitCode).not.toBe(0);

    const { code, failing, report } = await doctor(['--explain', push.stderr], env);
    expect(code).toBe(1);
    expect(failing.map((c) => c.check)).toEqual(['docker']);
    expect(failing[0]!.detail).toContain('credsStore "emptystore"');
    expect(failing[0]!.detail).toContain('shadows the auths entry ecr-auth wrote');
    expect(failing[0]!.fix).toContain('ecr-auth ecr-login');
    expect(report.explain!.findings.map((c) => c.check)).toEqual(['docker']);

    // the fix it names works: ecr-login (mode auto) now stores through the credsStore
    const store = join(bin, 'docker-credential-teststore');
    const storeFile = join(t.home, 'store.json');
    await writeFile(store, `#!${process.execPath}
const fs = require('node:fs');
const file = ${JSON.stringify(storeFile)};
const db = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : {};
const input = fs.readFileSync(0, 'utf8');
const verb = process.argv[2];
if (verb === 'store') { const c = JSON.parse(input); db[c.ServerURL] = c; fs.writeFileSync(file, JSON.stringify(db)); }
else if (verb === 'get') { const c = db[input.trim()]; if (!c) { process.stdout.write('credentials not found in native keychain'); process.exit(1); } process.stdout.write(JSON.stringify(c)); }
else if (verb === 'erase') { delete db[input.trim()]; fs.writeFileSync(file, JSON.stringify(db)); }
else if (verb === 'list') { process.stdout.write('{}'); }
`);
    await chmod(store, 0o755);
    await writeFile(configPath, JSON.stringify({ ...written, credsStore: 'teststore' }, null, '\t'));
    expect((await cli(['ecr-login', 'dev/ecr/primary'], env)).code).toBe(0);
    const fixed = await doctor([], env);
    expect(fixed.code, JSON.stringify(fixed.failing)).toBe(0);
  });

  it('a wrong DOCKER_CONFIG: the docker check says where the login went and where Docker reads', async () => {
    await signedIn();
    const other = join(t.home, 'other-docker');
    const { code, failing } = await doctor([], userEnv({ DOCKER_CONFIG: other }));
    expect(code).toBe(1);
    expect(failing.map((c) => c.check)).toEqual(['docker']);
    expect(failing[0]!.detail).toContain(`ecr-auth wrote the ${ECR_HOST} login to ${join(t.env.DOCKER_CONFIG!, 'config.json')}, but Docker reads ${join(other, 'config.json')}`);
    expect(failing[0]!.fix).toContain(`DOCKER_CONFIG=${t.env.DOCKER_CONFIG}`);
  });

  it('a registry that rejects the token: the registry check fails (HTTP 401) though the token is current', async () => {
    await signedIn();
    current = newToken();
    await stack.registry.setUsers([{ username: 'AWS', password: current }]);
    const { code, failing } = await doctor();
    expect(code).toBe(1);
    expect(failing.map((c) => c.check)).toEqual(['registry']);
    expect(failing[0]!.detail).toMatch(/refuses Docker's credential \(HTTP 401\) through the proxy .*: it is ecr-auth's current token/);
    expect(failing[0]!.fix).toMatch(/may pull from this registry's account/);
  });

  it('clock skew: the clock check measures it from the Date header of AWS and fails beyond 5 minutes', async () => {
    await signedIn();
    skewMs = 2 * HOUR; // AWS is two hours ahead of this machine
    const { code, failing, report } = await doctor(['--explain', 'An error occurred (InvalidSignatureException): Signature expired: 20261206T090000Z is now earlier than 20261206T105500Z']);
    expect(code).toBe(1);
    expect(failing.map((c) => c.check)).toEqual(['clock']);
    expect(failing[0]!.detail).toMatch(/clock is (2h0m|1h59m) behind AWS/);
    expect(failing[0]!.fix).toContain('timedatectl');
    expect(report.explain!.check).toBe('clock');
    skewMs = 30_000;
    const small = await doctor();
    expect(small.report.checks.find((c) => c.check === 'clock')!.status).toBe('ok');
  });
});
