// aws/eks proven with the real kubectl: after one `ecr-auth login`, `kubectl get --raw /version` reaches a stand-in
// EKS API server (HTTPS, test CA from DescribeCluster) that accepts the token only after the emulator's STS honoured
// the presigned GetCallerIdentity URL inside it (signature verified with the caller's secret key). The kubeconfig
// keeps a foreign context written by kubectl itself, and logout gives the file back byte for byte.
import { execFile } from 'node:child_process';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { DEFAULT_START_URL, startEmulator, type Emulator } from '../emulator/index.ts';
import { startEksApiServer, type EksApiServer } from '../harness/eks-api-server.ts';
import { findExecutable } from '../harness/system.ts';
import { makeTestTls } from '../harness/tls.ts';
import { makeTestHome, ssoConfig, type TestHome } from '../support/core-context.ts';

const run = promisify(execFile);
const CLI = resolve('dist/cli/main.js');
const CLUSTER = 'dev-cluster';
const ci = !!process.env.CI && process.env.CI !== 'false' && process.env.CI !== '0';
const missing = ['kubectl', 'openssl'].filter((name) => !findExecutable([name]));
if (missing.length && !ci) console.warn(`skipping the kubectl test; missing: ${missing.join(', ')} (run scripts/install-system-deps.sh)`);

