// aws/saml end to end through the built CLI against the emulator: a headless system Chromium (driven by
// playwright-core) signs in at the stand-in IdP, whose page posts the assertion to https://signin.aws.amazon.com/saml;
// the post is intercepted, AssumeRoleWithSAML yields the role, and Docker is logged in. Also: assertion_command,
// the Atmos way (the role of an aws/assume-role identity taken from the assertion), role choice by config, flag and
// terminal, a clear error in CI, the cache (a second run signs in no more), and no secret in any output or argv.
import { mkdir, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SAML_ROLES, startEmulator, type Emulator } from '../emulator/index.ts';
import { makeCliHome, type CliHome } from '../safety/support/cli-home.ts';
import { findLeaks, secretNeedles } from '../safety/support/leaks.ts';
import type { BinResult } from '../safety/support/bins.ts';
import { chromiumOrFail, cli, cliOnTerminal, dockerPassword, spawnedArgv } from './support.ts';

const [DEV, PROD] = DEFAULT_SAML_ROLES as [(typeof DEFAULT_SAML_ROLES)[0], (typeof DEFAULT_SAML_ROLES)[0]];
const HOST = '123456789012.dkr.ecr.us-east-1.amazonaws.com';
const PROD_HOST = '210987654321.dkr.ecr.us-east-1.amazonaws.com';
const CHROMIUM = chromiumOrFail();

let emulator: Emulator;
let w: CliHome;
const outputs: BinResult[] = [];
const run = async (argv: string[], env: Record<string, string> = {}) => {
  const result = await cli(argv, { ...w.env, ...env }, w.cwd, w.root);
  outputs.push(result);
  return result;
};
const ok = (r: BinResult) => expect(r.code, `${r.stdout}\n${r.stderr}`).toBe(0);

beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(async () => {
  // nothing secret in any output of any run, nor on the argv of any child they started
  const needles = secretNeedles([emulator]);
  for (const result of outputs) expect(findLeaks(result.stdout + result.stderr, needles)).toEqual([]);
  await emulator.stop();
});
afterEach(async () => {
  expect(findLeaks((await spawnedArgv(w.root)).join('\n'), secretNeedles([emulator]))).toEqual([]);
  await w.cleanup();
});

const samlConfig = (provider: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  auth: {
    providers: { corp: { kind: 'aws/saml', region: 'us-east-1', url: emulator.saml.autofillUrl, ...provider } },
    integrations: {
      dev: { kind: 'aws/ecr', via: { provider: 'corp' }, spec: { registry: { account_id: '123456789012', region: 'us-east-1' } } },
    },
    ...extra,
  },
});

