// One small HTTP GET for the doctor's probes (the registry's /v2/, an AWS endpoint's Date header), through a proxy
// when one applies: absolute-URI requests for http, a CONNECT tunnel for https. Never follows redirects; the body
// is read up to 64 KiB.
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { connect as tlsConnect } from 'node:tls';
import type { Socket } from 'node:net';

export interface ProbeAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A probe that did not get an HTTP answer: the system error code ("ECONNREFUSED", "ETIMEDOUT", "CERT_HAS_EXPIRED"...). */
export class ProbeError extends Error {
  readonly code: string;

  constructor(code: string, message: string) {
    super(message);
    this.code = code;
  }
}

export interface ProbeOptions {
  headers?: Record<string, string>;
  proxy?: string;
  timeoutMs?: number;
}

/** GET url (through options.proxy when given); resolves with any HTTP answer, rejects with ProbeError otherwise. */
export async function probe(url: URL, options: ProbeOptions = {}): Promise<ProbeAnswer> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const headers = { 'user-agent': 'ecr-auth-doctor', ...options.headers };
  if (!options.proxy) return send(url, { headers, timeoutMs });
  const proxy = new URL(options.proxy);
  if (url.protocol === 'http:') {
    return send(proxy, { headers: { ...headers, host: url.host, ...proxyAuth(proxy) }, timeoutMs, path: url.href });
  }
  const socket = await tunnel(proxy, url, timeoutMs);
  return send(url, { headers, timeoutMs, socket });
}

function proxyAuth(proxy: URL): Record<string, string> {
  if (!proxy.username) return {};
  const user = `${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`;
  return { 'proxy-authorization': `Basic ${btoa(user)}` };
}

function send(url: URL, options: { headers: Record<string, string>; timeoutMs: number; path?: string; socket?: Socket }): Promise<ProbeAnswer> {
  return new Promise((resolve, reject) => {
    const make = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = make(
      {
        protocol: url.protocol,
        hostname: url.hostname.replace(/^\[|\]$/g, ''),
        port: url.port || undefined,
        path: options.path ?? `${url.pathname}${url.search}`,
        method: 'GET',
        headers: options.headers,
        agent: false,
        ...(options.socket ? { createConnection: () => tlsConnect({ socket: options.socket!, servername: url.hostname }) } : {}),
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          if (body.length < 65_536) body += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
        res.on('error', (error) => reject(asProbeError(error)));
      },
    );
    req.setTimeout(options.timeoutMs, () => req.destroy(Object.assign(new Error(`no answer within ${options.timeoutMs} ms`), { code: 'ETIMEDOUT' })));
    req.on('error', (error) => reject(asProbeError(error)));
    req.end();
  });
}

/** Opens a CONNECT tunnel to url's host through the proxy. */
function tunnel(proxy: URL, url: URL, timeoutMs: number): Promise<Socket> {
  const target = `${url.hostname}:${url.port || '443'}`;
  return new Promise((resolve, reject) => {
    const req = httpRequest({
      hostname: proxy.hostname,
      port: proxy.port || 80,
      method: 'CONNECT',
      path: target,
      headers: { host: target, ...proxyAuth(proxy) },
      agent: false,
    });
    req.setTimeout(timeoutMs, () => req.destroy(Object.assign(new Error('proxy did not answer'), { code: 'ETIMEDOUT' })));
    req.on('connect', (res, socket) => {
      if (res.statusCode === 200) return resolve(socket);
      socket.destroy();
      reject(new ProbeError('EPROXY', `the proxy ${proxy.host} refused CONNECT ${target} (HTTP ${res.statusCode})`));
    });
    req.on('error', (error) => reject(asProbeError(error)));
    req.end();
  });
}

function asProbeError(error: unknown): ProbeError {
  if (error instanceof ProbeError) return error;
  const code = (error as { code?: string }).code ?? 'EPROBE';
  return new ProbeError(code, (error as Error).message ?? String(error));
}
