// The bearer token EKS accepts: `k8s-aws-v1.` + base64url (no padding) of a presigned STS GetCallerIdentity URL
// (GET, query-signed, X-Amz-Expires=60, the `x-k8s-aws-id: <cluster>` header signed). The API server calls that URL
// and maps the caller it names to a Kubernetes user. STS honours the URL for 15 minutes from its signing time.
// Presigning needs the SDK's signer, loaded lazily: a cached token never loads it.
import { Buffer } from 'node:buffer';
import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
import type { AwsCredentials } from '../credentials.ts';
import { dnsSuffixForRegion } from '../docker/registry-host.ts';
import type { Env } from '../paths.ts';
import { configuredEndpoint } from './client-config.ts';

/** How long EKS accepts a token after it was signed. */
export const EKS_TOKEN_LIFETIME_MS = 15 * 60_000;
export const EKS_TOKEN_PREFIX = 'k8s-aws-v1.';

/** The STS endpoint the URL is signed for: AWS_ENDPOINT_URL_STS when set (tests), else the regional endpoint. */
export function stsEndpoint(env: Env, region: string): URL {
  return new URL(configuredEndpoint(env, 'sts') ?? `https://sts.${region}.${dnsSuffixForRegion(region)}`);
}

/** The token for a presigned URL. Pure. */
export function eksTokenOf(url: string): string {
  return EKS_TOKEN_PREFIX + Buffer.from(url, 'utf8').toString('base64url');
}

/** The URL inside a token, or undefined when it is not one. Pure. */
export function urlOfEksToken(token: string): string | undefined {
  if (!token.startsWith(EKS_TOKEN_PREFIX)) return undefined;
  const text = Buffer.from(token.slice(EKS_TOKEN_PREFIX.length), 'base64url').toString('utf8');
  return URL.canParse(text) ? text : undefined;
}

/** SHA-256 (and HMAC-SHA-256 with a secret) over node:crypto, in the shape the SDK signer takes. */
type SourceData = string | ArrayBuffer | ArrayBufferView;
const bytes = (data: SourceData): string | Uint8Array =>
  typeof data === 'string' ? data : data instanceof ArrayBuffer ? new Uint8Array(data) : new Uint8Array(data.buffer, data.byteOffset, data.byteLength);

class Sha256 {
  #hash: Hash | Hmac;
  constructor(secret?: SourceData) {
    this.#hash = secret === undefined ? createHash('sha256') : createHmac('sha256', bytes(secret));
  }
  update(data: SourceData): void {
    this.#hash.update(bytes(data));
  }
  digest(): Promise<Uint8Array> {
    return Promise.resolve(new Uint8Array(this.#hash.digest()));
  }
}

const encode = (text: string) => encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** Presigns GetCallerIdentity for `cluster` with `credentials`, signed at `now`. */
export async function presignEksToken(
  env: Env,
  input: { credentials: AwsCredentials; region: string; cluster: string; now: number },
): Promise<{ token: string; expiresAt: number }> {
  const { SignatureV4 } = await import('@smithy/signature-v4');
  const endpoint = stsEndpoint(env, input.region);
  const signer = new SignatureV4({
    service: 'sts',
    region: input.region,
    sha256: Sha256,
    credentials: {
      accessKeyId: input.credentials.accessKeyId,
      secretAccessKey: input.credentials.secretAccessKey,
      ...(input.credentials.sessionToken ? { sessionToken: input.credentials.sessionToken } : {}),
    },
  });
  const signed = await signer.presign(
    {
      method: 'GET',
      protocol: endpoint.protocol,
      hostname: endpoint.hostname,
      ...(endpoint.port ? { port: Number(endpoint.port) } : {}),
      path: endpoint.pathname || '/',
      query: { Action: 'GetCallerIdentity', Version: '2011-06-15' },
      headers: { host: endpoint.host, 'x-k8s-aws-id': input.cluster },
    },
    { expiresIn: 60, signingDate: new Date(input.now) },
  );
  const query = Object.entries(signed.query ?? {})
    .flatMap(([key, value]) => (Array.isArray(value) ? value : [value]).filter((v) => v != null).map((v) => `${encode(key)}=${encode(v as string)}`))
    .join('&');
  const url = `${endpoint.protocol}//${endpoint.host}${signed.path}?${query}`;
  let expiresAt = input.now + EKS_TOKEN_LIFETIME_MS;
  if (input.credentials.expiresAt !== undefined) expiresAt = Math.min(expiresAt, input.credentials.expiresAt);
  return { token: eksTokenOf(url), expiresAt };
}
