// Proves the real-parts harness on its own (no ecr-auth code): a Distribution registry with htpasswd auth,
// private dockerd instances (one behind a forward proxy that maps an ECR host name to the local registry),
// the docker client and skopeo, with ECR-sized (1.5 KB) tokens.
import { randomBytes } from 'node:crypto';
import { connect } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dockerCli, type DockerCli, type RunResult } from '../harness/docker-cli.ts';
import { writeDockerAuths } from '../harness/docker-config.ts';
import { startDockerd, type TestDockerd } from '../harness/dockerd.ts';
import { startForwardProxy, type ForwardProxy } from '../harness/forward-proxy.ts';
import { startRegistry, registryStatus, type TestRegistry } from '../harness/registry.ts';
import { skopeoInspect } from '../harness/skopeo.ts';
import { assertRealParts, skipRealTests } from '../harness/system.ts';
import { makeTempDir, removeTempDir } from '../harness/temp-dir.ts';

const ECR_HOST = '123456789012.dkr.ecr.us-east-1.amazonaws.com';
const ecrToken = (): string => randomBytes(1125).toString('base64'); // 1500 characters, random from the first byte
const TOKEN = ecrToken();
const WRONG = ecrToken();

// Expects success, showing the command's output when it is not.
function expectOk(result: RunResult): void {
  expect(result.exitCode, `${result.stdout}\n${result.stderr}`).toBe(0);
}

describe('forward proxy', () => {
  // Sends one raw request line to the proxy and returns the status code it answers with.
  async function statusFor(proxyUrl: string, requestLine: string): Promise<number> {
    const { port } = new URL(proxyUrl);
    const socket = connect(Number(port), '127.0.0.1');
    socket.write(`${requestLine}\r\nHost: x\r\n\r\n`);
    const first = await new Promise<string>((resolve, reject) => {
      socket.once('data', (data) => resolve(data.toString('latin1')));
      socket.once('error', reject);
    });
    socket.destroy();
    return Number(first.split(' ')[1]);
  }

  it('refuses CONNECT and every host it has no route for', async () => {
    const proxy = await startForwardProxy({ routes: { [ECR_HOST]: '127.0.0.1:9' } });
    try {
      expect(await statusFor(proxy.url, `CONNECT ${ECR_HOST}:443 HTTP/1.1`)).toBe(403);
      expect(await statusFor(proxy.url, 'GET http://example.com/v2/ HTTP/1.1')).toBe(403);
      expect(await statusFor(proxy.url, `GET https://${ECR_HOST}/v2/ HTTP/1.1`)).toBe(403);
      expect(await statusFor(proxy.url, 'GET /v2/ HTTP/1.1')).toBe(403);
      expect(proxy.requests.every((r) => r.outcome === 'refused')).toBe(true);
    } finally {
      await proxy.stop();
    }
  });

  it('accepts only loopback targets for its routes', async () => {
    await expect(startForwardProxy({ routes: { [ECR_HOST]: 'example.com:80' } })).rejects.toThrow(/127\.0\.0\.1/);
  });
});