describe.skipIf(!CHROMIUM)('browser sign-in (headless Chromium, stand-in IdP)', () => {
  it('signs in, assumes the configured role, logs Docker in; a second login asks nothing and signs in no more', async () => {
    w = await makeCliHome(emulator, { ECR_AUTH_BROWSER_HEADLESS: '1' });
    await w.writeConfig(samlConfig({ role_arn: DEV.roleArn, session_duration: '2h' }));
    emulator.resetCalls();
    const first = await run(['login']);
    ok(first);
    expect(first.stdout).toContain(`✓ ECR login: ${HOST}`);
    expect(emulator.calls('idp:LoginPage')).toBe(1);
    expect(emulator.calls('idp:SignIn')).toBe(1);
    expect(emulator.calls('sts:AssumeRoleWithSAML')).toBe(1);
    const password = await dockerPassword(w.dockerConfigPath, HOST);
    const issued = emulator.ecrPasswords().find((p) => p.password === password);
    expect(issued?.principalArn).toBe(`arn:aws:sts::123456789012:assumed-role/SamlDeveloper/${emulator.saml.user.username}`);

    const second = await run(['login']);
    ok(second);
    expect(emulator.calls('idp:LoginPage')).toBe(1);
    expect(emulator.calls('sts:AssumeRoleWithSAML')).toBe(1);
    expect(second.stdout).toContain(`✓ ECR login: ${HOST}`);
  }, 180_000);

  it('nobody signs in: the wait ends after ECR_AUTH_SAML_TIMEOUT_MS with what to do, and the browser is gone', async () => {
    // 20 s: long enough for Chromium to start and load the IdP page on a loaded 2-core CI machine
    w = await makeCliHome(emulator, { ECR_AUTH_BROWSER_HEADLESS: '1', ECR_AUTH_SAML_TIMEOUT_MS: '20000' });
    await w.writeConfig(samlConfig({ role_arn: DEV.roleArn, url: emulator.saml.url }));
    // the browser's temporary profile goes under this TMPDIR, so its processes can be found by their argv
    const tmp = join(w.root, 'tmp');
    await mkdir(tmp);
    const before = emulator.calls('idp:LoginPage');
    const result = await run(['login'], { TMPDIR: tmp });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('no SAML assertion from "corp" within 20 s');
    expect(result.stderr).toContain('[E_SAML]');
    expect(emulator.calls('idp:LoginPage')).toBe(before + 1);
    // Chromium's helper processes (crashpad) and its profile may take a moment to go after the browser has closed
    // on a loaded machine: wait for them to be gone, up to 15 s
    const leftovers = async () => {
      const left: string[] = [];
      for (const pid of await readdir('/proc').catch(() => [] as string[])) {
        if (!/^\d+$/.test(pid)) continue;
        const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
        if (cmdline.includes(tmp)) left.push(`${pid}: ${cmdline.replaceAll('\0', ' ').slice(0, 120)}`);
      }
      // node-compile-cache is ecr-auth's own (Node's compile cache, enabled by the bin, defaults to TMPDIR): not the browser's
      return { processes: left, files: (await readdir(tmp)).filter((name) => name !== 'node-compile-cache') };
    };
    let seen = await leftovers();
    for (let waited = 0; (seen.processes.length > 0 || seen.files.length > 0) && waited < 15_000; waited += 250) {
      await new Promise((done) => setTimeout(done, 250));
      seen = await leftovers();
    }
    expect(seen).toEqual({ processes: [], files: [] });
  }, 180_000);
});

