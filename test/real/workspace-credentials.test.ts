// The whole monorepo's credentials after one `ecr-auth login`: npm installs a package from a real npm registry
// (Verdaccio) reached under its CodeArtifact host name, accepting only tokens the emulator's CodeArtifact issued;
// kubectl reads /version from a stand-in EKS API server that checks its token through the emulator's STS; Docker's
// ECR login is there too. One AWS call per token. The user's .npmrc keeps its own lines and logout gives it back
// byte for byte. A real pip installs a wheel from the same CodeArtifact host through `ecr-auth exec` (PIP_INDEX_URL).
import { execFile, execFileSync } from 'node:child_process';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { DEFAULT_START_URL, startEmulator, type Emulator } from '../emulator/index.ts';
import { startCodeartifactFront, type CodeartifactFront } from '../harness/codeartifact-front.ts';
import { startEksApiServer, type EksApiServer } from '../harness/eks-api-server.ts';
import { findExecutable } from '../harness/system.ts';
import { makeTestTls, type TestTls } from '../harness/tls.ts';
import { startVerdaccio, type TestVerdaccio } from '../harness/verdaccio.ts';
import { buildWheel, startPypiSimple, type PypiSimple } from '../harness/pypi-simple.ts';
import { makeTestHome, ssoConfig, type TestHome } from '../support/core-context.ts';

