// The hostile-input table: config documents, command-line names, Docker configs, cache entries, the SSO token file
// and AWS answers that a careless or malicious hand could produce. Every case states the exit code, what the output
// must say, and which files must stay byte for byte as they were. The cases run in-process (test/safety/support/
// in-process.ts): the table stays within seconds; hostile-table.test.ts asserts each case, no-internal.test.ts
// feeds every case and fails on E_INTERNAL, a stack trace or a hang.
import { execFileSync } from 'node:child_process';
import { mkdir, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { dirname, join } from 'node:path';
import { expect } from 'vitest';
import { hashKey } from '../../src/core/cache/store.ts';
import type { Emulator } from '../emulator/index.ts';
import { standardConfig, type CliHome } from './support/cli-home.ts';

export const HOST = '123456789012.dkr.ecr.us-east-2.amazonaws.com';

/** What a case may set up besides its world, and must undo. */
export interface Arranged {
  env?: Record<string, string>;
  /** Called after the run (close a socket server...). */
  dispose?: () => Promise<void> | void;
}

export interface HostileCase {
  group: 'config' | 'argv' | 'docker' | 'cache' | 'sso' | 'aws' | 'helper';
  name: string;
  /** CLI argv; or, with `helper`, the credential helper's verb and stdin. */
  argv?: string[];
  helper?: { verb: string; stdin: string };
  /** Prepares the world (the standard config is written and an SSO session seeded before). */
  arrange?: (w: CliHome, emulator: Emulator) => Promise<Arranged | void>;
  exit: 0 | 1 | 2;
  /** What stderr must say (for a failure), or stdout+stderr (for a success). */
  says?: RegExp;
  /** Files that must be byte for byte as before; default: the config, ~/.docker and ~/.aws. */
  untouched?: (w: CliHome) => string[];
  /** Further checks after the run. */
  after?: (w: CliHome, out: { stdout: string; stderr: string }) => Promise<void>;
}

const defaultConfig = () => standardConfig() as { auth: Record<string, Record<string, unknown>> };
const permissionSet = { kind: 'aws/permission-set', via: { provider: 'company-sso' }, principal: { name: 'AdministratorAccess', account: 'dev' } };
const ecr = (via: string) => ({ kind: 'aws/ecr', via: { identity: via }, spec: { registry: { account_id: '123456789012', region: 'us-east-2' } } });
/** Only the config (the run may write its own files). */
export const configOnly = (w: CliHome) => [w.configPath, join(w.home, '.aws')];
const nothingOfDocker = (w: CliHome) => [w.configPath, w.dockerDir];

/** Names that are properties of every plain JS object: each must be a name like any other. */
export const PROTOTYPE_NAMES = [
  '__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'isPrototypeOf', 'propertyIsEnumerable',
  'toLocaleString', '__defineGetter__', '__lookupGetter__',
];

/** A YAML alias bomb: 9 levels of 9 aliases each (9^9 ≈ 387 million leaves once expanded), about 700 bytes. */
export function aliasBomb(indent: string): string {
  const lines = [`a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]`];
  const names = 'abcdefghi';
  for (let i = 1; i < names.length; i++) {
    const prev = names[i - 1];
    lines.push(`${names[i]}: &${names[i]} [*${prev},*${prev},*${prev},*${prev},*${prev},*${prev},*${prev},*${prev},*${prev}]`);
  }
  return lines.map((line) => `${indent}${line}`).join('\n');
}

const configYaml = (identityExtra = '', settings = '') => `auth:
  providers:
    company-sso: { kind: aws/iam-identity-center, region: us-east-1, start_url: "https://emulator.awsapps.com/start/" }
  identities:
    dev-admin:
      kind: aws/permission-set
      via: { provider: company-sso }
      principal: { name: AdministratorAccess, account: dev }
      default: true
${identityExtra}
  integrations:
    dev/ecr/primary:
      kind: aws/ecr
      via: { identity: dev-admin }
      spec: { registry: { account_id: "123456789012", region: us-east-2 } }
${settings}`;

async function fifo(path: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await rm(path, { recursive: true, force: true });
  execFileSync('mkfifo', [path]);
}

async function socketAt(path: string): Promise<Arranged> {
  await mkdir(dirname(path), { recursive: true });
  await rm(path, { force: true });
  const server: Server = createServer();
  await new Promise<void>((done) => server.listen(path, done));
  return { dispose: () => new Promise<void>((done) => server.close(() => done())) };
}

async function put(path: string, text: string | Buffer): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await rm(path, { recursive: true, force: true });
  await writeFile(path, text);
}

async function link(path: string, target: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await rm(path, { recursive: true, force: true });
  await symlink(target, path);
}

