// The cached path stays cheap: `ecr-auth ecr-login <integration>` (the built bin, as a user runs it) with every
// cache warm loads no AWS SDK module, and for an unchanged YAML config neither cosmiconfig nor the YAML parser nor
// the schema library (the validated config is remembered). It makes no AWS call and writes nothing. No timing here:
// timings are bench/ (npm run bench).
import { spawn } from 'node:child_process';
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { DEFAULT_START_URL, startEmulator, type Emulator } from '../emulator/index.ts';
import { makeTestHome, ssoConfig, type TestHome } from '../support/core-context.ts';

let emulator: Emulator;
let t: TestHome;

function cli(args: string[], record?: string) {
  const preload = record ? ['--import', resolve('test/support/record-imports.mjs')] : [];
  return new Promise<{ code: number | null; out: string; imports: () => Promise<string[]> }>((done) => {
    const child = spawn(process.execPath, [...preload, resolve('dist/cli/main.js'), ...args], {
      env: { ...t.env, ...(record ? { RECORD_IMPORTS_FILE: record } : {}) },
      cwd: t.home,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('close', (code) =>
      done({ code, out, imports: async () => (record ? (await readFile(record, 'utf8')).split('\n').filter(Boolean) : []) }),
    );
  });
}

/** Every file under the home directory with its modification time. */
async function snapshot(dir: string): Promise<Map<string, number>> {
  const files = new Map<string, number>();
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    files.set(path, (await stat(path)).mtimeMs);
  }
  return files;
}

beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(async () => emulator.stop());
beforeEach(async () => {
  t = await makeTestHome(emulator);
  await t.seedSso(emulator, { startUrl: DEFAULT_START_URL });
  await writeFile(join(t.home, 'ecr-auth.config.yaml'), stringify(ssoConfig(DEFAULT_START_URL)));
  return () => t.cleanup();
});

it('a cached ecr-login loads no @aws-sdk module, nor cosmiconfig, YAML or zod, calls no AWS API and writes no file', async () => {
  const first = await cli(['ecr-login', 'dev/ecr/primary']);
  expect(first.code, first.out).toBe(0);
  expect(emulator.calls('ecr:GetAuthorizationToken')).toBe(1);
  emulator.resetCalls();
  const before = await snapshot(t.home);

  const cached = await cli(['ecr-login', 'dev/ecr/primary'], join(t.home, 'imports.txt'));
  expect(cached.code, cached.out).toBe(0);
  expect(cached.out).toMatch(/✓ ECR login: 123456789012\.dkr\.ecr\.us-east-2\.amazonaws\.com/);
  const imports = await cached.imports();
  expect(imports.some((url) => url.endsWith('/dist/cli/main.js')), 'the recording hook saw the program').toBe(true);
  expect(imports.filter((url) => /@aws-sdk\/|@smithy\//.test(url))).toEqual([]);
  expect(imports.filter((url) => /node_modules\/(cosmiconfig|js-yaml|yaml|zod)\//.test(url))).toEqual([]);
  expect(emulator.calls()).toBe(0);
  const after = await snapshot(t.home);
  after.delete(join(t.home, 'imports.txt'));
  expect(after).toEqual(before);
});

it('a changed config is validated again (and the SDK still stays unloaded when every credential is cached)', async () => {
  expect((await cli(['ecr-login', 'dev/ecr/primary'])).code).toBe(0);
  const renamed = ssoConfig(DEFAULT_START_URL, { integrations: { 'dev/ecr/second': { kind: 'aws/ecr', via: { identity: 'dev-admin' }, spec: { registry: { account_id: '210987654321', region: 'us-east-2' } } } } });
  await writeFile(join(t.home, 'ecr-auth.config.yaml'), stringify(renamed));
  emulator.resetCalls();
  const second = await cli(['ecr-login', 'dev/ecr/second'], join(t.home, 'imports.txt'));
  expect(second.code, second.out).toBe(0);
  expect(second.out).toMatch(/210987654321\.dkr\.ecr\.us-east-2\.amazonaws\.com/);
  const imports = await second.imports();
  expect(imports.some((url) => /node_modules\/zod\//.test(url)), 'the new text is validated').toBe(true);
  expect(imports.filter((url) => /@aws-sdk\/|@smithy\//.test(url))).toEqual([]);
  expect(emulator.calls()).toBe(0);
});
