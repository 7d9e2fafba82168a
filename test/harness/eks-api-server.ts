// A stand-in for an EKS cluster's API server, as far as authentication goes: HTTPS with a test CA, and every request
// authenticated the way EKS does it (aws-iam-authenticator): the bearer token must be `k8s-aws-v1.` + base64url of a
// presigned STS GetCallerIdentity URL on the expected STS endpoint, with `x-k8s-aws-id` among its signed headers;
// the server calls that URL with `x-k8s-aws-id: <cluster>` and accepts the caller STS names. It answers /version.
import { Buffer } from 'node:buffer';
import { createServer, type Server } from 'node:https';
import type { TestTls } from './tls.ts';

export interface EksApiServer {
  url: string;
  /** Base64 of the CA PEM, as DescribeCluster returns it. */
  certificateAuthorityData: string;
  /** Each authenticated request: the caller ARN STS named, and the path. */
  readonly accepted: Array<{ arn: string; path: string }>;
  readonly rejected: Array<{ path: string; reason: string }>;
  stop(): Promise<void>;
}

const PREFIX = 'k8s-aws-v1.';

/** Checks a token against STS; the caller ARN, or why it was refused. */
async function authenticate(token: string, cluster: string, stsOrigin: string): Promise<{ arn: string } | { reason: string }> {
  if (!token.startsWith(PREFIX)) return { reason: 'not a k8s-aws-v1 token' };
  const body = token.slice(PREFIX.length);
  if (/[=+/]/.test(body)) return { reason: 'the token is not unpadded base64url' };
  let url: URL;
  try {
    url = new URL(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    return { reason: 'the token does not hold a URL' };
  }
  if (url.origin !== stsOrigin) return { reason: `the URL is not on the STS endpoint (${url.origin})` };
  const q = url.searchParams;
  if (q.get('Action') !== 'GetCallerIdentity') return { reason: 'not a GetCallerIdentity URL' };
  if (!(q.get('X-Amz-SignedHeaders') ?? '').split(';').includes('x-k8s-aws-id')) return { reason: 'x-k8s-aws-id is not signed' };
  if (q.get('X-Amz-Expires') !== '60') return { reason: `X-Amz-Expires is ${q.get('X-Amz-Expires')}, not 60` };
  const answer = await fetch(url, { headers: { 'x-k8s-aws-id': cluster, accept: 'application/xml' } });
  const text = await answer.text();
  if (!answer.ok) return { reason: `STS refused the URL: ${answer.status} ${/<Code>([^<]*)/.exec(text)?.[1] ?? ''}` };
  const arn = /<Arn>([^<]+)<\/Arn>/.exec(text)?.[1];
  return arn ? { arn } : { reason: 'STS answered without an Arn' };
}

/** Starts the stand-in for `cluster`, trusting the STS at `stsOrigin` (the emulator's URL). */
export async function startEksApiServer(input: { tls: TestTls; cluster: string; stsOrigin: string }): Promise<EksApiServer> {
  const accepted: EksApiServer['accepted'] = [];
  const rejected: EksApiServer['rejected'] = [];
  const server: Server = createServer({ cert: input.tls.certPem, key: input.tls.keyPem }, (req, res) => {
    const path = req.url ?? '/';
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const refuse = (reason: string) => {
      rejected.push({ path, reason });
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ kind: 'Status', apiVersion: 'v1', status: 'Failure', message: 'Unauthorized', reason: 'Unauthorized', code: 401 }));
    };
    if (!bearer) return refuse('no bearer token');
    authenticate(bearer, input.cluster, input.stsOrigin).then(
      (result) => {
        if ('reason' in result) return refuse(result.reason);
        accepted.push({ arn: result.arn, path });
        if (path !== '/version') {
          res.writeHead(404, { 'content-type': 'application/json' });
          return res.end(JSON.stringify({ kind: 'Status', apiVersion: 'v1', status: 'Failure', code: 404 }));
        }
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ major: '1', minor: '30', gitVersion: 'v1.30.0-eks-stand-in', platform: 'linux/amd64' }));
      },
      (error: unknown) => refuse(`STS unreachable: ${String(error)}`),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `https://127.0.0.1:${port}`,
    certificateAuthorityData: Buffer.from(input.tls.caPem).toString('base64'),
    accepted,
    rejected,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