/** The SSO token file with its access token expired (the refresh token still good): the next run refreshes. */
export async function expireSsoAccessToken(w: CliHome): Promise<void> {
  const entry = JSON.parse(await readFile(w.ssoTokenPath, 'utf8')) as Record<string, unknown>;
  entry.expiresAt = new Date(Date.now() - 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  await writeFile(w.ssoTokenPath, JSON.stringify(entry));
}

/** Odd things to find where a file should be; `ok` is false for each (all refused, never waited on). */
const ODD_FILES: Array<{ what: string; make: (path: string) => Promise<Arranged | void>; says: RegExp }> = [
  { what: 'a FIFO', make: fifo, says: /FIFO/ },
  { what: 'a symlink to /dev/zero', make: (path) => link(path, '/dev/zero'), says: /character device/ },
  { what: 'a socket', make: socketAt, says: /socket/ },
  { what: 'a 5 MB file', make: (path) => put(path, `{"x":"${'x'.repeat(5 * 1024 * 1024)}"}`), says: /more than the/ },
];

function configCases(): HostileCase[] {
  const cases: HostileCase[] = [];
  for (const name of PROTOTYPE_NAMES) {
    cases.push({
      group: 'config', name: `an identity named ${name} validates as an identity (Identities (2))`, argv: ['validate'],
      arrange: async (w) => {
        const doc = defaultConfig();
        doc.auth.identities = Object.fromEntries([['dev-admin', { ...permissionSet, default: true }], [name, { ...permissionSet }]]);
        await w.writeConfig(JSON.stringify(doc), w.configPath);
      },
      exit: 0, says: new RegExp(`Identities \\(2\\)[\\s\\S]*${name.replace(/\$/g, '\\$')}`),
    });
    cases.push({
      group: 'config', name: `env --identity ${name} uses that identity's role, never the ambient keys`, argv: ['env', '--identity', name, '--format', 'dotenv'],
      arrange: async (w, emulator) => {
        const doc = defaultConfig();
        doc.auth.identities = Object.fromEntries([['dev-admin', { ...permissionSet, default: true }], [name, { ...permissionSet }]]);
        await w.writeConfig(JSON.stringify(doc), w.configPath);
        return { env: { AWS_ACCESS_KEY_ID: emulator.ambient.accessKeyId, AWS_SECRET_ACCESS_KEY: emulator.ambient.secretAccessKey } };
      },
      exit: 0, says: /AWS_ACCESS_KEY_ID=/, untouched: configOnly,
      after: async (_w, out) => {
        expect(out.stdout).not.toMatch(/AKIAEMULATORAMBIENT1/);
      },
    });
    cases.push({
      group: 'config', name: `an integration named ${name} is listed and logged in by name`, argv: ['ecr-login', name],
      arrange: async (w) => {
        const doc = defaultConfig();
        doc.auth.integrations = Object.fromEntries([[name, ecr('dev-admin')]]);
        await w.writeConfig(JSON.stringify(doc), w.configPath);
      },
      exit: 0, says: /✓ ECR login: 123456789012\.dkr\.ecr\.us-east-2\.amazonaws\.com/, untouched: configOnly,
    });
    cases.push({
      group: 'config', name: `an identity whose kind is "${name}" is an unknown kind`, argv: ['validate'],
      arrange: async (w) => {
        const doc = defaultConfig();
        doc.auth.identities = { x: { ...permissionSet, kind: name } };
        await w.writeConfig(JSON.stringify(doc), w.configPath);
      },
      exit: 2, says: /unknown kind/,
    });
  }
  cases.push(
    {
      group: 'config', name: 'a 700-byte YAML alias bomb under an unknown key of an identity is refused at once', argv: ['validate'],
      arrange: async (w) => void (await w.writeConfig(configYaml(`      junk:\n${aliasBomb('        ')}`))),
      exit: 2, says: /expands to more than 100000 values|aliases \(\*name\) expand too far/,
    },
    {
      group: 'config', name: 'an alias bomb under settings', argv: ['login'],
      arrange: async (w) => void (await w.writeConfig(configYaml('', `  settings:\n    junk:\n${aliasBomb('      ')}`))),
      exit: 2, says: /alias/,
    },
    {
      group: 'config', name: 'an alias bomb at the top level of the document', argv: ['status'],
      arrange: async (w) => void (await w.writeConfig(`${configYaml()}\nbomb:\n${aliasBomb('  ')}\n`)),
      exit: 2, says: /alias/,
    },
    {
      group: 'config', name: 'min_validity of 400 nines is a config error, not Infinity', argv: ['validate'],
      arrange: async (w) => void (await w.writeConfig(configYaml('', `  settings:\n    min_validity: "${'9'.repeat(400)}"`))),
      exit: 2, says: /min_validity[\s\S]*not a duration/,
    },
    {
      group: 'config', name: 'min_validity of 400 nines as a YAML number', argv: ['ecr-login'],
      arrange: async (w) => void (await w.writeConfig(configYaml('', `  settings:\n    min_validity: ${'9'.repeat(400)}`))),
      exit: 2, says: /min_validity/,
    },
    {
      group: 'config', name: 'min_validity 12h (the token life) would refetch every run', argv: ['validate'],
      arrange: async (w) => void (await w.writeConfig(configYaml('', '  settings:\n    min_validity: 12h'))),
      exit: 2, says: /12h an ECR token lasts/,
    },
    {
      group: 'config', name: 'min_validity 999d', argv: ['validate'],
      arrange: async (w) => void (await w.writeConfig(configYaml('', '  settings:\n    min_validity: 999d'))),
      exit: 2, says: /min_validity/,
    },
    {
      group: 'config', name: 'min_validity -5m', argv: ['validate'],
      arrange: async (w) => void (await w.writeConfig(configYaml('', '  settings:\n    min_validity: -5m'))),
      exit: 2, says: /min_validity/,
    },
    {
      group: 'config', name: 'an identity name with an escape sequence and a forged "✓" line', argv: ['validate'],
      arrange: async (w) => {
        const doc = defaultConfig();
        doc.auth.identities = { 'x\n✓ ECR login: evil\u001b[2J': { ...permissionSet, default: true } };
        await w.writeConfig(JSON.stringify(doc), w.configPath);
      },
      exit: 2, says: /control character/,
      after: async (_w, out) => {
        expect(out.stdout + out.stderr).not.toMatch(/\n✓ ECR login: evil/);
        expect(out.stdout + out.stderr).not.toContain('\u001b');
      },
    },
    {
      group: 'config', name: 'a YAML document nested 5000 levels deep', argv: ['validate'],
      arrange: async (w) => void (await w.writeConfig(`auth:\n  junk: ${'['.repeat(5000)}${']'.repeat(5000)}\n`)),
      exit: 2,
    },
    {
      group: 'config', name: 'binary noise as the config', argv: ['validate'],
      arrange: async (w) => void (await w.writeConfig(Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)).toString('latin1'))),
      exit: 2, says: /E_CONFIG/,
    },
    {
      group: 'config', name: 'a JSON config whose top level is __proto__: an unknown key, warned about, nothing configured', argv: ['validate', '--config', 'c.json'],
      arrange: async (w) => void (await put(join(w.home, 'c.json'), '{"__proto__": {"providers": {}}}')),
      exit: 0, says: /__proto__ is not used by ecr-auth[\s\S]*|Identities \(0\)/, untouched: (w) => [w.configPath, join(w.home, 'c.json')],
    },
    {
      group: 'config', name: 'a JSON config whose identities are under __proto__ of auth', argv: ['validate', '--config', 'c.json'],
      arrange: async (w) => void (await put(join(w.home, 'c.json'), JSON.stringify({ auth: JSON.parse('{"__proto__": {"identities": {"x": {}}}}') }))),
      exit: 0, says: /Identities \(0\)/, untouched: (w) => [w.configPath, join(w.home, 'c.json')],
    },
    {
      group: 'config', name: 'the config is a directory (given with --config)', argv: ['validate', '--config', 'dir.yaml'],
      arrange: async (w) => void (await mkdir(join(w.home, 'dir.yaml'))),
      exit: 2, says: /not a file/,
    },
  );
  for (const odd of ODD_FILES) {
    cases.push({
      group: 'config', name: `the searched config is ${odd.what}`, argv: ['validate'],
      arrange: (w) => odd.make(w.configPath),
      exit: 2, says: odd.says, untouched: (w) => [w.dockerDir, join(w.home, '.aws')],
    });
    cases.push({
      group: 'config', name: `--config names ${odd.what}`, argv: ['login', '--config', 'given.yaml'],
      arrange: (w) => odd.make(join(w.home, 'given.yaml')),
      exit: 2, says: odd.says, untouched: (w) => [w.configPath, w.dockerDir, join(w.home, '.aws')],
    });
    cases.push({
      group: 'config', name: `ECR_AUTH_CONFIG names ${odd.what}`, argv: ['status'],
      arrange: async (w) => {
        const extra = await odd.make(join(w.home, 'env.yml'));
        return { ...extra, env: { ECR_AUTH_CONFIG: join(w.home, 'env.yml') } };
      },
      exit: 2, says: odd.says, untouched: (w) => [w.configPath, w.dockerDir, join(w.home, '.aws')],
    });
  }
  cases.push({
    group: 'config', name: 'a FIFO as .ecr-authrc.json (found by the cosmiconfig search, after a package.json with a cosmiconfig key)',
    argv: ['validate'],
    arrange: async (w) => {
      await rm(w.configPath);
      await put(join(w.home, 'package.json'), '{"name":"x","cosmiconfig":{}}');
      await fifo(join(w.home, '.ecr-authrc.json'));
    },
    exit: 2, says: /FIFO/, untouched: (w) => [join(w.home, 'package.json')],
  });
  return cases;
}

