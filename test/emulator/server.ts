// The HTTP server: reads a request, routes it, records it, applies an injected fault, authenticates SigV4
// callers, and writes the handler's answer with the emulator clock's Date header.
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { authenticate, claimedPrincipal } from './caller.ts';
import type { Caller } from './caller.ts';
import { faultResponse } from './faults.ts';
import { authenticatePresigned, isPresigned } from './presigned.ts';
import { route } from './router.ts';
import type { EmulatorRequest, EmulatorState } from './state.ts';
import { jsonError } from './wire.ts';
import type { WireResponse } from './wire.ts';

/** A listening server and what `stop()` needs to end it. */
export interface RunningServer {
  server: Server;
  port: number;
  stop(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function write(state: EmulatorState, res: ServerResponse, answer: WireResponse): void {
  if (res.destroyed || res.headersSent) return;
  const body = answer.body ?? '';
  res.writeHead(answer.status, {
    ...answer.headers,
    date: new Date(state.now()).toUTCString(),
    'x-amzn-requestid': randomUUID(),
    'content-length': Buffer.byteLength(body),
  });
  res.end(body);
}

async function handle(state: EmulatorState, signal: AbortSignal, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const request: EmulatorRequest = {
    method: req.method ?? 'GET',
    url: new URL(req.url ?? '/', state.url),
    headers: req.headers,
    body: await readBody(req),
  };
  const found = route(request);
  if ('status' in found) return write(state, res, found);
  const claimed = claimedPrincipal(state, request);
  state.calls.record({ op: found.op, time: state.now(), region: claimed.region, principal: claimed.principal?.arn });
  const fault = state.calls.take(found.op);
  if (fault?.type === 'drop') {
    req.socket.destroy();
    return;
  }
  if (fault?.type === 'answer') {
    return write(state, res, { status: fault.status, headers: { 'content-type': fault.contentType ?? 'application/json' }, body: fault.body });
  }
  if (fault?.type === 'slow') await sleep(fault.ms, undefined, { signal });
  else if (fault?.type === 'hold') await fault.until.catch(() => undefined);
  else if (fault && fault.type !== 'mangle') return write(state, res, faultResponse(state, request, found, fault.type, claimed.principal?.arn));
  let caller: Caller | undefined;
  if (found.signed) {
    const auth =
      found.protocol === 'query' && isPresigned(request)
        ? authenticatePresigned(state, request)
        : authenticate(state, request, found.protocol === 'query' ? 'query' : 'json');
    if ('status' in auth) return write(state, res, auth);
    caller = auth;
  }
  const answer = found.handle(state, request, caller);
  write(state, res, fault?.type === 'mangle' ? { ...answer, body: fault.edit(String(answer.body ?? '')) } : answer);
}

/** Starts listening on 127.0.0.1:`port` (0 = a free port) and sets `state.url`. */
export async function listen(state: EmulatorState, port: number): Promise<RunningServer> {
  const sockets = new Set<Socket>();
  const stopping = new AbortController();
  const server = createServer((req, res) => {
    handle(state, stopping.signal, req, res).catch((error: unknown) => {
      if (stopping.signal.aborted) return;
      const message = error instanceof Error ? error.message : String(error);
      write(state, res, jsonError(500, 'InternalFailure', `emulator failure: ${message}`));
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const actualPort = typeof address === 'object' && address !== null ? address.port : port;
  state.url = `http://127.0.0.1:${actualPort}`;
  const stop = async () => {
    stopping.abort();
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const socket of sockets) socket.destroy();
    await closed;
  };
  return { server, port: actualPort, stop };
}
