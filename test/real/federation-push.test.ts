// Done on real parts: `ecr-auth login` with an aws/saml provider (headless system Chromium signing in at the stand-in
// IdP) and with an aws/user identity behind MFA each log Docker in, and a real dockerd pushes to a real Distribution
// registry under the real ECR host name (through a forward proxy) with the entry ecr-auth wrote.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dockerCli, type RunResult } from '../harness/docker-cli.ts';
import { type PushStack, startPushStack } from '../harness/push-stack.ts';
import { assertRealParts, skipRealTests } from '../harness/system.ts';
import { DEFAULT_MFA_DEVICE, DEFAULT_SAML_ROLES, startEmulator, type Emulator } from '../emulator/index.ts';
import { makeCliHome, type CliHome } from '../safety/support/cli-home.ts';
import { findLeaks, secretNeedles } from '../safety/support/leaks.ts';
import { chromiumOrFail, cli } from '../federation/support.ts';

const ECR_HOST = '123456789012.dkr.ecr.us-east-1.amazonaws.com';
const CHROMIUM = chromiumOrFail();
const expectOk = (r: { exitCode?: number; code?: number | null; stdout: string; stderr: string }) =>
  expect(r.exitCode ?? r.code, `${r.stdout}\n${r.stderr}`).toBe(0);
const integration = { dev: { kind: 'aws/ecr', via: { provider: 'corp' }, spec: { registry: { account_id: '123456789012', region: 'us-east-1' } } } };

describe.skipIf(skipRealTests())('federated logins push to a real registry', () => {
  const token = randomBytes(1125).toString('base64');
  let emulator: Emulator;
  let stack: PushStack;

  beforeAll(async () => {
    assertRealParts();
    emulator = await startEmulator({ ecrPassword: () => token });
    stack = await startPushStack(ECR_HOST, { username: 'AWS', password: token });
  }, 120_000);
  afterAll(async () => {
    await stack?.stop();
    await emulator?.stop().catch(() => undefined);
  });

  const push = async (w: CliHome, name: string): Promise<RunResult> => {
    const docker = dockerCli({ dockerHost: stack.dockerd.env.DOCKER_HOST!, dockerConfig: w.dockerDir });
    expectOk(await docker.createImage(`${ECR_HOST}/${name}:1`));
    return docker.push(`${ECR_HOST}/${name}:1`);
  };

  it.skipIf(!CHROMIUM)('aws/saml: the browser sign-in logs Docker in and docker push works', async () => {
    const w = await makeCliHome(emulator, { ECR_AUTH_BROWSER_HEADLESS: '1' });
    try {
      await w.writeConfig({
        auth: {
          providers: { corp: { kind: 'aws/saml', region: 'us-east-1', url: emulator.saml.autofillUrl, role_arn: DEFAULT_SAML_ROLES[0]!.roleArn } },
          integrations: integration,
        },
      });
      const before = emulator.calls('idp:SignIn');
      const login = await cli(['login'], w.env, w.cwd, w.root);
      expectOk(login);
      expect(emulator.calls('idp:SignIn')).toBe(before + 1);
      expect(findLeaks(login.stdout + login.stderr, secretNeedles([emulator]))).toEqual([]);
      expectOk(await push(w, 'saml/app'));
    } finally {
      await w.cleanup();
    }
  }, 240_000);

  it('aws/user with MFA: one code logs Docker in and docker push works', async () => {
    const w = await makeCliHome(emulator, { CI: 'true' });
    try {
      await w.writeConfig({
        auth: {
          identities: {
            corp: {
              kind: 'aws/user',
              credentials: { access_key_id: emulator.ambient.accessKeyId, secret_access_key: emulator.ambient.secretAccessKey, mfa_arn: DEFAULT_MFA_DEVICE.serial },
            },
          },
          integrations: { dev: { ...integration.dev, via: { identity: 'corp' } } },
        },
      });
      const login = await cli(['login', '--mfa-code', emulator.mfaCode()], w.env, w.cwd, w.root);
      expectOk(login);
      expect(findLeaks(login.stdout + login.stderr, [...secretNeedles([emulator]), { label: 'user key', text: emulator.ambient.secretAccessKey }])).toEqual([]);
      expectOk(await push(w, 'mfa/app'));
    } finally {
      await w.cleanup();
    }
  }, 240_000);
});