function argvCases(): HostileCase[] {
  const cases: HostileCase[] = [];
  const commands: Array<[string, (name: string) => string[], RegExp]> = [
    ['login', (n) => ['login', n], /no identity named/],
    ['ecr-login', (n) => ['ecr-login', n], /no integration named/],
    ['ecr-login --identity', (n) => ['ecr-login', '--identity', n], /no identity named/],
    ['exec --identity', (n) => ['exec', '--identity', n, '--', 'true'], /no identity named/],
    ['env --identity', (n) => ['env', '--identity', n], /no identity named/],
    ['get-login-password', (n) => ['get-login-password', n], /no integration named/],
    ['logout', (n) => ['logout', n], /no identity named/],
  ];
  for (const name of PROTOTYPE_NAMES) {
    for (const [label, argv, says] of commands) {
      cases.push({ group: 'argv', name: `${label} ${name}: an unknown name, not a prototype property`, argv: argv(name), exit: 2, says });
    }
  }
  cases.push(
    { group: 'argv', name: '--min-validity of 400 nines', argv: ['ecr-login', '--min-validity', '9'.repeat(400)], exit: 2, says: /not a duration/ },
    { group: 'argv', name: '--min-validity 13h refetches every run', argv: ['ecr-login', '--min-validity', '13h'], exit: 2, says: /12h an ECR token lasts/ },
    { group: 'argv', name: '--min-validity NaN', argv: ['login', '--min-validity', 'NaN'], exit: 2, says: /not a duration/ },
    { group: 'argv', name: '--min-validity 1e400', argv: ['login', '--min-validity', '1e400'], exit: 2, says: /not a duration/ },
    { group: 'argv', name: 'a name with a newline that forges a "✓" line', argv: ['login', 'x\n✓ ECR login: forged'], exit: 2, says: /control character/,
      after: async (_w, out) => expect(out.stderr + out.stdout).not.toMatch(/^✓ ECR login: forged/m) },
    { group: 'argv', name: 'an escape sequence in --registry', argv: ['ecr-login', '--registry', '\u001b]0;pwned\u0007'], exit: 2, says: /control character/,
      after: async (_w, out) => expect(out.stderr).not.toContain('\u001b') },
    { group: 'argv', name: 'a carriage return in --identity', argv: ['env', '--identity', 'dev-admin\r✓ ok'], exit: 2, says: /control character/ },
    { group: 'argv', name: 'a 100 KB identity name', argv: ['login', 'x'.repeat(100_000)], exit: 2, says: /no identity named/ },
    { group: 'argv', name: 'an unknown flag named --constructor', argv: ['login', '--constructor'], exit: 2, says: /unknown option/ },
    { group: 'argv', name: 'an unknown flag named --__proto__', argv: ['status', '--__proto__'], exit: 2, says: /unknown option/ },
    { group: 'argv', name: 'an unknown command named toString', argv: ['toString'], exit: 2, says: /unknown command/ },
    { group: 'argv', name: 'an unknown command named __proto__', argv: ['__proto__'], exit: 2, says: /unknown command/ },
    { group: 'argv', name: 'the China dual-stack host is an ECR host', argv: ['ecr-login', '--identity', 'dev-admin', '--registry', '123456789012.dkr.ecr.cn-north-1.on.amazonwebservices.com.cn'],
      exit: 0, says: /✓ ECR login: 123456789012\.dkr\.ecr\.cn-north-1\.on\.amazonwebservices\.com\.cn/, untouched: configOnly },
    { group: 'argv', name: 'a look-alike host', argv: ['ecr-login', '--registry', '123456789012.dkr.ecr.us-east-1.amazonaws.com.evil.example'], exit: 2, says: /not an ECR registry host/ },
    { group: 'argv', name: 'a host with user information', argv: ['ecr-login', '--registry', 'https://u:p@123456789012.dkr.ecr.us-east-1.amazonaws.com'], exit: 2, says: /user information/,
      after: async (_w, out) => expect(out.stderr).not.toContain('u:p@') },
  );
  return cases;
}

