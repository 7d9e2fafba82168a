// aws/user end to end through the built CLI against the emulator: long-lived keys from the config or a shared
// credentials profile (read, never written); with mfa_arn one GetSessionToken per session, the code from --mfa-code,
// a hidden prompt on a pseudo-terminal, or mfa_command; twenty tasks starting together ask once; in CI with no code a
// clear error; aws/assume-role with mfa_arn; and no secret (keys, session token, MFA code) in any output or argv.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_MFA_DEVICE, startEmulator, type Emulator, type MfaDevice } from '../emulator/index.ts';
import { inPool, type BinResult } from '../safety/support/bins.ts';
import { makeCliHome, type CliHome } from '../safety/support/cli-home.ts';
import { containsMfaCode, findLeaks, secretNeedles } from '../safety/support/leaks.ts';
import { cli, cliOnTerminal, spawnedArgv } from './support.ts';

const HOST = '123456789012.dkr.ecr.us-east-1.amazonaws.com';
const SERIAL = DEFAULT_MFA_DEVICE.serial;
/** One device per test: a code works once per device and 30-second step, and the tests run within the same minute. */
const DEVICES: MfaDevice[] = [DEFAULT_MFA_DEVICE, ...Array.from({ length: 8 }, (_, i) => ({
  serial: `arn:aws:iam::123456789012:mfa/ci-runner-${i + 1}`,
  secret: `JBSWY3DPEHPK3PX${'ABCDEFGH'[i]}`.padEnd(32, 'A'),
  userArn: DEFAULT_MFA_DEVICE.userArn,
}))];
let deviceIndex = 0;
const BREAK_GLASS = 'arn:aws:iam::123456789012:role/BreakGlass';

let emulator: Emulator;
let w: CliHome;
const outputs: BinResult[] = [];
const codes: string[] = [];
const run = async (argv: string[], env: Record<string, string> = {}) => {
  const result = await cli(argv, { ...w.env, ...env }, w.cwd, w.root);
  outputs.push(result);
  return result;
};
const ok = (r: BinResult) => expect(r.code, `${r.stdout}\n${r.stderr}`).toBe(0);
/** A fresh code, remembered for the scan (a code is accepted once per 30-second step, so take the next step's too). */
const code = (offset = 0) => {
  const c = emulator.mfaCode(serial, offset);
  codes.push(c);
  return c;
};
const hasCode = (text: string) => containsMfaCode(text, codes);

beforeAll(async () => {
  emulator = await startEmulator({ mfaRequiredRoles: [BREAK_GLASS], mfaDevices: DEVICES });
});
afterAll(async () => {
  const needles = [...secretNeedles([emulator]), { label: 'the user secret key', text: emulator.ambient.secretAccessKey }];
  for (const result of outputs) {
    expect(findLeaks(result.stdout + result.stderr, needles)).toEqual([]);
    expect(hasCode(result.stdout + result.stderr)).toBe(false);
  }
  await emulator.stop();
});
let serial = SERIAL;
beforeEach(() => {
  serial = DEVICES[deviceIndex++]!.serial;
});
afterEach(async () => {
  const argv = (await spawnedArgv(w.root)).join('\n');
  expect(findLeaks(argv, [...secretNeedles([emulator]), { label: 'user key', text: emulator.ambient.secretAccessKey }])).toEqual([]);
  expect(hasCode(argv)).toBe(false);
  await w.cleanup();
});

const userConfig = (identity: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  auth: {
    identities: {
      me: {
        kind: 'aws/user',
        credentials: { access_key_id: emulator.ambient.accessKeyId, secret_access_key: emulator.ambient.secretAccessKey, mfa_arn: serial, region: 'us-east-1' },
        ...identity,
      },
    },
    integrations: { dev: { kind: 'aws/ecr', via: { identity: 'me' }, spec: { registry: { account_id: '123456789012', region: 'us-east-1' } } } },
    ...extra,
  },
});

