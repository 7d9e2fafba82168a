// AWS_ENDPOINT_URL_* from the environment is honoured by SDK clients created without an endpoint, including
// the SSO and SSO OIDC clients nested in fromSSO (checked in a child process, so this process's env stays clean).
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect, test } from 'vitest';
import { reservedRoleName, SSO_USER, startEmulator } from './index.ts';

const run = promisify(execFile);
const PROBE = fileURLToPath(new URL('./env-probe.ts', import.meta.url));

const AWS_CONFIG = `[profile dev]
sso_session = emu
sso_account_id = 123456789012
sso_role_name = AdministratorAccess
region = eu-central-1

[profile stale]
sso_session = emu-stale
sso_account_id = 210987654321
sso_role_name = ReadOnlyAccess
region = us-west-2

[sso-session emu]
sso_start_url = https://emulator.awsapps.com/start/
sso_region = us-east-1
sso_registration_scopes = sso:account:access

[sso-session emu-stale]
sso_start_url = https://emulator.awsapps.com/start/
sso_region = us-east-1
sso_registration_scopes = sso:account:access
`;

test('clients without an endpoint reach the emulator through AWS_ENDPOINT_URL_* (STS, ECR, SSO, SSO OIDC)', async () => {
  const emulator = await startEmulator();
  const home = await mkdtemp(join(tmpdir(), 'emulator-env-'));
  try {
    const cacheDir = join(home, '.aws', 'sso', 'cache');
    await mkdir(cacheDir, { recursive: true });
    await writeFile(join(home, '.aws', 'config'), AWS_CONFIG);
    const cacheFile = (session: string) => join(cacheDir, `${createHash('sha1').update(session).digest('hex')}.json`);
    await writeFile(cacheFile('emu'), JSON.stringify(emulator.mintSsoSession()));
    const stale = { ...emulator.mintSsoSession(), expiresAt: new Date(Date.now() - 60_000).toISOString() };
    await writeFile(cacheFile('emu-stale'), JSON.stringify(stale));

    const env = { PATH: process.env.PATH ?? '', HOME: home, AWS_EC2_METADATA_DISABLED: 'true', ...emulator.env };
    const { stdout } = await run(process.execPath, ['--import', 'tsx', PROBE, 'dev', 'stale'], { env, cwd: process.cwd() });
    const results = JSON.parse(stdout) as Array<{ profile: string; arn: string; proxyEndpoint: string }>;

    expect(results).toEqual([
      {
        profile: 'dev',
        arn: `arn:aws:sts::123456789012:assumed-role/${reservedRoleName('123456789012', 'AdministratorAccess')}/${SSO_USER}`,
        proxyEndpoint: 'https://123456789012.dkr.ecr.eu-central-1.amazonaws.com',
      },
      {
        profile: 'stale',
        arn: `arn:aws:sts::210987654321:assumed-role/${reservedRoleName('210987654321', 'ReadOnlyAccess')}/${SSO_USER}`,
        proxyEndpoint: 'https://210987654321.dkr.ecr.us-west-2.amazonaws.com',
      },
    ]);
    expect(emulator.calls('sso-oidc:CreateToken')).toBe(1);
    const refreshed = JSON.parse(await readFile(cacheFile('emu-stale'), 'utf8')) as { refreshToken: string };
    expect(refreshed.refreshToken).not.toBe(stale.refreshToken);
    expect(emulator.calls('sts:GetCallerIdentity')).toBe(2);
    expect(emulator.calls('ecr:GetAuthorizationToken')).toBe(2);
    expect(emulator.callLog.filter((e) => e.op === 'ecr:GetAuthorizationToken').map((e) => e.region)).toEqual(['eu-central-1', 'us-west-2']);
  } finally {
    await rm(home, { recursive: true, force: true });
    await emulator.stop();
  }
});