function dockerCases(): HostileCase[] {
  const cases: HostileCase[] = [];
  for (const odd of ODD_FILES) {
    cases.push({
      group: 'docker', name: `~/.docker/config.json is ${odd.what}: ecr-login refuses it`, argv: ['ecr-login'],
      arrange: (w) => odd.make(w.dockerConfigPath),
      exit: 1, says: odd.says, untouched: nothingOfDocker,
    });
    cases.push({
      group: 'docker', name: `~/.docker/config.json became ${odd.what} after a login: logout --all refuses it`, argv: ['logout', '--all'],
      arrange: async (w) => {
        const { cliInProcess } = await import('./support/in-process.ts');
        expect((await cliInProcess(['ecr-login'], w.env, w.cwd)).code).toBe(0);
        return odd.make(w.dockerConfigPath);
      },
      exit: 1, says: odd.says, untouched: nothingOfDocker,
    });
    cases.push({
      group: 'docker', name: `~/.docker/config.json is ${odd.what}: status still reports`, argv: ['status'],
      arrange: (w) => odd.make(w.dockerConfigPath),
      exit: 0, untouched: nothingOfDocker,
    });
  }
  const keeps = (text: string, kept: string[]): HostileCase => ({
    group: 'docker', name: `a rewrite keeps ${kept.join(', ')} byte for byte`, argv: ['ecr-login'],
    arrange: (w) => put(w.dockerConfigPath, text),
    exit: 0, says: /✓ ECR login/, untouched: configOnly,
    after: async (w) => {
      const after = await readFile(w.dockerConfigPath, 'utf8');
      for (const piece of kept) expect(after).toContain(piece);
      expect((JSON.parse(after) as { auths: Record<string, unknown> }).auths[HOST]).toBeDefined();
    },
  });
  cases.push(
    keeps('{\n\t"big": 12345678901234567890,\n\t"auths": {}\n}', ['"big": 12345678901234567890']),
    keeps('{"ratio": 1.0, "auths": {}}', ['"ratio": 1.0']),
    keeps('{"e": 1E+2, "neg": -0.0, "auths": {}}', ['"e": 1E+2', '"neg": -0.0']),
    keeps('{"auths": {"a.example": {"auth": "YTpi"}}, "auths": {"b.example": {"auth": "Yzpk"}}}', ['"a.example": {"auth": "YTpi"}', '"b.example": {"auth": "Yzpk"}']),
    keeps('{"auths": {"__proto__": {"auth": "eDp5"}}}', ['"__proto__": {"auth": "eDp5"}']),
    keeps('{"credHelpers": {"x.example": "pass"}, "credHelpers": {"y.example": "osxkeychain"}, "auths": {}}', ['"x.example": "pass"', '"y.example": "osxkeychain"']),
    keeps('\uFEFF{"detachKeys": "ctrl-e,e", "auths": {}}', ['"detachKeys": "ctrl-e,e"']),
    keeps('{"unicode": "\\u00e9\\ud83d\\ude00", "auths": {}}', ['"unicode": "\\u00e9\\ud83d\\ude00"']),
    {
      group: 'docker', name: 'two auths objects both naming the host: one entry is left, in the later object', argv: ['ecr-login'],
      arrange: (w) => put(w.dockerConfigPath, `{"auths": {"${HOST}": {"auth": "b2xkOjE="}, "k": {}}, "x": 1, "auths": {"${HOST}": {"auth": "b2xkOjI="}}}`),
      exit: 0, untouched: configOnly,
      after: async (w) => {
        const after = await readFile(w.dockerConfigPath, 'utf8');
        expect(after.split(HOST)).toHaveLength(2);
        expect(after).toContain('"k": {}');
        expect(after).not.toContain('b2xk');
      },
    },
    {
      group: 'docker', name: 'status after `docker logout` (our entry removed) shows the registry not logged in', argv: ['status'],
      arrange: async (w) => {
        // log in for real, then remove the entry as `docker logout` does
        const { cliInProcess } = await import('./support/in-process.ts');
        const first = await cliInProcess(['ecr-login'], w.env, w.cwd);
        expect(first.code).toBe(0);
        const config = JSON.parse(await readFile(w.dockerConfigPath, 'utf8')) as { auths: Record<string, unknown> };
        delete config.auths[HOST];
        await writeFile(w.dockerConfigPath, JSON.stringify(config));
      },
      exit: 0, says: /✗ not logged in[\s\S]*not in .*config\.json any more/,
      after: async (_w, out) => expect(out.stdout).not.toMatch(/us-east-2\.amazonaws\.com.*✓ valid/),
    },
    {
      group: 'docker', name: 'a foreign value nested 3000 levels deep: refused, the file kept', argv: ['ecr-login'],
      arrange: (w) => put(w.dockerConfigPath, `{"deep": ${'['.repeat(3000)}${']'.repeat(3000)}, "auths": {}}`),
      exit: 1, says: /more than 256 levels deep[\s\S]*E_DOCKER_CONFIG/,
    },
    keeps(`{"deep": ${'['.repeat(200)}1.0${']'.repeat(200)}, "auths": {}}`, [`${'['.repeat(200)}1.0`]),
  );
  return cases;
}