const run = promisify(execFile);
const CLI = resolve('dist/cli/main.js');
const HOST = 'acme-123456789012.d.codeartifact.us-east-2.amazonaws.com';
const ci = !!process.env.CI && process.env.CI !== 'false' && process.env.CI !== '0';
const missing = ['kubectl', 'openssl', 'npm'].filter((name) => !findExecutable([name]));
if (missing.length && !ci) console.warn(`skipping the workspace credentials test; missing: ${missing.join(', ')}`);
/** The Python whose pip installs from the CodeArtifact stand-in (its real path: a pyenv shim needs the real HOME). */
const python = (() => {
  const found = findExecutable(['python3']);
  if (!found) return undefined;
  try {
    return execFileSync(found, ['-c', 'import pip, sys; print(sys.executable)'], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
})();
if (!python && !ci) console.warn('skipping the pip install from CodeArtifact: no python3 with pip');

type Result = { code: number; stdout: string; stderr: string };
const settle = (p: Promise<{ stdout: string; stderr: string }>): Promise<Result> =>
  p.then(
    (r) => ({ code: 0, ...r }),
    (e: { code?: number; stdout?: string; stderr?: string }) => ({ code: typeof e.code === 'number' ? e.code : 1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' }),
  );

describe.skipIf(missing.length > 0 && !ci)('one login: npm from CodeArtifact, kubectl to EKS, docker to ECR', () => {
  let emulator: Emulator;
  let tls: TestTls;
  let verdaccio: TestVerdaccio;
  let front: CodeartifactFront;
  let pypi: PypiSimple;
  let api: EksApiServer;
  let t: TestHome;
  let env: Record<string, string>;
  let npmEnv: Record<string, string>;

  beforeAll(async () => {
    if (missing.length) throw new Error(`missing real parts: ${missing.join(', ')}. Run: sudo bash scripts/install-system-deps.sh`);
    emulator = await startEmulator();
    tls = await makeTestTls([HOST]);
    verdaccio = await startVerdaccio({ urlPrefix: '/npm/npm-store/' });
    t = await makeTestHome(emulator);
    // a wheel on the pip repository, as a team's CI would have uploaded it
    const wheels = python ? [{ name: 'acme-greet', path: await buildWheel(t.home, { name: 'acme-greet', version: '1.0.0', source: 'def greet(who):\n    return f"hello, {who}"\n' }) }] : [];
    pypi = await startPypiSimple(wheels);
    front = await startCodeartifactFront({
      tls,
      host: HOST,
      upstream: verdaccio.url,
      repositoryPath: '/npm/npm-store',
      more: [{ repositoryPath: '/pypi/py-store', upstream: pypi.url }],
      isIssuedToken: (token) => emulator.codeartifactTokens().some((r) => r.token === token && r.expiresAt.getTime() > Date.now()),
    });
    api = await startEksApiServer({ tls, cluster: 'dev-cluster', stsOrigin: emulator.url });
    emulator.addEksCluster({ name: 'dev-cluster', region: 'us-east-2', endpoint: api.url, certificateAuthorityData: api.certificateAuthorityData });

    await t.seedSso(emulator, { startUrl: DEFAULT_START_URL });
    const bin = join(t.home, 'bin');
    await mkdir(bin);
    await writeFile(join(bin, 'ecr-auth'), `#!/bin/sh\nexec "${process.execPath}" "${CLI}" "$@"\n`);
    await chmod(join(bin, 'ecr-auth'), 0o755);
    await writeFile(join(t.home, 'ca.pem'), tls.caPem);
    env = { ...t.env, PATH: `${bin}:${process.env.PATH}`, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' };
    npmEnv = {
      ...env,
      NPM_CONFIG_HTTPS_PROXY: front.proxyUrl,
      NPM_CONFIG_CAFILE: join(t.home, 'ca.pem'),
      NPM_CONFIG_CACHE: join(t.home, 'npm-cache'),
      NPM_CONFIG_UPDATE_NOTIFIER: 'false',
      NPM_CONFIG_AUDIT: 'false',
      NPM_CONFIG_FUND: 'false',
    };

    // a package published straight to the registry server, as a team's CI would have published it
    const pkg = join(t.home, 'greet');
    await mkdir(pkg);
    await writeFile(join(pkg, 'package.json'), JSON.stringify({ name: '@acme/greet', version: '1.0.0', main: 'index.js' }));
    await writeFile(join(pkg, 'index.js'), "module.exports = (who) => `hello, ${who}`;\n");
    const publisher = await verdaccio.addUser('ci', 'ci-password-not-a-secret');
    const publishRc = join(t.home, 'publish.npmrc');
    await writeFile(publishRc, `//127.0.0.1:${verdaccio.port}/:_authToken=${publisher}\n`);
    const published = await settle(run('npm', ['publish', '--registry', `${verdaccio.url}/`, '--userconfig', publishRc], { cwd: pkg, env: { ...npmEnv, NPM_CONFIG_HTTPS_PROXY: '' } }));
    expect(published.code, published.stderr).toBe(0);

    const integrations = {
      'dev/packages': {
        kind: 'aws/codeartifact',
        via: { identity: 'dev-admin' },
        spec: { domain: 'acme', domain_owner: '123456789012', region: 'us-east-2', repositories: [{ name: 'npm-store', tool: 'npm', scope: '@acme' }, { name: 'py-store', tool: 'pip' }] },
      },
      'dev/eks': { kind: 'aws/eks', via: { identity: 'dev-admin' }, spec: { cluster: { name: 'dev-cluster', region: 'us-east-2', alias: 'dev-eks' } } },
    };
    await writeFile(join(t.home, 'ecr-auth.config.yaml'), stringify(ssoConfig(DEFAULT_START_URL, { integrations })));
  }, 180_000);
  afterAll(async () => {
    await Promise.allSettled([front?.stop(), api?.stop(), verdaccio?.stop(), pypi?.stop(), emulator?.stop()]);
    await t?.cleanup();
  });

  it('npm install and kubectl work after one login; one AWS call per token; logout restores the .npmrc', async () => {
    const userNpmrc = '# my settings\nfund=false\r\n; another comment\nsave-exact=true\n';
    await writeFile(join(t.home, '.npmrc'), userNpmrc);
    emulator.resetCalls();

    const login = await settle(run(process.execPath, [CLI, 'login'], { env, cwd: t.home }));
    expect(login.code, login.stderr).toBe(0);
    expect(login.stdout).toMatch(/✓ ECR login: 123456789012\.dkr\.ecr\.us-east-2\.amazonaws\.com/);
    expect(login.stdout).toMatch(new RegExp(`✓ CodeArtifact: ${HOST.replace(/\./g, '\\.')} \\(npm-store:npm, py-store:pip\\) \\(expires in \\d+m\\)`));
    expect(login.stdout).toMatch(/✓ EKS kubeconfig: dev-eks/);
    expect(emulator.callLog.map((c) => c.op).sort()).toEqual(
      ['codeartifact:GetAuthorizationToken', 'ecr:GetAuthorizationToken', 'eks:DescribeCluster', 'sso:GetRoleCredentials', 'sso:ListAccounts'],
    );
    const npmrc = await readFile(join(t.home, '.npmrc'), 'utf8');
    expect(npmrc.startsWith(userNpmrc)).toBe(true);
    expect(npmrc).toContain(`@acme:registry=https://${HOST}/npm/npm-store/\n`);
    expect(npmrc).toMatch(new RegExp(`^//${HOST.replace(/\./g, '\\.')}/npm/npm-store/:_authToken=eyJ`, 'm'));

    // npm, in a project, under the CodeArtifact host name: the front accepted only the emulator's token
    const project = join(t.home, 'app');
    await mkdir(project);
    await writeFile(join(project, 'package.json'), JSON.stringify({ name: 'app', version: '0.0.0', private: true }));
    const install = await settle(run('npm', ['install', '@acme/greet@1.0.0'], { cwd: project, env: npmEnv }));
    expect(install.code, install.stderr).toBe(0);
    expect(front.rejected).toEqual([]);
    expect(front.accepted.some((p) => p.includes('greet'))).toBe(true);
    const greeted = await run(process.execPath, ['-e', "console.log(require('@acme/greet')('monorepo'))"], { cwd: project });
    expect(greeted.stdout.trim()).toBe('hello, monorepo');
    const lock = await readFile(join(project, 'package-lock.json'), 'utf8');
    expect(lock).toContain(`https://${HOST}/npm/npm-store/@acme/greet/-/greet-1.0.0.tgz`);

    // kubectl, through the exec plugin
    const version = await settle(run('kubectl', ['--context', 'dev-eks', 'get', '--raw', '/version'], { env, cwd: t.home }));
    expect(version.code, version.stderr).toBe(0);
    expect(JSON.parse(version.stdout).gitVersion).toBe('v1.30.0-eks-stand-in');

    // pip's index URL, with the same cached token, through exec (no new AWS call)
    emulator.resetCalls();
    const pip = await settle(run(process.execPath, [CLI, 'exec', '--', process.execPath, '-e', 'process.stdout.write(process.env.PIP_INDEX_URL)'], { env, cwd: t.home }));
    expect(pip.code, pip.stderr).toBe(0);
    expect(pip.stdout).toMatch(new RegExp(`^https://aws:eyJ[^@]+@${HOST.replace(/\./g, '\\.')}/pypi/py-store/simple/$`));
    expect(emulator.calls()).toBe(0);

    const status = JSON.parse((await settle(run(process.execPath, [CLI, 'status', '--json'], { env, cwd: t.home }))).stdout);
    expect(status.entries).toContainEqual(expect.objectContaining({ kind: 'integration', name: `codeartifact ${HOST} (dev/packages)`, valid: true }));

    const logout = await settle(run(process.execPath, [CLI, 'logout'], { env, cwd: t.home }));
    expect(logout.code, logout.stderr).toBe(0);
    expect(logout.stdout).toContain(`removed .npmrc entries: 2 (${join(t.home, '.npmrc')})`);
    expect(await readFile(join(t.home, '.npmrc'), 'utf8')).toBe(userNpmrc);

    // nothing secret in what the commands printed: no token, key or password the emulator issued
    const printed = [login, logout].flatMap((r) => [r.stdout, r.stderr]).join('\n') + pip.stderr;
    for (const secret of emulator.secrets()) expect(printed).not.toContain(secret);

    // six logins at once (the cache emptied by logout): one call per token, one entry of each kind in each file
    emulator.resetCalls();
    const many = await Promise.all(Array.from({ length: 6 }, () => settle(run(process.execPath, [CLI, 'login'], { env, cwd: t.home }))));
    for (const r of many) expect(r.code, r.stderr).toBe(0);
    for (const op of ['codeartifact:GetAuthorizationToken', 'eks:DescribeCluster', 'ecr:GetAuthorizationToken', 'sso:GetRoleCredentials'] as const) {
      expect(emulator.calls(op), op).toBe(1);
    }
    const concurrentNpmrc = await readFile(join(t.home, '.npmrc'), 'utf8');
    expect(concurrentNpmrc.startsWith(userNpmrc)).toBe(true);
    expect(concurrentNpmrc.match(/_authToken=/g)).toHaveLength(1);
    expect((await readFile(join(t.home, '.kube', 'config'), 'utf8')).match(/name: dev-eks/g)).toHaveLength(1);
    await settle(run(process.execPath, [CLI, 'logout'], { env, cwd: t.home }));
    expect(await readFile(join(t.home, '.npmrc'), 'utf8')).toBe(userNpmrc);

    // without our token the front refuses: npm cannot install
    const refused = await settle(run('npm', ['install', '@acme/greet@1.0.0', '--prefer-online'], { cwd: project, env: { ...npmEnv, NPM_CONFIG_CACHE: join(t.home, 'npm-cache-2'), 'NPM_CONFIG_@ACME:REGISTRY': `https://${HOST}/npm/npm-store/` } }));
    expect(refused.code).not.toBe(0);
    expect(front.rejected.length).toBeGreaterThan(0);
  });

  it.skipIf(!python && !ci)('pip installs from the CodeArtifact repository through ecr-auth exec, the token inside PIP_INDEX_URL', async () => {
    if (!python) throw new Error('missing real part: python3 with pip');
    const target = join(t.home, 'py-site');
    const pipEnv = {
      ...env, HTTPS_PROXY: front.proxyUrl, https_proxy: front.proxyUrl, NO_PROXY: '', no_proxy: '', PIP_CERT: join(t.home, 'ca.pem'),
      PIP_NO_CACHE_DIR: '1', PIP_DISABLE_PIP_VERSION_CHECK: '1', PIP_CONFIG_FILE: '/dev/null', PIP_NO_INPUT: '1',
      // Debian's python3-pip marks the system Python externally managed; the install goes to a --target directory
      PIP_BREAK_SYSTEM_PACKAGES: '1',
    };
    const rejectedBefore = front.rejected.length;
    emulator.resetCalls();
    const install = await settle(run(process.execPath, [CLI, 'exec', '--', python, '-m', 'pip', 'install', '--no-deps', '--target', target, 'acme-greet==1.0.0'], { env: pipEnv, cwd: t.home }));
    expect(install.code, install.stderr).toBe(0);
    expect(front.rejected.slice(rejectedBefore)).toEqual([]);
    expect(pypi.requested).toEqual(expect.arrayContaining(['/simple/acme-greet/', '/files/acme_greet-1.0.0-py3-none-any.whl']));
    expect(emulator.calls('codeartifact:GetAuthorizationToken')).toBeLessThanOrEqual(1);
    const greeted = await run(python, ['-c', 'import acme_greet; print(acme_greet.greet("monorepo"))'], { env: { ...process.env, PYTHONPATH: target } });
    expect(greeted.stdout.trim()).toBe('hello, monorepo');
    for (const secret of emulator.secrets()) expect(install.stdout + install.stderr).not.toContain(secret);

    // the same index without the token: the front refuses it, and pip cannot install
    const refused = await settle(run(python, ['-m', 'pip', 'install', '--no-deps', '--target', join(t.home, 'py-refused'), '--index-url', `https://${HOST}/pypi/py-store/simple/`, 'acme-greet==1.0.0'], { env: pipEnv }));
    expect(refused.code).not.toBe(0);
    expect(front.rejected.slice(rejectedBefore).map((r) => r.reason)).toContain('no bearer token');
  }, 120_000);
});
