import { mkdir, mkdtemp, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isEcrAuthError } from '../errors.ts';
import { ConfigError } from './config-error.ts';
import { loadConfig, searchedDirectories, userConfigDirectory } from './load.ts';

type ErrorWithHint = Error & { hint?: string };

let root: string;
let counter = 0;

const YAML = `auth:
  providers:
    sso: { kind: aws/iam-identity-center, region: us-east-1, start_url: "https://x.awsapps.com/start" }
  identities:
    dev: { kind: aws/permission-set, via: { provider: sso }, principal: { name: Admin, account: dev } }
`;
const DOC = {
  providers: { sso: { kind: 'aws/iam-identity-center', region: 'us-east-1', start_url: 'https://x.awsapps.com/start' } },
  identities: { dev: { kind: 'aws/permission-set', via: { provider: 'sso' }, principal: { name: 'Admin', account: 'dev' } } },
};

/** A fresh directory holding the given files (path -> content). */
async function project(files: Record<string, string>): Promise<string> {
  const dir = join(root, `p${counter++}`);
  await mkdir(dir, { recursive: true });
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), content);
  }
  return dir;
}

async function caught(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a rejection');
}

beforeAll(async () => {
  root = await realpath(await mkdtemp(join(tmpdir(), 'ecr-auth-load-')));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('loadConfig finds every file form', () => {
  const json = JSON.stringify(DOC);
  it.each([
    ['ecr-auth.config.yaml', YAML],
    ['ecr-auth.config.yml', YAML],
    ['ecr-auth.config.json', json],
    ['ecr-auth.config.mjs', `export default ${json};`],
    ['ecr-auth.config.js', `module.exports = ${json};`],
    ['ecr-auth.config.ts', `const config: Record<string, unknown> = ${json};\nexport default config;`],
    ['.ecr-authrc', YAML],
    ['.ecr-authrc.json', json],
    ['.ecr-authrc.yaml', YAML],
    ['.ecr-authrc.yml', YAML],
    ['package.json', JSON.stringify({ name: 'app', 'ecr-auth': { auth: DOC } })],
  ])('%s', async (file, content) => {
    const dir = await project({ [file]: content });
    const config = await loadConfig({ cwd: dir, env: {} });
    expect(config.source).toBe(join(dir, file));
    expect(config.defaultIdentity).toBe('dev');
  });
});

describe('loadConfig search', () => {
  it('walks up from a subdirectory, past a package.json without the key (a monorepo package)', async () => {
    const dir = await project({ 'ecr-auth.config.yaml': YAML, 'apps/web/package.json': '{"name":"web"}', 'apps/web/src/.keep': '' });
    const config = await loadConfig({ cwd: join(dir, 'apps/web/src'), env: {} });
    expect(config.source).toBe(join(dir, 'ecr-auth.config.yaml'));
  });

  it('the nearest directory wins, and within one directory ecr-auth.config.* before .ecr-authrc before package.json', async () => {
    const dir = await project({
      'ecr-auth.config.yaml': YAML,
      'sub/.ecr-authrc.yaml': YAML,
      'sub/package.json': JSON.stringify({ 'ecr-auth': DOC }),
    });
    expect((await loadConfig({ cwd: join(dir, 'sub'), env: {} })).source).toBe(join(dir, 'sub/.ecr-authrc.yaml'));
  });

  it('--config (relative to cwd) wins over ECR_AUTH_CONFIG, which wins over the search', async () => {
    const dir = await project({ 'ecr-auth.config.yaml': YAML, 'a.yaml': YAML, 'b.json': JSON.stringify(DOC) });
    const env = { ECR_AUTH_CONFIG: join(dir, 'b.json') };
    expect((await loadConfig({ cwd: dir, env })).source).toBe(join(dir, 'b.json'));
    expect((await loadConfig({ cwd: dir, env, configPath: 'a.yaml' })).source).toBe(join(dir, 'a.yaml'));
  });

  it('nothing found: E_CONFIG_NOT_FOUND lists where it looked and how to create one', async () => {
    const dir = await project({ 'deep/er/.keep': '' });
    const error = await caught(loadConfig({ cwd: join(dir, 'deep/er'), env: { HOME: '/home/u', XDG_CONFIG_HOME: '/xdg' } }));
    expect(isEcrAuthError(error, 'E_CONFIG_NOT_FOUND')).toBe(true);
    expect(error.message).toContain(`${join(dir, 'deep/er')}, ${join(dir, 'deep')}, ${dir},`);
    expect(error.message).toMatch(/ecr-auth\.config\.\{ts,mjs,js,json,yaml,yml\}, \.ecr-authrc\{,\.json,\.yaml,\.yml\}.*package\.json/);
    if (process.platform === 'linux') expect(error.message).toContain('/xdg/ecr-auth/config{,.json,.yaml,.yml,.js,.ts,.cjs,.mjs}');
    expect((error as ErrorWithHint).hint).toMatch(/nx g ecr-auth:init.*ecr-auth validate/);
  });

  it('a --config file that does not exist names it', async () => {
    const dir = await project({});
    const error = await caught(loadConfig({ cwd: dir, env: {}, configPath: 'missing.yaml' }));
    expect(isEcrAuthError(error, 'E_CONFIG_NOT_FOUND')).toBe(true);
    expect(error.message).toBe(`config file ${join(dir, 'missing.yaml')} (from --config) does not exist`);
  });

  it('names the per-user config directory of each platform', () => {
    expect(userConfigDirectory({ HOME: '/h' }, 'linux')).toBe('/h/.config/ecr-auth');
    expect(userConfigDirectory({ HOME: '/h', XDG_CONFIG_HOME: '/x' }, 'linux')).toBe('/x/ecr-auth');
    expect(userConfigDirectory({ HOME: '/h' }, 'darwin')).toBe('/h/Library/Preferences/ecr-auth');
  });

  it('lists the directories from cwd to the root', () => {
    expect(searchedDirectories('/a/b')).toEqual(['/a/b', '/a', '/']);
  });
});

describe('loadConfig errors', () => {
  it('an invalid config is E_CONFIG naming the file and every issue', async () => {
    const dir = await project({
      'ecr-auth.config.yaml': `${YAML}  integrations:\n    r: { kind: aws/ecr, via: { identity: devv }, spec: { registry: { account_id: "1", region: us-east-1 } } }\n`,
    });
    const error = await caught(loadConfig({ cwd: dir, env: {} }));
    expect(error).toBeInstanceOf(ConfigError);
    const config = error as ConfigError;
    expect(config.code).toBe('E_CONFIG');
    expect(config.source).toBe(join(dir, 'ecr-auth.config.yaml'));
    expect(config.issues.map((i) => i.path)).toEqual(['auth.integrations.r.spec.registry.account_id']);
    expect(config.message).toContain(`invalid config ${join(dir, 'ecr-auth.config.yaml')} (1 error):`);
  });

  it('reports every error, not only the first', async () => {
    const dir = await project({ 'ecr-auth.config.json': JSON.stringify({ providers: { a: { kind: 'x' }, b: { kind: 'y' } } }) });
    const error = (await caught(loadConfig({ cwd: dir, env: {} }))) as ConfigError;
    expect(error.issues.map((i) => i.path)).toEqual(['providers.a.kind', 'providers.b.kind']);
    expect(error.message).toMatch(/\(2 errors\):\n {2}- providers\.a\.kind: unknown kind "x".*\n {2}- providers\.b\.kind/);
  });

  it.each([
    ['ecr-auth.config.yaml', 'auth:\n  providers:\n    a: 1\n   b: 2\n', /ecr-auth\.config\.yaml:4:\d+: invalid YAML: bad indentation/],
    ['ecr-auth.config.json', '{\n  "providers": {\n    "a": }\n}\n', /ecr-auth\.config\.json:3:10: invalid JSON: Unexpected token/],
    ['.ecr-authrc', 'providers: [\n', /\.ecr-authrc:2:1: invalid YAML/],
    ['ecr-auth.config.mjs', 'export default {;\n', /ecr-auth\.config\.mjs: cannot load: /],
  ])('a syntax error in %s names the file and line', async (file, content, pattern) => {
    const dir = await project({ [file]: content });
    const error = await caught(loadConfig({ cwd: dir, env: {} }));
    expect(isEcrAuthError(error, 'E_CONFIG')).toBe(true);
    expect(error.message).toMatch(pattern);
  });

  it('an empty config file is reported, not skipped', async () => {
    const dir = await project({ 'ecr-auth.config.yaml': '' });
    const error = (await caught(loadConfig({ cwd: dir, env: {} }))) as ConfigError;
    expect(error.issues).toEqual([{ path: '', message: 'the config is empty', expected: expect.stringContaining('providers') }]);
  });
});