function cacheCases(): HostileCase[] {
  const cases: HostileCase[] = [];
  const places: Array<[string, (w: CliHome) => string]> = [
    ['the ledger (docker-entries.json)', (w) => join(w.cacheDir, 'docker-entries.json')],
    ['the registry host record', (w) => join(w.cacheDir, 'hosts', `${hashKey(HOST)}.json`)],
    ['the lock of the Docker config', (w) => join(w.cacheDir, 'locks', 'docker-entries.lock')],
  ];
  for (const [what, at] of places) {
    for (const odd of ODD_FILES) {
      // a cache entry that is not a regular file reads as absent (never opened) and is replaced by the next write;
      // the ledger and the locks are refused with E_CACHE before anything is written
      const entry = what.includes('record');
      cases.push({
        group: 'cache', name: `${what} is ${odd.what}`, argv: ['ecr-login'],
        arrange: (w) => odd.make(at(w)),
        ...(entry ? { exit: 0 as const, says: /✓ ECR login/, untouched: configOnly } : { exit: 1 as const, says: odd.says, untouched: nothingOfDocker }),
      });
    }
  }
  cases.push(
    {
      group: 'cache', name: 'a FIFO as a registry token entry (a symlink is never followed; a FIFO is refused)', argv: ['status'],
      arrange: async (w) => {
        await mkdir(join(w.cacheDir, 'registry-tokens'), { recursive: true });
        for (let i = 0; i < 3; i++) await fifo(join(w.cacheDir, 'registry-tokens', `${'0'.repeat(31)}${i}.json`));
      },
      exit: 0, untouched: nothingOfDocker,
    },
    {
      group: 'cache', name: 'a FIFO as the remembered config (memo) is passed over', argv: ['validate'],
      arrange: async (w) => fifo(join(w.cacheDir, 'config', `${hashKey(w.configPath)}.json`)),
      exit: 0, says: /Identities \(1\)/,
    },
    {
      group: 'cache', name: 'registry-tokens/ is not writable (read-only tmpfs): login warns, the login still works', argv: ['login'],
      arrange: async (w) => {
        const dir = join(w.cacheDir, 'registry-tokens');
        await mkdir(dir, { recursive: true });
        execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=16k,ro', 'tmpfs', dir]);
        return { dispose: () => void execFileSync('umount', [dir]) };
      },
      exit: 0, says: /warning: the new registry token[\s\S]*could not be cached/, untouched: configOnly,
    },
  );
  return cases;
}

