import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { CONFIG_MEMO_NAMESPACE, recallConfig, rememberConfig } from './memo.ts';
import type { ResolvedConfig } from './model.ts';
import { validateConfig } from './validate.ts';

let home: string;
const PATH = '/work/ecr-auth.config.yaml';
const TEXT = 'auth:\n  providers: {}\n';

function config(source = PATH): ResolvedConfig {
  const result = validateConfig({ auth: { providers: {}, identities: {}, integrations: {} } }, source);
  return result.config!;
}

beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), 'ecr-auth-memo-'));
});
afterEach(async () => {
  await rm(home, { recursive: true, force: true });
});

it('recalls a config remembered for exactly this text at this path', async () => {
  const env = { HOME: home };
  expect(await recallConfig(env, PATH, TEXT)).toBeUndefined();
  await rememberConfig(env, PATH, TEXT, config());
  expect(await recallConfig(env, PATH, TEXT)).toEqual(config());
});

it('misses when the text or the path differs', async () => {
  const env = { HOME: home };
  await rememberConfig(env, PATH, TEXT, config());
  expect(await recallConfig(env, PATH, `${TEXT}# edited\n`)).toBeUndefined();
  expect(await recallConfig(env, '/elsewhere/ecr-auth.config.yaml', TEXT)).toBeUndefined();
});

it('a newer text replaces the entry (one per config path)', async () => {
  const env = { ECR_AUTH_CACHE_DIR: join(home, 'cache') };
  await rememberConfig(env, PATH, TEXT, config());
  await rememberConfig(env, PATH, `${TEXT}# v2\n`, config());
  expect(await readdir(join(home, 'cache', CONFIG_MEMO_NAMESPACE))).toHaveLength(1);
  expect(await recallConfig(env, PATH, TEXT)).toBeUndefined();
  expect(await recallConfig(env, PATH, `${TEXT}# v2\n`)).toEqual(config());
});

it('a corrupt or foreign memo file reads as a miss', async () => {
  const env = { HOME: home };
  await rememberConfig(env, PATH, TEXT, config());
  const dir = join(home, '.cache', 'ecr-auth', CONFIG_MEMO_NAMESPACE);
  const [name] = await readdir(dir);
  await writeFile(join(dir, name!), '{not json', { mode: 0o600 });
  expect(await recallConfig(env, PATH, TEXT)).toBeUndefined();
});

it('remembers nothing when the environment names no cache location (and never throws)', async () => {
  await rememberConfig({}, PATH, TEXT, config());
  expect(await recallConfig({}, PATH, TEXT)).toBeUndefined();
  await writeFile(join(home, 'a-file'), '');
  await expect(rememberConfig({ ECR_AUTH_CACHE_DIR: join(home, 'a-file', 'cache') }, PATH, TEXT, config())).resolves.toBeUndefined();
});
