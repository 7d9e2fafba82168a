// CodeArtifact's repository host for a real package manager: an HTTPS front (test CA) for
// `<domain>-<owner>.d.codeartifact.<region>.amazonaws.com` that accepts a request only with a token the emulator
// issued (and that has not expired) — as a bearer token (npm) or as the password of user `aws` (pip's index URL), as
// CodeArtifact does — then hands it to the repository's server (Verdaccio for npm, a PEP 503 index for pip); and a
// CONNECT proxy that routes that host name to the front, so npm and pip reach it under its real name through their
// proxy setting. Nothing leaves loopback.
import { Buffer } from 'node:buffer';
import { createServer as createHttpServer, request as httpRequest, type Server as HttpServer } from 'node:http';
import { createServer, type Server } from 'node:https';
import { connect, type Socket } from 'node:net';
import type { TestTls } from './tls.ts';

export interface CodeartifactFront {
  /** The https-proxy URL for npm. */
  proxyUrl: string;
  readonly accepted: string[];
  readonly rejected: Array<{ path: string; reason: string }>;
  stop(): Promise<void>;
}

/** The token of a request: `Bearer TOKEN`, or `Basic` with user `aws` and the token as password. */
function tokenOf(authorization: string | undefined): string | undefined {
  const bearer = /^Bearer (.+)$/.exec(authorization ?? '')?.[1];
  if (bearer) return bearer;
  const basic = /^Basic (.+)$/.exec(authorization ?? '')?.[1];
  const [user, ...password] = basic ? Buffer.from(basic, 'base64').toString('utf8').split(':') : [];
  return user === 'aws' && password.length > 0 ? password.join(':') : undefined;
}

/** Starts the front for `host`, forwarding accepted requests to `upstream` (http://127.0.0.1:PORT). */
export async function startCodeartifactFront(input: {
  tls: TestTls;
  host: string;
  upstream: string;
  /** The repository's path (/npm/<repo>), stripped before Verdaccio sees the request. */
  repositoryPath: string;
  /** More repositories: each path (/pypi/<repo>) and the server it is stripped for. */
  more?: Array<{ repositoryPath: string; upstream: string }>;
  /** True when the emulator issued this token and it is still valid. */
  isIssuedToken(token: string): boolean;
}): Promise<CodeartifactFront> {
  const accepted: string[] = [];
  const rejected: CodeartifactFront['rejected'] = [];
  const routes = [{ repositoryPath: input.repositoryPath, upstream: input.upstream }, ...(input.more ?? [])];
  const front: Server = createServer({ cert: input.tls.certPem, key: input.tls.keyPem }, (req, res) => {
    const path = req.url ?? '/';
    const token = tokenOf(req.headers.authorization);
    const reason = req.headers.host !== input.host ? `wrong host ${req.headers.host}` : !token ? 'no bearer token' : !input.isIssuedToken(token) ? 'a token the emulator did not issue' : undefined;
    if (reason) {
      rejected.push({ path, reason });
      res.writeHead(401, { 'content-type': 'application/json', 'www-authenticate': 'Bearer realm="codeartifact"' });
      return res.end(JSON.stringify({ error: 'Unauthorized' }));
    }
    accepted.push(path);
    const route = routes.find((r) => path.startsWith(`${r.repositoryPath}/`));
    if (!route) {
      res.writeHead(404, { 'content-type': 'application/json' });
      return res.end(JSON.stringify({ error: 'no such repository' }));
    }
    const up = new URL(route.upstream);
    const headers = { ...req.headers, 'x-forwarded-proto': 'https', host: input.host };
    delete headers.authorization;
    const upstream = httpRequest({ hostname: up.hostname, port: Number(up.port), method: req.method, path: path.slice(route.repositoryPath.length), headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', (error) => {
      if (!res.headersSent) res.writeHead(502);
      res.end(String(error));
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => front.listen(0, '127.0.0.1', () => resolve()));
  const frontPort = (front.address() as { port: number }).port;

  const sockets = new Set<Socket>();
  const proxy: HttpServer = createHttpServer((_req, res) => res.writeHead(403).end('this proxy only tunnels\n'));
  proxy.on('connect', (req, client: Socket) => {
    sockets.add(client);
    client.on('error', () => undefined);
    if (req.url !== `${input.host}:443`) {
      client.end('HTTP/1.1 403 Forbidden\r\ncontent-length: 0\r\n\r\n');
      return;
    }
    const server = connect(frontPort, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      server.pipe(client);
      client.pipe(server);
    });
    sockets.add(server);
    server.on('error', () => client.destroy());
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', () => resolve()));
  const proxyPort = (proxy.address() as { port: number }).port;
  return {
    proxyUrl: `http://127.0.0.1:${proxyPort}`,
    accepted,
    rejected,
    stop: async () => {
      for (const socket of sockets) socket.destroy();
      front.closeAllConnections();
      await Promise.all([new Promise((r) => front.close(r)), new Promise((r) => proxy.close(r))]);
    },
  };
}