function ssoCases(): HostileCase[] {
  const cases: HostileCase[] = [];
  for (const odd of ODD_FILES) {
    cases.push({
      group: 'sso', name: `the SSO token file is ${odd.what}`, argv: ['login'],
      arrange: (w) => odd.make(w.ssoTokenPath),
      exit: 1, says: odd.says, untouched: nothingOfDocker,
    });
    cases.push({
      group: 'sso', name: `the SSO token file is ${odd.what}: status still reports`, argv: ['status'],
      arrange: (w) => odd.make(w.ssoTokenPath),
      exit: 0, untouched: nothingOfDocker,
    });
  }
  const garbage: Array<[string, string]> = [
    ['binary noise', '\u0000\u0001\u00ff{'],
    ['a JSON array', '[]'],
    ['expiresAt of 400 nines', JSON.stringify({ accessToken: 'x', expiresAt: '9'.repeat(400) })],
    ['expiresAt "Infinity"', JSON.stringify({ accessToken: 'x', expiresAt: 'Infinity' })],
    ['numbers where strings belong', JSON.stringify({ accessToken: 5, expiresAt: 5, refreshToken: 7, clientId: [], clientSecret: {} })],
    ['a __proto__ key', '{"__proto__": {"accessToken": "x", "expiresAt": "2999-01-01T00:00:00Z"}}'],
  ];
  for (const [what, text] of garbage) {
    cases.push({
      group: 'sso', name: `an SSO token file holding ${what}: login is required (CI), the file is kept`, argv: ['login'],
      arrange: (w) => put(w.ssoTokenPath, text),
      exit: 1, says: /SSO login required/, untouched: nothingOfDocker,
    });
  }
  return cases;
}