describe.skipIf(skipRealTests())('real-parts harness', () => {
  let registry: TestRegistry | undefined;
  let proxy: ForwardProxy | undefined;
  let direct: TestDockerd | undefined;
  let proxied: TestDockerd | undefined;
  let dir = '';
  let configs = 0;

  // A docker client for `daemon` with a fresh DOCKER_CONFIG dir (optionally holding hand-written auths).
  async function client(daemon: TestDockerd | undefined, auths?: Record<string, string>): Promise<DockerCli> {
    const dockerConfig = join(dir, `config-${++configs}`);
    const entries = Object.fromEntries(Object.entries(auths ?? {}).map(([h, p]) => [h, { username: 'AWS', password: p }]));
    await writeDockerAuths(dockerConfig, entries);
    return dockerCli({ dockerHost: daemon!.env.DOCKER_HOST, dockerConfig });
  }

  beforeAll(async () => {
    assertRealParts();
    dir = await makeTempDir('harness-test');
    registry = await startRegistry({ users: [{ username: 'AWS', password: TOKEN }] });
    proxy = await startForwardProxy({ routes: { [ECR_HOST]: registry.host } });
    // Two daemons at once: they must not collide.
    [direct, proxied] = await Promise.all([
      startDockerd(),
      startDockerd({ proxyUrl: proxy.url, insecureRegistries: [ECR_HOST] }),
    ]);
  });

  afterAll(async () => {
    await Promise.allSettled([direct?.stop(), proxied?.stop()]);
    await Promise.allSettled([registry?.stop(), proxy?.stop()]);
    if (dir) await removeTempDir(dir);
  });

  it('registry answers 401 without credentials and 200 with the 1.5 KB token', async () => {
    expect(TOKEN.length).toBe(1500);
    expect(await registryStatus(registry!.url)).toBe(401);
    expect(await registryStatus(registry!.url, { username: 'AWS', password: TOKEN })).toBe(200);
    expect(await registryStatus(registry!.url, { username: 'AWS', password: WRONG })).toBe(401);
  });

  it('docker login --password-stdin with the token, then push to 127.0.0.1:PORT works', async () => {
    const docker = await client(direct);
    const ref = `${registry!.host}/harness/direct:1`;
    expectOk(await docker.login(registry!.host, 'AWS', TOKEN));
    expectOk(await docker.createImage(ref));
    expectOk(await docker.push(ref));
  });

  it('a wrong token fails docker login, and a push with it fails', async () => {
    const docker = await client(direct);
    const login = await docker.login(registry!.host, 'AWS', WRONG);
    expect(login.exitCode).not.toBe(0);
    expect(login.stderr).toMatch(/unauthorized|401/i);

    const withWrongEntry = await client(direct, { [registry!.host]: WRONG });
    const ref = `${registry!.host}/harness/wrong:1`;
    expectOk(await withWrongEntry.createImage(ref));
    const push = await withWrongEntry.push(ref);
    expect(push.exitCode).not.toBe(0);
    expect(push.stderr).toMatch(/unauthorized|authentication required|no basic auth/i);
  });

  it('push to the ECR host name through the forward proxy works with a hand-written auths entry', async () => {
    const docker = await client(proxied, { [ECR_HOST]: TOKEN });
    const ref = `${ECR_HOST}/harness/proxied:1`;
    expectOk(await docker.createImage(ref));
    expectOk(await docker.push(ref));
    const forwarded = proxy!.requests.filter((r) => r.outcome === 'forwarded');
    expect(forwarded.some((r) => r.target.startsWith(`http://${ECR_HOST}/v2/harness/proxied/`))).toBe(true);
    // dockerd tried HTTPS first (CONNECT, refused), then fell back to plain HTTP.
    expect(proxy!.requests.some((r) => r.method === 'CONNECT' && r.outcome === 'refused')).toBe(true);
    // The image landed in the local registry under the same repository name.
    const creds = join(dir, 'proxied-check');
    await writeDockerAuths(creds, { [registry!.host]: { username: 'AWS', password: TOKEN } });
    expectOk(await skopeoInspect(`${registry!.host}/harness/proxied:1`, { dockerConfig: creds }));
  });

  it('docker login to the ECR host name through the proxy accepts the token and refuses a wrong one', async () => {
    expectOk(await (await client(proxied)).login(ECR_HOST, 'AWS', TOKEN));
    expect((await (await client(proxied)).login(ECR_HOST, 'AWS', WRONG)).exitCode).not.toBe(0);
  });

  it('push to the ECR host name through the proxy fails with a wrong auths entry', async () => {
    const docker = await client(proxied, { [ECR_HOST]: WRONG });
    const ref = `${ECR_HOST}/harness/proxied-wrong:1`;
    expectOk(await docker.createImage(ref));
    const push = await docker.push(ref);
    expect(push.exitCode).not.toBe(0);
    expect(push.stderr).toMatch(/unauthorized|authentication required|no basic auth/i);
  });

  it('skopeo inspect works with the right credentials (DOCKER_CONFIG or --authfile) and fails with wrong ones', async () => {
    const ref = `${registry!.host}/harness/direct:1`;
    const right = join(dir, 'skopeo-right');
    const wrong = join(dir, 'skopeo-wrong');
    await writeDockerAuths(right, { [registry!.host]: { username: 'AWS', password: TOKEN } });
    await writeDockerAuths(wrong, { [registry!.host]: { username: 'AWS', password: WRONG } });

    const viaDockerConfig = await skopeoInspect(ref, { dockerConfig: right });
    expectOk(viaDockerConfig);
    expect(JSON.parse(viaDockerConfig.stdout)).toHaveProperty('Digest');
    expectOk(await skopeoInspect(ref, { authFile: join(right, 'config.json') }));

    const denied = await skopeoInspect(ref, { dockerConfig: wrong });
    expect(denied.exitCode).not.toBe(0);
    expect(denied.stderr).toMatch(/unauthorized|authentication required/i);
    expect((await skopeoInspect(ref)).exitCode).not.toBe(0);
  });

  it('setUsers switches the valid token for docker and skopeo', async () => {
    const next = ecrToken();
    const ref = `${registry!.host}/harness/direct:1`;
    await registry!.setUsers([{ username: 'AWS', password: next }]);
    try {
      expect(await registryStatus(registry!.url, { username: 'AWS', password: TOKEN })).toBe(401);
      expect(await registryStatus(registry!.url, { username: 'AWS', password: next })).toBe(200);
      expect((await (await client(direct)).login(registry!.host, 'AWS', TOKEN)).exitCode).not.toBe(0);
      expectOk(await (await client(direct)).login(registry!.host, 'AWS', next));
      const nextConfig = join(dir, 'skopeo-next');
      await writeDockerAuths(nextConfig, { [registry!.host]: { username: 'AWS', password: next } });
      expectOk(await skopeoInspect(ref, { dockerConfig: nextConfig }));
    } finally {
      await registry!.setUsers([{ username: 'AWS', password: TOKEN }]);
    }
    expect(await registryStatus(registry!.url, { username: 'AWS', password: TOKEN })).toBe(200);
  });
});