describe('assertion_command and role choice', () => {
  const withAssertion = async (roles = [DEV, PROD]) => {
    const file = join(w.root, 'assertion.b64');
    await import('node:fs/promises').then((fs) => fs.writeFile(file, emulator.issueSamlAssertion({ roles }), { mode: 0o600 }));
    return ['cat', file];
  };

  it('an Atmos-style aws/assume-role identity via the provider takes its role from the assertion (one AssumeRoleWithSAML, no AssumeRole)', async () => {
    w = await makeCliHome(emulator, { CI: 'true' });
    await w.writeConfig({
      auth: {
        providers: { corp: { kind: 'aws/saml', region: 'us-east-1', url: emulator.saml.url, assertion_command: await withAssertion() } },
        identities: { prod: { kind: 'aws/assume-role', via: { provider: 'corp' }, principal: { assume_role: PROD.roleArn } } },
        integrations: { prod: { kind: 'aws/ecr', via: { identity: 'prod' }, spec: { registry: { account_id: '210987654321', region: 'us-east-1' } } } },
      },
    });
    emulator.resetCalls();
    const result = await run(['login', 'prod']);
    ok(result);
    expect(result.stdout).toContain(`✓ ECR login: ${PROD_HOST}`);
    expect(emulator.calls('sts:AssumeRoleWithSAML')).toBe(1);
    expect(emulator.calls('sts:AssumeRole')).toBe(0);
    expect(emulator.ecrPasswords().at(-1)?.principalArn).toContain('assumed-role/SamlReadOnly/');
    // status (no network) names the identity; logout forgets it, so the next login signs in again
    const status = await run(['status']);
    ok(status);
    expect(status.stdout).toContain('prod');
    expect(emulator.calls('sts:AssumeRoleWithSAML')).toBe(1);
    ok(await run(['logout', 'prod']));
    ok(await run(['login', 'prod']));
    expect(emulator.calls('sts:AssumeRoleWithSAML')).toBe(2);
  });

  it('a provider with a role sits under an aws/assume-role chain: SAML first, then AssumeRole', async () => {
    w = await makeCliHome(emulator, { CI: 'true' });
    await w.writeConfig({
      auth: {
        providers: { corp: { kind: 'aws/saml', region: 'us-east-1', url: emulator.saml.url, role_arn: DEV.roleArn, assertion_command: await withAssertion() } },
        identities: { deploy: { kind: 'aws/assume-role', via: { provider: 'corp' }, principal: { assume_role: 'arn:aws:iam::123456789012:role/Deploy' } } },
      },
    });
    emulator.resetCalls();
    // env prints the credentials as its job: its output is not part of the scan
    ok(await cli(['env', '--identity', 'deploy', '--format', 'json'], w.env, w.cwd, w.root));
    expect(emulator.calls('sts:AssumeRoleWithSAML')).toBe(1);
    expect(emulator.callLog.filter((c) => c.op === 'sts:AssumeRole').map((c) => c.principal)).toEqual([
      `arn:aws:sts::123456789012:assumed-role/SamlDeveloper/${emulator.saml.user.username}`,
    ]);
  });

  it('several roles and none chosen: in CI a clear error listing them; --saml-role picks one', async () => {
    w = await makeCliHome(emulator, { CI: 'true' });
    await w.writeConfig(samlConfig({ assertion_command: await withAssertion() }));
    const refused = await run(['login']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('offers 2 roles and none is chosen');
    expect(refused.stderr).toContain(PROD.roleArn);
    expect(refused.stderr).toContain('--saml-role');
    expect(refused.stderr).toContain('[E_SAML]');
    const picked = await run(['login', '--saml-role', DEV.roleArn]);
    ok(picked);
    expect(emulator.ecrPasswords().at(-1)?.principalArn).toContain('assumed-role/SamlDeveloper/');
    const bad = await run(['login', '--saml-role', 'not-an-arn']);
    expect(bad.code).toBe(2);
  });

  it('a role the assertion does not offer is a clear error', async () => {
    w = await makeCliHome(emulator, { CI: 'true' });
    await w.writeConfig(samlConfig({ role_arn: 'arn:aws:iam::123456789012:role/Missing', assertion_command: await withAssertion() }));
    const result = await run(['login']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('does not offer arn:aws:iam::123456789012:role/Missing');
  });

  it('on a terminal, the user picks the role from the list', async () => {
    w = await makeCliHome(emulator);
    await w.writeConfig(samlConfig({ assertion_command: await withAssertion() }));
    const result = await cliOnTerminal(['login'], w.env, w.cwd, [['Choose 1-2: ', '2']]);
    outputs.push(result);
    expect(result.code, result.stdout).toBe(0);
    expect(result.stdout).toContain(`1) ${DEV.roleArn}`);
    expect(emulator.ecrPasswords().at(-1)?.principalArn).toContain('assumed-role/SamlReadOnly/');
  });

  it('in CI, with no assertion_command, the browser is not opened: the error names assertion_command', async () => {
    w = await makeCliHome(emulator, { CI: 'true' });
    await w.writeConfig(samlConfig({ role_arn: DEV.roleArn }));
    emulator.resetCalls();
    const result = await run(['login']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('assertion_command');
    expect(result.stderr).toContain('[E_BROWSER_UNAVAILABLE]');
    expect(emulator.calls('idp:LoginPage')).toBe(0);
  });

  it('--no-browser wins over ECR_AUTH_BROWSER_HEADLESS: no browser starts', async () => {
    w = await makeCliHome(emulator, { ECR_AUTH_BROWSER_HEADLESS: '1' });
    await w.writeConfig(samlConfig({ role_arn: DEV.roleArn }));
    const before = emulator.calls('idp:LoginPage');
    const result = await run(['login', '--no-browser']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('[E_BROWSER_UNAVAILABLE]');
    expect(emulator.calls('idp:LoginPage')).toBe(before);
  });

  it('no Chromium where ECR_AUTH_CHROMIUM points: the error says how to install one', async () => {
    w = await makeCliHome(emulator, { ECR_AUTH_BROWSER_HEADLESS: '1', ECR_AUTH_CHROMIUM: '/nonexistent/chromium' });
    await w.writeConfig(samlConfig({ role_arn: DEV.roleArn }));
    const result = await run(['login']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('apt-get install chromium');
    expect(result.stderr).toContain('assertion_command');
  });

  it('the assertion_command output is never printed, even with --verbose', async () => {
    w = await makeCliHome(emulator, { CI: 'true' });
    await w.writeConfig(samlConfig({ role_arn: DEV.roleArn, assertion_command: await withAssertion() }));
    const result = await run(['login', '--verbose']);
    ok(result);
    const assertion = await readFile(join(w.root, 'assertion.b64'), 'utf8');
    expect(result.stderr.includes(assertion.slice(100, 140))).toBe(false);
  });
});
