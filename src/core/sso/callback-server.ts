// The loopback HTTP server that receives the browser's redirect at the end of a PKCE login: it checks `state`,
// answers with a page the user can read, and hands the authorization code (or the refusal) to the login.
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../context.ts';
import { EcrAuthError } from '../errors.ts';

export const CALLBACK_PATH = '/oauth/callback';

export interface CallbackServer {
  /** http://127.0.0.1:<port>/oauth/callback */
  redirectUri: string;
  /** The authorization code; rejects with E_SSO_DENIED (or E_AWS) when the browser brings back an error. */
  code: Promise<string>;
  close(): void;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A small self-contained HTML page: a title and one sentence. */
export function callbackPage(title: string, sentence: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>ecr-auth: ${escapeHtml(title)}</title></head>` +
    `<body style="font-family:system-ui,sans-serif;max-width:36em;margin:4em auto"><h1>${escapeHtml(title)}</h1>` +
    `<p>${escapeHtml(sentence)}</p></body></html>`;
}

function send(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', connection: 'close' });
  res.end(html);
}

/**
 * Listens on 127.0.0.1 (random port). A callback whose `state` is not ours gets a 400 page and is otherwise
 * ignored: a stale tab or a forged request must not end the login, the real redirect may still come.
 */
export async function startCallbackServer(expectedState: string, log: Logger): Promise<CallbackServer> {
  let resolveCode!: (code: string) => void;
  let rejectCode!: (error: EcrAuthError) => void;
  const code = new Promise<string>((resolve, reject) => {
    resolveCode = resolve;
    rejectCode = reject;
  });
  code.catch(() => {});
  let settled = false;

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (req.method !== 'GET' || url.pathname !== CALLBACK_PATH) return send(res, 404, callbackPage('Not found', 'Nothing here.'));
    if (settled) return send(res, 409, callbackPage('Already done', 'This sign-in has already finished. You can close this tab.'));
    const params = url.searchParams;
    if (params.get('state') !== expectedState) {
      log.warn('ignored a sign-in callback that does not belong to this login (state mismatch)');
      return send(res, 400, callbackPage('Sign-in link not recognised', 'This page does not belong to the sign-in in progress. Start it again from the terminal.'));
    }
    const error = params.get('error');
    if (error) {
      settled = true;
      const denied = error === 'access_denied';
      send(res, 200, callbackPage('Sign-in failed', denied ? 'Access was not allowed. You can close this tab.' : 'The sign-in did not complete. You can close this tab and look at the terminal.'));
      const description = (params.get('error_description') ?? '').slice(0, 200);
      return rejectCode(new EcrAuthError(denied ? 'E_SSO_DENIED' : 'E_AWS', `the IAM Identity Center sign-in was refused: ${error}${description ? ` (${description})` : ''}`, {
        hint: denied ? 'run `ecr-auth login` again and choose Allow in the browser' : 'run `ecr-auth login` again; run with --verbose if it keeps failing',
      }));
    }
    const received = params.get('code');
    if (!received) return send(res, 400, callbackPage('Sign-in incomplete', 'The sign-in answer carried no code. Start it again from the terminal.'));
    settled = true;
    send(res, 200, callbackPage('Signed in', 'ecr-auth is signed in. You can close this tab and return to the terminal.'));
    resolveCode(received);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    redirectUri: `http://127.0.0.1:${port}${CALLBACK_PATH}`,
    code,
    close() {
      server.close();
      (server as { closeIdleConnections?: () => void }).closeIdleConnections?.();
    },
  };
}