describe('aws/user with MFA', () => {
  it('--mfa-code: one GetSessionToken; the session is cached, so the next run asks nothing and calls STS no more', async () => {
    w = await makeCliHome(emulator, { CI: 'true' });
    await w.writeConfig(userConfig({}));
    emulator.resetCalls();
    const first = await run(['login', '--mfa-code', code()]);
    ok(first);
    expect(first.stdout).toContain(`✓ ECR login: ${HOST}`);
    expect(emulator.calls('sts:GetSessionToken')).toBe(1);
    const second = await run(['ecr-login']);
    ok(second);
    expect(emulator.calls('sts:GetSessionToken')).toBe(1);
    // the ECR token was fetched with the MFA session, not the long-lived keys
    expect(emulator.callLog.filter((c) => c.op === 'ecr:GetAuthorizationToken').every((c) => c.principal === emulator.ambient.arn)).toBe(true);
    // the cache holds the MFA session, never the long-lived secret key
    const { readdir } = await import('node:fs/promises');
    const files = (await readdir(w.cacheDir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile());
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) expect(await readFile(join(f.parentPath, f.name), 'utf8')).not.toContain(emulator.ambient.secretAccessKey);
  });

  it('in CI with no code and no command: a clear error, and no call', async () => {
    w = await makeCliHome(emulator, { CI: 'true' });
    await w.writeConfig(userConfig({}));
    emulator.resetCalls();
    const result = await run(['login']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('needs a code of MFA device');
    expect(result.stderr).toContain('--mfa-code');
    expect(result.stderr).toContain('[E_MFA_REQUIRED]');
    expect(emulator.calls()).toBe(0);
  });

  it('a wrong or reused code is E_MFA_DENIED with what to do', async () => {
    w = await makeCliHome(emulator, { CI: 'true' });
    await w.writeConfig(userConfig({}));
    const used = code(-1);
    ok(await run(['login', '--mfa-code', used]));
    await run(['logout', 'me']);
    const again = await run(['login', '--mfa-code', used]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('[E_MFA_DENIED]');
    expect(again.stderr).toContain('wait for the next code');
    const malformed = await run(['login', '--mfa-code', '12ab']);
    expect(malformed.code).toBe(2);
  });

  it('on a terminal: a hidden prompt asks once; the code is not echoed', async () => {
    w = await makeCliHome(emulator);
    await w.writeConfig(userConfig({}));
    emulator.resetCalls();
    const typed = code(1);
    const result = await cliOnTerminal(['login'], w.env, w.cwd, [['MFA code for', typed]]);
    outputs.push(result);
    expect(result.code, result.stdout).toBe(0);
    expect(result.stdout).toContain(`MFA code for ${serial} (identity me): `);
    expect(result.stdout).toContain(`✓ ECR login: ${HOST}`);
    expect(emulator.calls('sts:GetSessionToken')).toBe(1);
    // a second task on the terminal is served from the cache: no prompt at all
    const second = await cliOnTerminal(['ecr-login'], w.env, w.cwd, []);
    outputs.push(second);
    expect(second.code, second.stdout).toBe(0);
    expect(second.stdout).not.toContain('MFA code');
    expect(emulator.calls('sts:GetSessionToken')).toBe(1);
  });

  it('twenty tasks starting together: mfa_command runs once, one GetSessionToken, one ECR token', async () => {
    w = await makeCliHome(emulator, { CI: 'true' });
    const codeFile = join(w.root, 'code');
    const counter = join(w.root, 'asked');
    await writeFile(codeFile, code(1), { mode: 0o600 });
    await w.writeConfig(userConfig({ mfa_command: `echo asked >> '${counter}'; cat '${codeFile}'` }));
    emulator.resetCalls();
    const results = await inPool(Array.from({ length: 20 }, (_, i) => i), 20, () => run(['ecr-login']));
    for (const result of results) ok(result);
    expect((await readFile(counter, 'utf8')).trim().split('\n')).toHaveLength(1);
    expect(emulator.calls('sts:GetSessionToken')).toBe(1);
    expect(emulator.calls('ecr:GetAuthorizationToken')).toBe(1);
  }, 240_000);
});

describe('aws/user keys and aws/assume-role with mfa_arn', () => {
  it('keys from a shared credentials profile (AWS_SHARED_CREDENTIALS_FILE), no MFA: used as they are, the file untouched', async () => {
    w = await makeCliHome(emulator, { CI: 'true' });
    const file = join(w.root, 'credentials');
    const text = `[default]\naws_access_key_id = AKIAOTHER00000000000\naws_secret_access_key = other\n\n[break-glass]\naws_access_key_id = ${emulator.ambient.accessKeyId}\naws_secret_access_key = ${emulator.ambient.secretAccessKey}\n`;
    await writeFile(file, text, { mode: 0o600 });
    await w.writeConfig({
      auth: {
        identities: { me: { kind: 'aws/user', profile: 'break-glass', region: 'us-east-1' } },
        integrations: { dev: { kind: 'aws/ecr', via: { identity: 'me' }, spec: { registry: { account_id: '123456789012', region: 'us-east-1' } } } },
      },
    });
    emulator.resetCalls();
    const result = await run(['login'], { AWS_SHARED_CREDENTIALS_FILE: file });
    ok(result);
    expect(result.stdout).toContain('✓ me (long-lived keys');
    expect(emulator.calls('sts:GetSessionToken')).toBe(0);
    expect(emulator.callLog.find((c) => c.op === 'ecr:GetAuthorizationToken')?.principal).toBe(emulator.ambient.arn);
    expect(await readFile(file, 'utf8')).toBe(text);
    const status = await run(['status', '--json'], { AWS_SHARED_CREDENTIALS_FILE: file });
    ok(status);
    expect(status.stdout).toContain('profile break-glass (shared credentials file)');
    const missing = await run(['login'], { AWS_SHARED_CREDENTIALS_FILE: join(w.root, 'nope') });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('does not exist');
  });

  it('aws/assume-role with mfa_arn sends SerialNumber and TokenCode (a role whose trust requires MFA)', async () => {
    w = await makeCliHome(emulator, { CI: 'true' });
    await w.writeConfig({
      auth: {
        identities: {
          keys: { kind: 'aws/user', credentials: { access_key_id: emulator.ambient.accessKeyId, secret_access_key: emulator.ambient.secretAccessKey } },
          'break-glass': { kind: 'aws/assume-role', via: { identity: 'keys' }, mfa_arn: serial, principal: { assume_role: BREAK_GLASS }, region: 'us-east-1', default: true },
        },
        integrations: { dev: { kind: 'aws/ecr', via: { identity: 'break-glass' }, spec: { registry: { account_id: '123456789012', region: 'us-east-1' } } } },
      },
    });
    emulator.resetCalls();
    const refused = await run(['login']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('[E_MFA_REQUIRED]');
    const result = await run(['login', '--mfa-code', code(1)]);
    ok(result);
    expect(emulator.calls('sts:AssumeRole')).toBe(1);
    expect(emulator.ecrPasswords().at(-1)?.principalArn).toContain('assumed-role/BreakGlass/');
  });

  it('validate shows the key id and MFA device but never the secret key', async () => {
    w = await makeCliHome(emulator, { CI: 'true' });
    await w.writeConfig(userConfig({}));
    for (const flags of [[], ['--json']]) {
      const result = await run(['validate', ...flags]);
      ok(result);
      expect(result.stdout).toContain(serial);
      expect(result.stdout).not.toContain(emulator.ambient.secretAccessKey);
    }
    // nor is a config holding keys remembered in the cache
    const { readdir } = await import('node:fs/promises');
    const names = await readdir(join(w.cacheDir, 'config')).catch(() => [] as string[]);
    for (const name of names) expect(await readFile(join(w.cacheDir, 'config', name), 'utf8')).not.toContain(emulator.ambient.secretAccessKey);
  });
});
