// The file cache of amazon-ecr-credential-helper 0.6.0 (`docker-credential-ecr-login`), written as it would have
// written it after a GetAuthorizationToken, so its `get` answers from the cache without calling AWS.
// Learnt from its source (ecr-login/cache/{build,file,credentials}.go at v0.6.0): the file is
// `$AWS_ECR_CACHE_DIR/cache.json` (default ~/.ecr/cache.json), `{"Registries": {KEY: AuthEntry}, "Version": "1.0"}`;
// KEY = `<region>-<checksum(access key id)>-<registry id>`, where checksum(text) is base64 of md5.New().Sum(text):
// Go's Sum *appends* the digest of nothing to its argument, so it is base64(text bytes + md5("")), not md5(text).
// An entry is used while now < ExpiresAt - (ExpiresAt - RequestedAt) / 2.
import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** The helper's checksum of a string (see above). */
export function ecrLoginChecksum(text: string): string {
  return Buffer.concat([Buffer.from(text), createHash('md5').digest()]).toString('base64');
}

export interface SeededToken {
  accessKeyId: string;
  region: string;
  registryId: string;
  username: string;
  password: string;
  /** Epoch ms. */
  requestedAt: number;
  expiresAt: number;
}

/** Writes `<dir>/cache.json` holding one valid entry. */
export async function seedEcrLoginCache(dir: string, token: SeededToken): Promise<string> {
  const key = `${token.region}-${ecrLoginChecksum(token.accessKeyId)}-${token.registryId}`;
  const entry = {
    AuthorizationToken: Buffer.from(`${token.username}:${token.password}`).toString('base64'),
    RequestedAt: new Date(token.requestedAt).toISOString(),
    ExpiresAt: new Date(token.expiresAt).toISOString(),
    ProxyEndpoint: `https://${token.registryId}.dkr.ecr.${token.region}.amazonaws.com`,
    Service: 'ecr',
  };
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const path = join(dir, 'cache.json');
  await writeFile(path, JSON.stringify({ Registries: { [key]: entry }, Version: '1.0' }, null, 2), { mode: 0o600 });
  return path;
}
