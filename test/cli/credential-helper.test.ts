// docker-credential-ecr-auth as Docker runs it (the built bin, stdin in, stdout out): a cached host is answered
// without loading any AWS SDK module; a host whose token is gone is refreshed through the session path; a host it
// does not serve gets exactly the protocol's not-found answer; list and erase work.
import { spawn } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { ensureRegistries } from '../../src/core/session.ts';
import { TOKENS_NAMESPACE } from '../../src/core/registry/token.ts';
import { DEFAULT_START_URL, startEmulator, type Emulator } from '../emulator/index.ts';
import { makeTestHome, ssoConfig, type TestHome } from '../support/core-context.ts';

const HOST = '123456789012.dkr.ecr.us-east-2.amazonaws.com';
let emulator: Emulator;
let t: TestHome;

function helper(verb: string, stdin: string, extraEnv: Record<string, string> = {}) {
  const record = join(t.home, `imports-${Math.random()}.txt`);
  return new Promise<{ code: number | null; stdout: string; stderr: string; imports: () => Promise<string> }>((done) => {
    const child = spawn(process.execPath, ['--import', resolve('test/support/record-imports.mjs'), resolve('dist/cli/credential-helper.js'), verb], {
      env: { ...t.env, RECORD_IMPORTS_FILE: record, ...extraEnv },
      cwd: '/',
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => done({ code, stdout, stderr, imports: () => readFile(record, 'utf8').catch(() => '') }));
    child.stdin.end(stdin);
  });
}

beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(async () => emulator.stop());
beforeEach(async () => {
  t = await makeTestHome(emulator);
  await t.seedSso(emulator, { startUrl: DEFAULT_START_URL });
  return () => t.cleanup();
});

it('answers a cached host from two small files, loading no @aws-sdk module', async () => {
  await ensureRegistries(t.context(ssoConfig(DEFAULT_START_URL, { settings: { docker: { mode: 'helper' } } })), { identity: 'dev-admin' });
  emulator.resetCalls();
  const answer = await helper('get', `https://${HOST}\n`);
  expect(answer.code, answer.stdout + answer.stderr).toBe(0);
  const issued = emulator.ecrPasswords().at(-1)!;
  expect(JSON.parse(answer.stdout)).toEqual({ ServerURL: HOST, Username: 'AWS', Secret: issued.password });
  expect(answer.stderr).toBe('');
  const imports = await answer.imports();
  expect(imports).toContain('credential-helper.js');
  expect(imports).not.toMatch(/@aws-sdk|@smithy|cosmiconfig/);
  expect(emulator.calls()).toBe(0);
});

it('refreshes a host whose token is gone, with the config and identity that logged it in', async () => {
  const ctx = t.context(ssoConfig(DEFAULT_START_URL));
  await ensureRegistries(ctx, { identity: 'dev-admin' });
  await rm(join(t.home, '.cache', 'ecr-auth', TOKENS_NAMESPACE), { recursive: true });
  emulator.resetCalls();
  // the config file the host record points at must exist for the refresh path
  const { writeFile } = await import('node:fs/promises');
  await writeFile(ctx.config.source!, JSON.stringify(ssoConfig(DEFAULT_START_URL)));
  const answer = await helper('get', HOST);
  expect(answer.code, answer.stdout + answer.stderr).toBe(0);
  expect(JSON.parse(answer.stdout).Secret).toBe(emulator.ecrPasswords().at(-1)!.password);
  expect(emulator.calls('ecr:GetAuthorizationToken')).toBe(1);
  expect(await answer.imports()).toMatch(/@aws-sdk\/client-ecr/);
});

it('a host it does not serve gets exactly "credentials not found in native keychain" and exit 1', async () => {
  for (const host of ['ghcr.io', 'public.ecr.aws.fake.example.com', '999999999999.dkr.ecr.us-east-1.amazonaws.com']) {
    const answer = await helper('get', host);
    expect(answer.code).toBe(1);
    expect(answer.stdout.trim()).toBe('credentials not found in native keychain');
  }
});

it('list names the hosts it logged in; erase forgets one; store is accepted and ignored', async () => {
  await ensureRegistries(t.context(ssoConfig(DEFAULT_START_URL)), { identity: 'dev-admin' });
  expect(JSON.parse((await helper('list', '')).stdout)).toEqual({ [HOST]: 'AWS' });
  expect((await helper('erase', HOST)).code).toBe(0);
  expect(JSON.parse((await helper('list', '')).stdout)).toEqual({});
  const stored = await helper('store', JSON.stringify({ ServerURL: HOST, Username: 'AWS', Secret: 'x' }));
  expect(stored.code).toBe(0);
  expect(stored.stdout).toBe('');
});

it('an unknown verb is a usage error on stdout with exit 1', async () => {
  const answer = await helper('frobnicate', '');
  expect(answer.code).toBe(1);
  expect(answer.stdout).toMatch(/unknown credential helper action/);
});
