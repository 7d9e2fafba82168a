// The two contents crash.test.ts's writer alternates between, for each kind of file, made large enough (tens of KB)
// that a kill often lands in the middle of a write; and where each file lives under the test's directory.
import { Buffer } from 'node:buffer';
import { join } from 'node:path';
import type { DockerConfig } from '../../../src/core/docker/config-file.ts';
import type { SsoToken } from '../../../src/core/sso/token-file.ts';

export type CrashKind = 'docker' | 'cache' | 'sso' | 'npmrc' | 'kubeconfig';
/** The kinds whose file is a user's text file we add entries to, rewritten under a lock (CodeArtifact, EKS). */
export const TEXT_KINDS: ReadonlySet<CrashKind> = new Set(['npmrc', 'kubeconfig']);
export const CACHE_NAMESPACE = 'registry-tokens';
export const CACHE_KEY = 'ecr|ps|https://example.awsapps.com/start/|id:123456789012|Admin|us-east-1';
const HOST = '123456789012.dkr.ecr.us-east-1.amazonaws.com';

/** The environment of a writer rooted at dir: its Docker config and its cache, nothing of the real user's. */
export function crashEnv(dir: string) {
  return { HOME: join(dir, 'home'), DOCKER_CONFIG: join(dir, 'docker'), ECR_AUTH_CACHE_DIR: join(dir, 'cache') };
}

/** Where the sso writer keeps its token file (named as the AWS CLI names them). */
export function ssoPath(dir: string): string {
  return join(dir, 'home', '.aws', 'sso', 'cache', '0ad374308c5a4e22f723adf10145eafad7c4031c.json');
}

/** Where the npmrc and kubeconfig writers keep their file. */
export function textPath(kind: 'npmrc' | 'kubeconfig', dir: string): string {
  return kind === 'npmrc' ? join(dir, 'home', '.npmrc') : join(dir, 'home', '.kube', 'config');
}

const filler = (tag: string, n: number) => Array.from({ length: n }, (_, i) => `${tag}-${i}-`.padEnd(48, tag[0])).join('');

function dockerConfig(tag: 'A' | 'B'): DockerConfig {
  const auths: Record<string, { auth: string }> = {};
  for (let i = 0; i < 300; i++) auths[`registry-${i}.example.com`] = { auth: Buffer.from(`u${i}:${tag}-${i}`).toString('base64') };
  auths[HOST] = { auth: Buffer.from(`AWS:password-${tag}-${filler(tag, 20)}`).toString('base64') };
  return { auths, credsStore: '', credHelpers: { 'gcr.io': 'gcloud' }, currentContext: 'colima', 'x-unknown': { tag } };
}

function ssoToken(tag: 'A' | 'B'): SsoToken {
  return {
    startUrl: 'https://example.awsapps.com/start/',
    region: 'us-east-1',
    accessToken: `access-${tag}-${filler(tag, 400)}`,
    expiresAt: tag === 'A' ? Date.UTC(2030, 0, 1) : Date.UTC(2031, 0, 1),
    clientId: `client-${tag}`,
    clientSecret: `secret-${tag}-${filler(tag, 100)}`,
    registrationExpiresAt: Date.UTC(2032, 0, 1),
    refreshToken: `refresh-${tag}-${filler(tag, 40)}`,
  };
}

/** A user .npmrc: many foreign lines, and the CodeArtifact registry and token lines ecr-auth writes. */
function npmrc(tag: 'A' | 'B'): string {
  const foreign = Array.from({ length: 300 }, (_, i) => `//registry-${i}.example.com/:_authToken=foreign-${i}-${tag}`);
  const host = 'acme-123456789012.d.codeartifact.us-east-1.amazonaws.com';
  return [...foreign, `registry=https://${host}/npm/shared/`, `//${host}/npm/shared/:_authToken=token-${tag}-${filler(tag, 400)}`, ''].join('\n');
}

/** A kubeconfig: many foreign contexts, and one context whose user is ecr-auth's exec plugin. */
function kubeconfig(tag: 'A' | 'B'): string {
  const lines = ['apiVersion: v1', 'kind: Config', `current-context: ctx-${tag}`, 'clusters:'];
  for (let i = 0; i < 150; i++) lines.push(`- name: cluster-${i}`, '  cluster:', `    server: https://k8s-${i}.example.com`, `    certificate-authority-data: ${filler(tag, 4)}`);
  lines.push('contexts:');
  for (let i = 0; i < 150; i++) lines.push(`- name: ctx-${i}`, '  context:', `    cluster: cluster-${i}`, `    user: user-${i}`);
  lines.push('users:', '- name: ecr-auth/prod', '  user:', '    exec:', '      apiVersion: client.authentication.k8s.io/v1beta1', '      command: ecr-auth',
    `      args: [eks-token, --cluster, prod-${tag}, --region, us-east-1]`);
  return `${lines.join('\n')}\n`;
}

function cacheValue(tag: 'A' | 'B') {
  return { username: 'AWS', password: `password-${tag}-${filler(tag, 600)}`, expiresAt: tag === 'A' ? 1 : 2, region: 'us-east-1' };
}

/** The two values [A, B] a writer of `kind` alternates between (as JSON, so a child can parse them back). */
export function crashValues(kind: CrashKind): [string, string] {
  const make = { docker: dockerConfig, sso: ssoToken, cache: cacheValue, npmrc, kubeconfig }[kind];
  return [JSON.stringify(make('A')), JSON.stringify(make('B'))];
}