describe.skipIf(missing.length > 0 && !ci)('aws/eks with the real kubectl', () => {
  let emulator: Emulator;
  let api: EksApiServer;
  let t: TestHome;
  let env: Record<string, string>;
  const kubeconfig = () => join(t.home, '.kube', 'config');
  const kubectl = (args: string[], extra: Record<string, string> = {}) =>
    run('kubectl', args, { env: { ...env, ...extra }, cwd: t.home }).then(
      (r) => ({ code: 0, ...r }),
      (e: { code?: number; stdout?: string; stderr?: string }) => ({ code: e.code ?? 1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' }),
    );
  const cli = (args: string[]) =>
    run(process.execPath, [CLI, ...args], { env, cwd: t.home }).then(
      (r) => ({ code: 0, ...r }),
      (e: { code?: number; stdout?: string; stderr?: string }) => ({ code: e.code ?? 1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' }),
    );

  beforeAll(async () => {
    if (missing.length) throw new Error(`missing real parts: ${missing.join(', ')}. Run: sudo bash scripts/install-system-deps.sh`);
    emulator = await startEmulator();
    api = await startEksApiServer({ tls: await makeTestTls(), cluster: CLUSTER, stsOrigin: emulator.url });
    emulator.addEksCluster({ name: CLUSTER, region: 'us-east-2', endpoint: api.url, certificateAuthorityData: api.certificateAuthorityData });
  });
  afterAll(async () => {
    await Promise.allSettled([api?.stop(), emulator?.stop()]);
  });
  beforeEach(async () => {
    t = await makeTestHome(emulator);
    await t.seedSso(emulator, { startUrl: DEFAULT_START_URL });
    const bin = join(t.home, 'bin');
    await mkdir(bin);
    // kubectl runs `ecr-auth` from PATH, as after `npm install -g ecr-auth`
    await writeFile(join(bin, 'ecr-auth'), `#!/bin/sh\nexec "${process.execPath}" "${CLI}" "$@"\n`);
    await chmod(join(bin, 'ecr-auth'), 0o755);
    env = { ...t.env, PATH: `${bin}:${process.env.PATH}`, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' };
    const integrations = {
      'dev/eks': { kind: 'aws/eks', via: { identity: 'dev-admin' }, spec: { cluster: { name: CLUSTER, region: 'us-east-2', alias: 'dev-eks' } } },
    };
    await writeFile(join(t.home, 'ecr-auth.config.yaml'), stringify(ssoConfig(DEFAULT_START_URL, { integrations })));
    return () => t.cleanup();
  });

  it('one login, then kubectl get --raw /version through the exec plugin; foreign entries kept; logout restores the file', async () => {
    // a kubeconfig the user already has, written by kubectl itself
    for (const args of [
      ['config', 'set-cluster', 'foreign', '--server=https://foreign.example.invalid:6443'],
      ['config', 'set-credentials', 'foreign-user', '--token=not-ours'],
      ['config', 'set-context', 'foreign', '--cluster=foreign', '--user=foreign-user', '--namespace=team'],
      ['config', 'use-context', 'foreign'],
    ]) {
      expect((await kubectl(args)).code).toBe(0);
    }
    const before = await readFile(kubeconfig(), 'utf8');
    emulator.resetCalls();

    const login = await cli(['login']);
    expect(login.code, login.stderr).toBe(0);
    expect(login.stdout).toMatch(/✓ EKS kubeconfig: dev-eks \(expires in 1[0-5]m\)/);
    expect(emulator.calls('eks:DescribeCluster')).toBe(1);
    expect(emulator.calls('sso:GetRoleCredentials')).toBe(1);
    // the identity (account lookup, role credentials), the ECR token of the same login, and one DescribeCluster: the
    // EKS token is signed locally
    expect(emulator.callLog.map((c) => c.op).sort()).toEqual(['ecr:GetAuthorizationToken', 'eks:DescribeCluster', 'sso:GetRoleCredentials', 'sso:ListAccounts'].sort());

    const after = await readFile(kubeconfig(), 'utf8');
    // every line of the user's file is still there, in order, and current-context is still theirs
    const lines = after.split('\n');
    let at = 0;
    for (const line of before.split('\n')) at = lines.indexOf(line, at) + 1 || Number.NaN;
    expect(at, after).not.toBeNaN();
    expect(after).toMatch(/^current-context: foreign$/m);
    expect(after).toContain('command: ecr-auth');
    expect(after).not.toMatch(/k8s-aws-v1|AKIA|ASIA/);

    emulator.resetCalls();
    const version = await kubectl(['--context', 'dev-eks', 'get', '--raw', '/version']);
    expect(version.code, version.stderr).toBe(0);
    expect(JSON.parse(version.stdout)).toMatchObject({ gitVersion: 'v1.30.0-eks-stand-in' });
    expect(api.rejected).toEqual([]);
    expect(api.accepted.at(-1)!.arn).toMatch(/AdministratorAccess/);
    // the token was minted at login: kubectl's plugin answered from the cache; the only AWS call is the API server's
    expect(emulator.calls()).toBe(emulator.calls('sts:GetCallerIdentity'));
    expect(emulator.calls('sts:GetCallerIdentity')).toBeGreaterThanOrEqual(1);

    // a second kubectl: the plugin answers from the cache without loading the AWS SDK or its signer
    const record = join(t.home, 'imports.txt');
    const again = await kubectl(['--context', 'dev-eks', 'get', '--raw', '/version'], {
      NODE_OPTIONS: `--import ${resolve('test/support/record-imports.mjs')}`,
      RECORD_IMPORTS_FILE: record,
    });
    expect(again.code, again.stderr).toBe(0);
    const imports = (await readFile(record, 'utf8')).split('\n').filter(Boolean);
    expect(imports.some((url) => url.endsWith('/dist/cli/main.js'))).toBe(true);
    expect(imports.filter((url) => /@aws-sdk\/|@smithy\//.test(url))).toEqual([]);
    expect(imports.filter((url) => /node_modules\/(cosmiconfig|yaml|zod)\//.test(url))).toEqual([]);

    const status = await cli(['status', '--json']);
    expect(JSON.parse(status.stdout).entries).toContainEqual(expect.objectContaining({ kind: 'integration', name: 'eks dev-eks (dev/eks)', valid: true }));

    const logout = await cli(['logout']);
    expect(logout.code, logout.stderr).toBe(0);
    expect(logout.stdout).toContain(`removed kubeconfig context: dev-eks (${kubeconfig()})`);
    expect(await readFile(kubeconfig(), 'utf8')).toBe(before);
  });

  it('a token the API server did not get from STS is refused (the stand-in really checks)', async () => {
    const bogus = `k8s-aws-v1.${Buffer.from(`${emulator.url}/?Action=GetCallerIdentity&Version=2011-06-15&X-Amz-Expires=60&X-Amz-SignedHeaders=host%3Bx-k8s-aws-id&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAFAKE%2F20260101%2Fus-east-2%2Fsts%2Faws4_request&X-Amz-Date=20260101T000000Z&X-Amz-Signature=00`).toString('base64url')}`;
    const result = await kubectl(['--server', api.url, '--insecure-skip-tls-verify', '--token', bogus, 'get', '--raw', '/version']);
    expect(result.code).not.toBe(0);
    expect(api.rejected.at(-1)!.reason).toMatch(/STS refused/);
  });
});
