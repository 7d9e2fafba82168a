// The core under Deno, for real: the emulator (node:http), the AWS SDK clients, the cross-process lock, the cache
// and the Docker config writer, driven through the same session functions the CLI calls.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Buffer } from 'node:buffer';
import { validateConfig } from '../../src/core/config/validate.ts';
import { ensureIdentity, ensureRegistries, status } from '../../src/core/session.ts';
import { makeContext } from '../../src/core/make-context.ts';
import { ssoTokenPath } from '../../src/core/sso/token-file.ts';
import { writeFileAtomic } from '../../src/core/fs/atomic-file.ts';
import { DEFAULT_START_URL, startEmulator } from '../emulator/index.ts';

Deno.test('identity and ECR login through the session path under Deno', async () => {
  const emulator = await startEmulator();
  const home = await mkdtemp(join(tmpdir(), 'ea-deno-'));
  try {
    const env = { HOME: home, DOCKER_CONFIG: join(home, '.docker'), PATH: Deno.env.get('PATH') ?? '', ...emulator.env };
    await writeFileAtomic(ssoTokenPath(env, { startUrl: DEFAULT_START_URL }), JSON.stringify(emulator.mintSsoSession({ startUrl: DEFAULT_START_URL })));
    const { config } = validateConfig({
      auth: {
        providers: { sso: { kind: 'aws/iam-identity-center', region: 'us-east-1', start_url: DEFAULT_START_URL } },
        identities: { dev: { kind: 'aws/permission-set', via: { provider: 'sso' }, principal: { name: 'AdministratorAccess', account: 'dev' } } },
        integrations: { ecr: { kind: 'aws/ecr', via: { identity: 'dev' }, spec: { registry: { account_id: '123456789012', region: 'us-east-2' } } } },
      },
    });
    assert.ok(config);
    const ctx = makeContext({ env, cwd: home, config });

    const session = await ensureIdentity(ctx);
    assert.equal(session.identity, 'dev');
    const outcome = await ensureRegistries(ctx, { identity: 'dev' });
    assert.deepEqual(outcome.failures, []);
    assert.equal(outcome.logins[0]?.host, '123456789012.dkr.ecr.us-east-2.amazonaws.com');
    const docker = JSON.parse(await readFile(join(home, '.docker', 'config.json'), 'utf8'));
    const password = emulator.ecrPasswords().at(-1)?.password;
    assert.equal(Buffer.from(docker.auths['123456789012.dkr.ecr.us-east-2.amazonaws.com'].auth, 'base64').toString(), `AWS:${password}`);
    assert.equal(emulator.calls('ecr:GetAuthorizationToken'), 1);

    emulator.resetCalls();
    const again = await ensureRegistries(ctx, { identity: 'dev' });
    assert.equal(again.logins[0]?.source, 'cache');
    assert.ok((await status(ctx)).every((e) => e.valid));
    assert.equal(emulator.calls(), 0);
  } finally {
    await emulator.stop();
    await rm(home, { recursive: true, force: true });
  }
});