function awsCases(): HostileCase[] {
  const cases: HostileCase[] = [];
  const malformed: Array<[string, string, object, RegExp]> = [
    ['ECR answers a body that is not JSON', 'ecr:GetAuthorizationToken', { type: 'answer', status: 200, body: '<html>proxy login</html>', contentType: 'text/html' }, /E_AWS|E_AWS_UNAVAILABLE/],
    ['ECR answers a 200 KB error body', 'ecr:GetAuthorizationToken', { type: 'answer', status: 400, body: JSON.stringify({ __type: 'InvalidParameterException', message: 'A'.repeat(200_000) }) }, /more characters/],
    ['ECR answers an error with escape sequences', 'ecr:GetAuthorizationToken', { type: 'answer', status: 400, body: JSON.stringify({ __type: 'InvalidParameterException', message: 'bad\u001b[2J\n✓ ECR login: forged' }) }, /InvalidParameterException/],
    ['ECR answers no authorization data', 'ecr:GetAuthorizationToken', { type: 'answer', status: 200, body: '{"authorizationData": []}' }, /without authorization data/],
    ['ECR answers a token that is not user:password', 'ecr:GetAuthorizationToken', { type: 'answer', status: 200, body: '{"authorizationData": [{"authorizationToken": "bm9jb2xvbg==", "expiresAt": 4102444800}]}' }, /user:password/],
    ['ECR answers a token that expired before it arrived (clock skew)', 'ecr:GetAuthorizationToken', { type: 'answer', status: 200, body: '{"authorizationData": [{"authorizationToken": "QVdTOnB3", "expiresAt": 1000000000}]}' }, /already expired when it arrived/],
    ['ECR answers an unreadable expiry', 'ecr:GetAuthorizationToken', { type: 'answer', status: 200, body: '{"authorizationData": [{"authorizationToken": "QVdTOnB3", "expiresAt": "soon"}]}' }, /E_AWS/],
    ['the portal answers a body that is not JSON', 'sso:GetRoleCredentials', { type: 'answer', status: 200, body: 'not json', contentType: 'application/json' }, /E_AWS/],
    ['the portal answers no role credentials', 'sso:GetRoleCredentials', { type: 'answer', status: 200, body: '{"roleCredentials": {}}' }, /without role credentials/],
    ['the portal answers a 200 KB error body', 'sso:GetRoleCredentials', { type: 'answer', status: 400, body: JSON.stringify({ message: 'B'.repeat(200_000) }), contentType: 'application/json' }, /more characters|E_AWS/],
    ['ListAccounts answers garbage', 'sso:ListAccounts', { type: 'answer', status: 200, body: '{"accountList": "x"}' }, /E_AWS|E_CONFIG/],
    ['ECR is throttled on every attempt', 'ecr:GetAuthorizationToken', { type: 'throttle', times: 10 }, /E_AWS_UNAVAILABLE/],
    ['ECR fails with 500 on every attempt', 'ecr:GetAuthorizationToken', { type: 'server-error' }, /E_AWS_UNAVAILABLE/],
    ['ECR drops the connection every time', 'ecr:GetAuthorizationToken', { type: 'drop' }, /E_AWS_UNAVAILABLE/],
    ['ECR denies', 'ecr:GetAuthorizationToken', { type: 'access-denied' }, /E_ECR_DENIED/],
    ['the portal denies', 'sso:GetRoleCredentials', { type: 'access-denied' }, /E_ECR_DENIED|E_STS_DENIED|E_AWS/],
  ];
  for (const [name, op, fault, says] of malformed) {
    cases.push({
      group: 'aws', name: `ecr-login: ${name}`, argv: ['ecr-login'],
      arrange: async (_w, emulator) => void emulator.fault(op as never, fault as never),
      exit: 1, says, untouched: nothingOfDocker,
      after: async (_w, out) => {
        expect(out.stderr.length).toBeLessThan(3000);
        expect(out.stderr).not.toContain('\u001b');
        expect(out.stderr).not.toMatch(/^✓ ECR login: forged/m);
        expect(out.stderr).not.toMatch(/inspect the hidden field/);
      },
    });
  }
  const refreshAnswers: Array<[string, object, RegExp]> = [
    ['expiresIn of 10^20 seconds', { type: 'mangle', edit: (b: string) => b.replace(/"expiresIn":\s*\d+/, '"expiresIn": 100000000000000000000') }, /E_AWS|SSO login required/],
    ['expiresIn 0', { type: 'mangle', edit: (b: string) => b.replace(/"expiresIn":\s*\d+/, '"expiresIn": 0') }, /E_AWS|SSO login required/],
    ['no access token', { type: 'mangle', edit: (b: string) => b.replace(/"accessToken":\s*"[^"]*",?/, '') }, /E_AWS|SSO login required/],
    ['a body that is not JSON', { type: 'answer', status: 200, body: '{"accessToken": ' }, /E_AWS|SSO login required/],
    ['a 500 with an HTML page', { type: 'answer', status: 500, body: '<html>oops</html>', contentType: 'text/html' }, /E_AWS_UNAVAILABLE|SSO login required/],
  ];
  for (const [name, fault, says] of refreshAnswers) {
    cases.push({
      group: 'aws', name: `an SSO refresh answered with ${name}: a clear code, the token file kept`, argv: ['login'],
      arrange: async (w, emulator) => {
        await expireSsoAccessToken(w);
        emulator.fault('sso-oidc:CreateToken', fault as never);
      },
      exit: 1, says, untouched: nothingOfDocker,
      after: async (_w, out) => expect(out.stderr).not.toMatch(/Invalid time value|inspect the hidden field/),
    });
  }
  cases.push({
    group: 'aws', name: '--min-validity forces a refresh while ECR is down and the cached token is valid: used, with a warning', argv: ['ecr-login', '--min-validity', '2h'],
    arrange: async (w, emulator) => {
      const { cliInProcess } = await import('./support/in-process.ts');
      expect((await cliInProcess(['ecr-login'], w.env, w.cwd)).code).toBe(0);
      // the cached token has 1h left: --min-validity 2h asks for a new one, and ECR is down
      const dir = join(w.cacheDir, 'registry-tokens');
      const [file] = await readdir(dir);
      const entry = JSON.parse(await readFile(join(dir, file!), 'utf8')) as { value: { expiresAt: number } };
      entry.value.expiresAt = Date.now() + 3_600_000;
      await writeFile(join(dir, file!), JSON.stringify(entry));
      emulator.fault('ecr:GetAuthorizationToken', { type: 'server-error' });
    },
    exit: 0, says: /warning: [\s\S]*using the cached token/, untouched: configOnly,
  });
  return cases;
}

function helperCases(): HostileCase[] {
  const get = (host: string) => ({ verb: 'get', stdin: host });
  const ambient = (emulator: Emulator) => ({ env: { AWS_ACCESS_KEY_ID: emulator.ambient.accessKeyId, AWS_SECRET_ACCESS_KEY: emulator.ambient.secretAccessKey } });
  const cases: HostileCase[] = [
    {
      group: 'helper', name: 'get for an ECR host no integration names, with ambient keys exported: not found', helper: get('999999999999.dkr.ecr.eu-west-1.amazonaws.com'),
      arrange: async (_w, emulator) => ambient(emulator),
      exit: 1, says: /credentials not found/,
    },
    {
      group: 'helper', name: 'get for the China dual-stack host of an unknown account: not found', helper: get('123456789012.dkr.ecr.cn-north-1.on.amazonwebservices.com.cn'),
      arrange: async (_w, emulator) => ambient(emulator),
      exit: 1, says: /credentials not found/,
    },
    { group: 'helper', name: 'get for a look-alike host', helper: get(`${HOST}.evil.example`), exit: 1, says: /credentials not found/ },
    { group: 'helper', name: 'get for __proto__', helper: get('__proto__'), exit: 1, says: /credentials not found/ },
    { group: 'helper', name: 'get for constructor', helper: get('constructor'), exit: 1, says: /credentials not found/ },
    { group: 'helper', name: 'get with 1 MB of stdin', helper: get('x'.repeat(1024 * 1024)), exit: 1, says: /credentials not found/ },
    { group: 'helper', name: 'get with control characters', helper: get(`${HOST}\u001b[2J`), exit: 1 },
    { group: 'helper', name: 'an unknown verb named toString', helper: { verb: 'toString', stdin: '' }, exit: 1 },
  ];
  for (const odd of ODD_FILES) {
    cases.push({
      group: 'helper', name: `get while the host record is ${odd.what}: read as absent, refreshed, answered`, helper: get(HOST),
      arrange: (w) => odd.make(join(w.cacheDir, 'hosts', `${hashKey(HOST)}.json`)),
      exit: 0, says: /"Secret"/, untouched: nothingOfDocker,
    });
  }
  cases.push({
    group: 'helper', name: 'get for the integration host answers it', helper: get(HOST),
    exit: 0, says: /"Secret"/, untouched: nothingOfDocker,
  });
  return cases;
}

/** Every case of the table. */
export function hostileCases(): HostileCase[] {
  return [...configCases(), ...argvCases(), ...dockerCases(), ...cacheCases(), ...ssoCases(), ...awsCases(), ...helperCases()];
}
