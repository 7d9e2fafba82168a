// A loopback credentials endpoint in the container-credentials convention the AWS SDKs and CLI honour
// (AWS_CONTAINER_CREDENTIALS_FULL_URI + AWS_CONTAINER_AUTHORIZATION_TOKEN): every request is answered with the
// identity's current credentials, so a child that runs for hours never holds frozen keys. Bound to 127.0.0.1 (the
// SDKs accept plain http only for loopback and the ECS/EKS link-local hosts); every request must carry the random
// per-run token, compared in constant time.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AwsCredentials } from '../credentials.ts';

export interface CredentialsEndpoint {
  /** The variables that point a child at the endpoint (the token among them: for the child's environment only). */
  env: Record<string, string>;
  /** Requests answered with credentials, and refused ones (wrong or missing token). */
  readonly served: number;
  readonly refused: number;
  close(): Promise<void>;
}

/** The container-credentials answer: what the SDKs' fromHttp / fromContainerMetadata parse. */
export function credentialsBody(credentials: AwsCredentials): string {
  return JSON.stringify({
    AccessKeyId: credentials.accessKeyId,
    SecretAccessKey: credentials.secretAccessKey,
    ...(credentials.sessionToken ? { Token: credentials.sessionToken } : {}),
    ...(credentials.expiresAt !== undefined ? { Expiration: new Date(credentials.expiresAt).toISOString() } : {}),
  });
}

function sameToken(given: string | undefined, token: Uint8Array): boolean {
  if (given === undefined) return false;
  const bytes = new TextEncoder().encode(given);
  return bytes.length === token.length && timingSafeEqual(bytes, token);
}

/**
 * Starts the endpoint; `current` is asked for credentials on every request (cheap when cached). A failure is
 * answered 500 with `describe(error)` (which must hold no secret), and the SDK retries.
 */
export async function startCredentialsEndpoint(current: () => Promise<AwsCredentials>, describe: (error: unknown) => string): Promise<CredentialsEndpoint> {
  const token = randomBytes(32).toString('base64url');
  const tokenBytes = new TextEncoder().encode(token);
  const path = `/ecr-auth/credentials`;
  let served = 0;
  let refused = 0;
  const answer = (res: ServerResponse, status: number, body: string) =>
    void res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(body);
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    if (req.method !== 'GET' || (req.url ?? '').split('?')[0] !== path) return answer(res, 404, '{"message":"not found"}');
    const given = req.headers.authorization;
    if (!sameToken(Array.isArray(given) ? given[0] : given, tokenBytes)) {
      refused++;
      return answer(res, 403, '{"message":"the authorization token is missing or wrong"}');
    }
    current().then(
      (credentials) => {
        served++;
        answer(res, 200, credentialsBody(credentials));
      },
      (error) => answer(res, 500, JSON.stringify({ message: describe(error) })),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    env: { AWS_CONTAINER_CREDENTIALS_FULL_URI: `http://127.0.0.1:${port}${path}`, AWS_CONTAINER_AUTHORIZATION_TOKEN: token },
    get served() {
      return served;
    },
    get refused() {
      return refused;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}
