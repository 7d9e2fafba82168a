// The pure parts of doctor (proxy choice, Docker shadowing, clock skew, Bearer challenges) and the registry probe's
// Bearer token flow against a local HTTP server that answers as a token-auth registry does.
import { Buffer } from 'node:buffer';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { skewFrom } from './clock.ts';
import { authsEntryFor, dockerContext, whoShadows } from './docker-view.ts';
import { bypassesProxy, proxyFor, proxySettings } from './proxy.ts';
import { parseBearerChallenge, probeRegistry, redactProxy } from './registry-probe.ts';

const HOST = '123456789012.dkr.ecr.us-east-1.amazonaws.com';

describe('proxy settings as Docker picks them', () => {
  it('the environment wins (either case); else proxies.default of config.json; else none', () => {
    expect(proxySettings({ https_proxy: 'http://p:3128', NO_PROXY: 'x' }, { default: { httpsProxy: 'http://d:1' } })).toEqual({ httpsProxy: 'http://p:3128', noProxy: 'x', source: 'environment' });
    expect(proxySettings({}, { default: { httpsProxy: 'http://d:1', noProxy: '.internal' } })).toEqual({ httpsProxy: 'http://d:1', noProxy: '.internal', source: 'docker config proxies' });
    expect(proxySettings({}, undefined)).toEqual({ source: 'none' });
  });

  it.each([
    ['a.example.com', '443', 'example.com', true],
    ['a.example.com', '443', '.example.com', true],
    ['example.com', '443', '*.example.com', true],
    ['notexample.com', '443', 'example.com', false],
    ['127.0.0.1', '8080', '127.0.0.1:9090', false],
    ['127.0.0.1', '9090', 'localhost, 127.0.0.1:9090', true],
    ['anything', '1', '*', true],
    ['host', '443', undefined, false],
  ])('NO_PROXY: %s:%s with %s -> %s', (host, port, noProxy, expected) => {
    expect(bypassesProxy(host, port, noProxy)).toBe(expected);
  });

  it('https URLs take HTTPS_PROXY, http URLs HTTP_PROXY; the user and password never reach output', () => {
    const settings = { httpProxy: 'http://h:1', httpsProxy: 'http://u:secret@s:2', source: 'environment' };
    expect(proxyFor(new URL(`https://${HOST}/v2/`), settings)).toBe('http://u:secret@s:2');
    expect(proxyFor(new URL(`http://${HOST}/v2/`), settings)).toBe('http://h:1');
    expect(redactProxy('http://u:secret@s:2')).toBe('http://s:2');
  });
});

describe('what Docker reads for a host', () => {
  const ledger = [{ configPath: '/home/u/.docker/config.json', host: HOST, mode: 'auths' as const, writtenAt: '' }];

  it('finds auths entries under the host and its https:// form', () => {
    const auth = Buffer.from('AWS:pw:with:colons').toString('base64');
    expect(authsEntryFor({ auths: { [`https://${HOST}`]: { auth } } }, HOST)).toEqual({ username: 'AWS', password: 'pw:with:colons' });
    expect(authsEntryFor({ auths: { [HOST]: {} } }, HOST)).toBeUndefined();
  });

  it('names a credsStore, a foreign credHelper or another DOCKER_CONFIG that hides our entry', () => {
    expect(whoShadows({}, '/home/u/.docker/config.json', HOST, ledger)).toBeUndefined();
    expect(whoShadows({ credsStore: 'desktop' }, '/home/u/.docker/config.json', HOST, ledger)?.problem).toMatch(/credsStore "desktop" .* shadows the auths entry/);
    expect(whoShadows({ credHelpers: { [HOST]: 'ecr-login' } }, '/home/u/.docker/config.json', HOST, ledger)?.problem).toMatch(/credHelpers\[".*"\] = "ecr-login"/);
    const moved = whoShadows({}, '/ci/docker/config.json', HOST, ledger)!;
    expect(moved.problem).toContain('wrote the');
    expect(moved.fix).toContain('DOCKER_CONFIG=/home/u/.docker');
    expect(whoShadows({}, '/home/u/.docker/config.json', 'other.example', ledger)).toBeUndefined();
  });

  it('the context: DOCKER_HOST, DOCKER_CONTEXT, currentContext; a missing context is reported', async () => {
    expect(await dockerContext({ DOCKER_HOST: 'tcp://h:2375' }, {}, '/nowhere/config.json')).toMatchObject({ source: 'DOCKER_HOST', endpoint: 'tcp://h:2375' });
    expect(await dockerContext({}, { currentContext: 'desktop-linux' }, '/nowhere/config.json')).toMatchObject({ name: 'desktop-linux', missing: true });
    expect(await dockerContext({}, {}, '/nowhere/config.json')).toMatchObject({ name: 'default' });
  });
});

describe('clock skew from a Date header', () => {
  it('is local minus server time, the round trip and the header\'s 1 s resolution taken into account', () => {
    const server = Date.parse('2026-12-06T10:00:00Z');
    expect(skewFrom(new Date(server).toUTCString(), server + 400, server + 600)).toBe(0);
    expect(skewFrom(new Date(server).toUTCString(), server - 7_200_000, server - 7_199_000)).toBe(-7_200_000);
    expect(skewFrom('not a date', 0, 0)).toBeUndefined();
  });
});

describe('registry probe: Basic, and the Bearer token flow', () => {
  let server: Server;
  let host = '';
  const seen: string[] = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      const auth = req.headers.authorization ?? '';
      seen.push(`${req.url} ${auth.split(' ')[0]}`);
      if (req.url?.startsWith('/token')) {
        const ok = auth === `Basic ${Buffer.from('AWS:good').toString('base64')}`;
        res.writeHead(ok ? 200 : 401, { 'content-type': 'application/json' }).end(ok ? JSON.stringify({ token: 'bearer-token' }) : '{}');
        return;
      }
      if (auth === 'Bearer bearer-token') return void res.writeHead(200).end('{}');
      res.writeHead(401, { 'www-authenticate': `Bearer realm="http://${host}/token",service="registry.test"` }).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('parses a Bearer challenge', () => {
    expect(parseBearerChallenge('Bearer realm="https://auth.example/token",service="reg",scope="repository:a:pull"')).toEqual(
      Object.assign(Object.create(null), { realm: 'https://auth.example/token', service: 'reg', scope: 'repository:a:pull' }),
    );
    expect(parseBearerChallenge('Basic realm="x"')).toBeUndefined();
  });

  it('follows the challenge with the credential and accepts the token the service issues', async () => {
    const verdict = await probeRegistry(host, { username: 'AWS', password: 'good' }, { source: 'none' });
    expect(verdict).toMatchObject({ outcome: 'accepted', scheme: 'http' });
    expect(seen).toContain('/token?service=registry.test Basic');
    expect(seen).toContain('/v2/ Bearer');
  });

  it('a credential the token service refuses is "rejected"', async () => {
    expect(await probeRegistry(host, { username: 'AWS', password: 'bad' }, { source: 'none' })).toMatchObject({ outcome: 'rejected', status: 401 });
  });

  it('nothing listening is "unreachable" with the system error', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    expect(await probeRegistry(`127.0.0.1:${port}`, { username: 'AWS', password: 'x' }, { source: 'none' })).toMatchObject({ outcome: 'unreachable', errorCode: 'ECONNREFUSED' });
  });
});
