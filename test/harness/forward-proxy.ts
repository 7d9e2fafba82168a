import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

// One request the proxy saw: what was asked, and what it did with it.
export interface ProxiedRequest {
  method: string;
  target: string; // absolute URI, or host:port for CONNECT
  outcome: 'forwarded' | 'refused';
  status?: number;
}

// A loopback HTTP forward proxy that sends plain HTTP for routed host names to local servers.
export interface ForwardProxy {
  readonly url: string;
  readonly requests: readonly ProxiedRequest[];
  stop(): Promise<void>;
}

// Headers that belong to the client-proxy hop, not to the upstream request.
const HOP_HEADERS = new Set(['proxy-connection', 'proxy-authorization', 'connection', 'keep-alive']);

// Starts a proxy forwarding absolute-URI HTTP requests for each routed hostname to its "127.0.0.1:PORT".
// The Host header is kept (the registry builds upload Location URLs from it, so they come back through
// the proxy). CONNECT is refused, so a daemon with the host in --insecure-registry falls back to HTTP.
// Everything else is refused: nothing ever leaves loopback.
export async function startForwardProxy(options: { routes: Record<string, string> }): Promise<ForwardProxy> {
  const routes = new Map(Object.entries(options.routes).map(([host, to]) => [host.toLowerCase(), to]));
  for (const to of routes.values()) {
    if (!/^127\.0\.0\.1:\d+$/.test(to)) throw new Error(`forward proxy route must be 127.0.0.1:PORT, got ${to}`);
  }
  const requests: ProxiedRequest[] = [];

  const refuse = (res: ServerResponse, method: string, target: string, why: string): void => {
    requests.push({ method, target, outcome: 'refused', status: 403 });
    res.writeHead(403, { 'content-type': 'text/plain' }).end(`test proxy refuses ${why}\n`);
  };

  const forward = (req: IncomingMessage, res: ServerResponse): void => {
    const method = req.method ?? 'GET';
    const target = req.url ?? '';
    let url: URL;
    try {
      url = new URL(target);
    } catch {
      return refuse(res, method, target, 'a request without an absolute URI');
    }
    const to = url.protocol === 'http:' && (!url.port || url.port === '80') ? routes.get(url.hostname) : undefined;
    if (!to) return refuse(res, method, target, `${url.host} (not routed)`);
    const [hostname, port] = to.split(':');
    const headers = Object.fromEntries(
      Object.entries(req.headers).filter(([name]) => !HOP_HEADERS.has(name.toLowerCase())),
    );
    const record: ProxiedRequest = { method, target, outcome: 'forwarded' };
    requests.push(record);
    const upstream = httpRequest({ hostname, port: Number(port), method, path: url.pathname + url.search, headers }, (up) => {
      record.status = up.statusCode;
      res.writeHead(up.statusCode ?? 502, up.statusMessage, up.headers);
      up.pipe(res);
    });
    upstream.on('error', (error) => {
      record.status = 502;
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(`test proxy upstream error: ${error.message}\n`);
    });
    req.pipe(upstream);
  };

  const server = createServer(forward);
  server.on('connect', (req: IncomingMessage, socket) => {
    requests.push({ method: 'CONNECT', target: req.url ?? '', outcome: 'refused', status: 403 });
    socket.on('error', () => undefined);
    socket.end('HTTP/1.1 403 Forbidden\r\ncontent-length: 0\r\nconnection: close\r\n\r\n');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
