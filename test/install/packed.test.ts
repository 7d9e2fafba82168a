// ecr-auth as an installer sees it: the `npm pack` tarball holds only what runs (plus README, LICENSE), and it
// installs from the npm registry into a project with neither Nx nor TypeScript, where both bins work.
// (typed.test.ts: a TypeScript project type-checks against the published declarations.)
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { npm, packEcrAuth } from '../runners/support/package.ts';
import { ok, REPO, run } from '../runners/support/sandbox.ts';

const INSTALL_TIMEOUT = 300_000;
let dir: string;
let tarball: string;


/** A clean environment for running the installed bins: its own HOME, our PATH, nothing else of ours. */
function cleanEnv(home: string): Record<string, string> {
  return { HOME: home, PATH: process.env.PATH ?? '/usr/bin:/bin', DOCKER_CONFIG: join(home, '.docker'), CI: 'true' };
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ecr-auth-packed-'));
  tarball = await packEcrAuth(join(dir, 'pack'));
}, INSTALL_TIMEOUT);

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('the packed tarball', () => {
  it('holds dist (no test fixtures, no build stamp), package.json, README.md and LICENSE, and nothing else', async () => {
    const listed = ok(await run('tar', ['-tzf', tarball], { cwd: dir, env: { PATH: process.env.PATH ?? '' } }), 'tar -t');
    const files = listed.stdout.split('\n').filter(Boolean).map((f) => f.replace(/^package\//, ''));
    expect(files).toContain('LICENSE');
    expect(files).toContain('README.md');
    expect(files).toContain('package.json');
    expect(files).toContain('dist/cli/main.js');
    expect(files).toContain('dist/cli/credential-helper.js');
    expect(files).toContain('dist/executors.json');
    expect(files.filter((f) => !f.startsWith('dist/') && !['LICENSE', 'README.md', 'package.json'].includes(f))).toEqual([]);
    expect(files.filter((f) => /test-fixtures|\.test\.|\.build-stamp|\/test\//.test(f))).toEqual([]);
  });

  it('installs into a project with neither Nx nor TypeScript; ecr-auth --version, validate and the credential helper run', async () => {
    const project = join(dir, 'plain');
    const home = join(dir, 'plain-home');
    await rm(project, { recursive: true, force: true });
    await Promise.all([mkdir(project, { recursive: true }), mkdir(home, { recursive: true })]);
    await writeFile(join(project, 'package.json'), `${JSON.stringify({ name: 'plain', private: true, version: '1.0.0' }, null, 2)}\n`);
    ok(await npm(['install', tarball], project), 'npm install <tarball>');
    const installed = await readdir(join(project, 'node_modules'));
    expect(installed).not.toContain('nx');
    expect(installed).not.toContain('typescript');
    expect(installed).not.toContain('@nx');

    const bin = (name: string) => join(project, 'node_modules', '.bin', name);
    const env = cleanEnv(home);
    const ourVersion = JSON.parse(await readFile(join(REPO, 'package.json'), 'utf8')).version as string;
    const version = ok(await run(bin('ecr-auth'), ['--version'], { cwd: project, env }), 'ecr-auth --version');
    expect(version.stdout.trim()).toContain(ourVersion);
    expect(version.stderr).toBe('');

    await writeFile(
      join(project, 'ecr-auth.config.yaml'),
      [
        'auth:',
        '  providers:',
        '    company-sso: { kind: aws/iam-identity-center, region: us-east-1, start_url: "https://company.awsapps.com/start/" }',
        '  identities:',
        '    dev-admin: { kind: aws/permission-set, via: { provider: company-sso }, principal: { name: AdministratorAccess, account: dev } }',
        '  integrations:',
        '    ecr: { kind: aws/ecr, via: { identity: dev-admin }, spec: { registry: { account_id: "123456789012", region: us-east-2 } } }',
        '',
      ].join('\n'),
    );
    const validated = ok(await run(bin('ecr-auth'), ['validate', '--json'], { cwd: project, env }), 'ecr-auth validate');
    expect(validated.stdout).toContain('123456789012.dkr.ecr.us-east-2.amazonaws.com');
    expect(validated.stderr).not.toMatch(/warn|deprecat|NodeVersion/i);

    const listedHosts = ok(await run(bin('docker-credential-ecr-auth'), ['list'], { cwd: project, env }), 'docker-credential-ecr-auth list');
    expect(JSON.parse(listedHosts.stdout)).toEqual({});
  }, INSTALL_TIMEOUT);
});
