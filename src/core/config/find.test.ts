import { mkdir, mkdtemp, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findDataConfig, isDataConfigPath } from './find.ts';
import { MODULE_NAME, SEARCH_PLACES } from './load.ts';

let root: string;
let counter = 0;

/** A fresh directory tree (path -> content; a path ending in / is a directory); returns its root. */
async function tree(files: Record<string, string>): Promise<string> {
  const dir = join(root, `t${counter++}`);
  await mkdir(dir, { recursive: true });
  for (const [path, content] of Object.entries(files)) {
    if (path.endsWith('/')) await mkdir(join(dir, path), { recursive: true });
    else {
      await mkdir(dirname(join(dir, path)), { recursive: true });
      await writeFile(join(dir, path), content);
    }
  }
  return dir;
}

const find = (cwd: string) => findDataConfig(cwd, SEARCH_PLACES, MODULE_NAME);

beforeAll(async () => {
  root = await realpath(await mkdtemp(join(tmpdir(), 'ecr-auth-find-')));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('isDataConfigPath', () => {
  it.each([
    ['ecr-auth.config.yaml', true],
    ['ecr-auth.config.yml', true],
    ['ecr-auth.config.json', true],
    ['.ecr-authrc', true],
    ['ecr-auth.config.ts', false],
    ['ecr-auth.config.mjs', false],
    ['package.json', false],
    ['package.yaml', false],
  ])('%s -> %s', (name, expected) => {
    expect(isDataConfigPath(`/x/${name}`)).toBe(expected);
  });
});

describe('findDataConfig answers the plain cases itself', () => {
  it('the nearest directory, first place first', async () => {
    const dir = await tree({ 'ecr-auth.config.yaml': 'a: 1\n', '.ecr-authrc.json': '{}', 'sub/deeper/.keep': '' });
    expect(await find(dir)).toEqual({ path: join(dir, 'ecr-auth.config.yaml'), text: 'a: 1\n' });
    expect((await find(join(dir, 'sub', 'deeper')))?.path).toBe(join(dir, 'ecr-auth.config.yaml'));
  });

  it('walks past a package.json without the key (and one whose key is null)', async () => {
    const dir = await tree({ '.ecr-authrc': 'x: 1\n', 'pkg/package.json': '{"name":"a","ecr-auth":null}', 'pkg/src/.keep': '' });
    expect((await find(join(dir, 'pkg', 'src')))?.path).toBe(join(dir, '.ecr-authrc'));
  });

  it('skips a directory named like a search place, as cosmiconfig does', async () => {
    const dir = await tree({ 'ecr-auth.config.yaml/': '', '.ecr-authrc.yml': 'y: 2\n' });
    expect((await find(dir))?.path).toBe(join(dir, '.ecr-authrc.yml'));
  });
});

describe('findDataConfig leaves the rest to cosmiconfig (undefined)', () => {
  it.each([
    ['a code config comes first', { 'ecr-auth.config.mjs': 'export default {}', 'ecr-auth.config.yaml': 'a: 1' }],
    ['package.json holds the key', { 'package.json': '{"ecr-auth":{"auth":{}}}' }],
    ['package.json does not parse', { 'package.json': '{oops' }],
    ['a cosmiconfig meta config may apply (.config/)', { '.config/config.json': '{}', 'ecr-auth.config.yaml': 'a: 1' }],
    ['a cosmiconfig meta config may apply (package.json#cosmiconfig)', { 'package.json': '{"cosmiconfig":{}}', 'ecr-auth.config.yaml': 'a: 1' }],
    ['the file imports others', { 'ecr-auth.config.yaml': '$import: ./base.yaml\n' }],
  ])('%s', async (_, files) => {
    expect(await find(await tree(files))).toBeUndefined();
  });

  it('nothing found up to the root', async () => {
    expect(await find(await tree({ 'a/b/.keep': '' }))).toBeUndefined();
  });

  it('a start directory that does not exist', async () => {
    expect(await find(join(root, 'missing', 'dir'))).toBeUndefined();
  });
});
