// The Atmos YAML functions in a config file, loaded the way the CLI loads it: what each resolves to, the errors
// (tag and line named, !exec output never shown), calls in set-aside entries never run, and the remembered-config
// memo never serving a config whose inputs changed.
import { mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from './load.ts';
import { splitArguments } from './yaml-functions.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ecr-auth-yamlfn-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const SSO = `  providers:
    sso:
      kind: aws/iam-identity-center
      region: us-east-1
      start_url: https://acme.awsapps.com/start
`;

/** A config whose permission set and account come from the given YAML values. */
function config(permissionSet: string, account = '"123456789012"', extra = ''): string {
  return `auth:
${SSO}  identities:
    dev:
      kind: aws/permission-set
      via: { provider: sso }
      principal:
        name: ${permissionSet}
        account: { id: ${account} }
${extra}`;
}

async function load(text: string, env: Record<string, string> = {}, cwd = dir) {
  const path = join(dir, 'ecr-auth.config.yaml');
  await writeFile(path, text);
  return loadConfig({ cwd, env, configPath: path });
}

async function failure(text: string, env: Record<string, string> = {}, cwd = dir): Promise<Error & { code?: string }> {
  return load(text, env, cwd).then(() => { throw new Error('expected a config error'); }, (error: Error) => error);
}

const permissionSet = async (text: string, env: Record<string, string> = {}, cwd = dir) => {
  const loaded = await load(text, env, cwd);
  const identity = loaded.identities.dev!;
  return identity.kind === 'aws/permission-set' ? identity.permissionSet : undefined;
};

describe('splitArguments', () => {
  it.each([
    ['NAME', ['NAME']],
    ['NAME default', ['NAME', 'default']],
    ['NAME "a default"', ['NAME', 'a default']],
    ["NAME 'it is'", ['NAME', 'it is']],
    ['  NAME   x  ', ['NAME', 'x']],
    ['', []],
  ])('%j -> %j', (text, words) => expect(splitArguments(text)).toEqual(words));
});

describe('!env', () => {
  it('is the variable, else the default (quoted when it has spaces), else null', async () => {
    expect(await permissionSet(config('!env PS'), { PS: 'Admin' })).toBe('Admin');
    expect(await permissionSet(config('!env PS ReadOnly'))).toBe('ReadOnly');
    expect(await permissionSet(config(`!env 'PS "Read Only"'`))).toBe('Read Only');
  });

  it('an unset variable without default is null: the path it lands on is named', async () => {
    const error = await failure(config('Admin', '!env ACCOUNT_ID'));
    expect(error.code).toBe('E_CONFIG');
    expect(error.message).toMatch(/auth\.identities\.dev\.principal\.account/);
  });

  it('with more than a name and a default, says how to quote', async () => {
    const error = await failure(config('!env PS a b'));
    expect(error.message).toMatch(/ecr-auth\.config\.yaml:12: !env takes a variable name and an optional default/);
  });
});

describe('!exec', () => {
  it('is the command output, trimmed', async () => {
    expect(await permissionSet(config('!exec printf "  Admin\\n\\n"'))).toBe('Admin');
  });

  it('a failing command names the line and exit code, and never its output', async () => {
    const error = await failure(config('!exec echo hunter2-secret; exit 3'));
    expect(error.message).toMatch(/:12: !exec command failed \(exit 3\)/);
    expect(error.message).not.toContain('hunter2');
  });

  it('its output never reaches a validation message', async () => {
    const error = await failure(config('Admin', '!exec echo sk-live-0123456789'));
    expect(error.message).toMatch(/principal\.account/);
    expect(error.message).not.toContain('sk-live-0123456789');
    expect(error.message).toContain('<output of !exec>');
  });
});

describe('!include', () => {
  it('reads YAML (with its own functions, relative to it), JSON and text, relative to the including file', async () => {
    await mkdir(join(dir, 'parts'));
    await writeFile(join(dir, 'parts', 'identity.yaml'), 'kind: aws/permission-set\nvia: { provider: sso }\nprincipal: !include principal.json\n');
    await writeFile(join(dir, 'parts', 'principal.json'), '{"name": "FromJson", "account": {"id": "123456789012"}}');
    await writeFile(join(dir, 'parts', 'region.txt'), 'eu-west-1');
    const text = `auth:\n${SSO}  identities:\n    dev: !include parts/identity.yaml\n    other:\n      kind: aws/ambient\n      region: !include parts/region.txt\n`;
    const loaded = await load(text);
    expect(loaded.identities.dev).toMatchObject({ permissionSet: 'FromJson' });
    expect(loaded.identities.other).toMatchObject({ region: 'eu-west-1' });
  });

  it('a missing file or a cycle names the line', async () => {
    expect((await failure(config('!include nope.yaml'))).message).toMatch(/:12: !include cannot read .*nope\.yaml: does not exist/);
    await writeFile(join(dir, 'loop.yaml'), 'a: !include loop.yaml\n');
    expect((await failure(config('!include loop.yaml'))).message).toMatch(/loop\.yaml:1: !include .*includes itself/);
  });
});

describe('!repo-root and !cwd', () => {
  it('!cwd is the working directory, or a path resolved against it', async () => {
    const text = `auth:\n  identities:\n    a: { kind: aws/ambient, profile: !cwd }\n    b: { kind: aws/ambient, profile: !cwd ./sub }\n`;
    const loaded = await load(text, {}, join(dir));
    expect(loaded.identities.a).toMatchObject({ profile: dir });
    expect(loaded.identities.b).toMatchObject({ profile: join(dir, 'sub') });
  });

  it('!repo-root is the git work tree holding the working directory; else its default; else an error', async () => {
    const text = (arg: string) => `auth:\n  identities:\n    a: { kind: aws/ambient, profile: !repo-root${arg} }\n`;
    const outside = await failure(text(''));
    expect(outside.message).toMatch(/:3: !repo-root found no git repository/);
    expect((await load(text(' /fallback'))).identities.a).toMatchObject({ profile: '/fallback' });
    await mkdir(join(dir, '.git'));
    await mkdir(join(dir, 'apps', 'web'), { recursive: true });
    expect((await load(text(''), {}, join(dir, 'apps', 'web'))).identities.a).toMatchObject({ profile: dir });
  });
});

describe('other tags', () => {
  it.each([
    ['!secret x', '!secret'],
    ['!terraform.output vpc id', '!terraform.output'],
    ['!store ssm /a/b', '!store'],
  ])('%s is an error naming the tag and its line', async (value, tag) => {
    const error = await failure(config(value));
    expect(error.code).toBe('E_CONFIG');
    expect(error.message).toContain(`ecr-auth.config.yaml:12: unknown YAML tag ${tag}`);
  });

  it('a function tag on a map is an error', async () => {
    expect((await failure(config('!env { a: 1 }'))).message).toMatch(/:12: !env takes text after it, not a map/);
  });
});

describe('in a set-aside entry', () => {
  it('no call runs, and the rest of the config works', async () => {
    const marker = join(dir, 'ran');
    const text = config('Admin', '"123456789012"', `    user:
      kind: gcp/service-account
      credentials:
        access_key_id: !env EMERGENCY_KEY
        secret_access_key: !exec touch ${marker}
`);
    const loaded = await load(text);
    expect(Object.keys(loaded.identities)).toEqual(['dev']);
    expect(loaded.setAside).toEqual([expect.objectContaining({ name: 'user', kind: 'gcp/service-account' })]);
    await expect(stat(marker)).rejects.toThrow();
  });
});

describe('the remembered config', () => {
  async function memoFiles(home: string) {
    return readdir(join(home, '.cache', 'ecr-auth', 'config')).catch(() => []);
  }

  it('is served again only while the variables, working directory and included files are unchanged', async () => {
    const home = join(dir, 'home');
    await mkdir(home);
    await writeFile(join(dir, 'ps.txt'), 'FromFile');
    const text = config('!env PS', '"123456789012"', '    cwd: { kind: aws/ambient, profile: !cwd }\n    inc: { kind: aws/ambient, profile: !include ps.txt }\n');
    expect(await permissionSet(text, { HOME: home, PS: 'One' })).toBe('One');
    expect(await memoFiles(home)).toHaveLength(1);
    expect(await permissionSet(text, { HOME: home, PS: 'One' })).toBe('One');
    expect(await permissionSet(text, { HOME: home, PS: 'Two' })).toBe('Two');
    expect((await failure(text, { HOME: home })).message).toMatch(/principal\.name/);
    expect(await permissionSet(text, { HOME: home, PS: 'One' })).toBe('One');
  });

  it('follows a changed working directory and included file', async () => {
    const home = join(dir, 'home');
    await mkdir(home);
    await mkdir(join(dir, 'sub'));
    await writeFile(join(dir, 'region.txt'), 'eu-west-1');
    const text = `auth:\n  identities:\n    a: { kind: aws/ambient, profile: !cwd, region: !include region.txt }\n`;
    const first = await load(text, { HOME: home }, dir);
    expect(first.identities.a).toMatchObject({ profile: dir, region: 'eu-west-1' });
    expect((await load(text, { HOME: home }, join(dir, 'sub'))).identities.a).toMatchObject({ profile: join(dir, 'sub') });
    await writeFile(join(dir, 'region.txt'), 'eu-central-1');
    expect((await load(text, { HOME: home }, dir)).identities.a).toMatchObject({ region: 'eu-central-1' });
  });

  it('a config that ran !exec is never remembered', async () => {
    const home = join(dir, 'home');
    await mkdir(home);
    await writeFile(join(dir, 'n'), '1');
    const text = config(`!exec printf "PS$(cat ${join(dir, 'n')})"`);
    expect(await permissionSet(text, { HOME: home, PATH: process.env.PATH ?? '' })).toBe('PS1');
    expect(await memoFiles(home)).toHaveLength(0);
    await writeFile(join(dir, 'n'), '2');
    expect(await permissionSet(text, { HOME: home, PATH: process.env.PATH ?? '' })).toBe('PS2');
  });
});

describe('YAML itself', () => {
  it('merge keys (<<: *anchor), which atmos.yaml files use, are honoured', async () => {
    const text = `x-principal: &admin { name: Admin, account: { id: "123456789012" } }
auth:
${SSO}  identities:
    dev:
      kind: aws/permission-set
      via: { provider: sso }
      principal:
        <<: *admin
        name: FromMerge
`;
    expect(await permissionSet(text)).toBe('FromMerge');
  });
});

describe('!exec output in warnings', () => {
  it('is kept out of the warnings of a config that validates', async () => {
    const text = config('Admin').replace('account: { id: "123456789012" }', `account: !exec 'echo "{\\"id\\": 123456789012}"'`);
    const loaded = await load(text);
    expect(loaded.warnings.join('\n')).toMatch(/principal\.account\.id: is a number/);
    expect(loaded.warnings.join('\n')).not.toContain('123456789012');
  });
});
