// Registry logins proven on real parts: tokens the emulator issues are the htpasswd passwords of a real Distribution
// registry, reached by a real dockerd under the real ECR host name (through a forward proxy), with skopeo as a second
// client. Docker config modes auths, helper (docker-credential-ecr-auth) and store (a credsStore helper) each serve a
// push; a stale token makes the push fail until ecr-auth fetches a new one.
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ensureRegistries, getLoginPassword } from '../../src/core/session.ts';
import { writeDockerAuths } from '../harness/docker-config.ts';
import { dockerCli, type RunResult } from '../harness/docker-cli.ts';
import { type PushStack, startPushStack } from '../harness/push-stack.ts';
import { skopeoInspect } from '../harness/skopeo.ts';
import { assertRealParts, skipRealTests } from '../harness/system.ts';
import { DEFAULT_START_URL, startEmulator, type Emulator } from '../emulator/index.ts';
import { makeTestHome, ssoConfig, type TestHome } from '../support/core-context.ts';

const ECR_HOST = '123456789012.dkr.ecr.us-east-1.amazonaws.com';
const newToken = () => randomBytes(1125).toString('base64');
const expectOk = (r: RunResult) => expect(r.exitCode, `${r.stdout}\n${r.stderr}`).toBe(0);
const HELPER = resolve('dist/cli/credential-helper.js');

describe.skipIf(skipRealTests())('docker push with ecr-auth logins', () => {
  let emulator: Emulator;
  let stack: PushStack;
  let t: TestHome;
  let current = newToken();
  let bin = '';

  const config = (settings?: object) =>
    ssoConfig(DEFAULT_START_URL, {
      integrations: {
        'dev/ecr/primary': { kind: 'aws/ecr', via: { identity: 'dev-admin' }, spec: { registry: { account_id: '123456789012', region: 'us-east-1' } } },
      },
      ...(settings ? { settings } : {}),
    });
  const docker = (dockerConfig: string) =>
    dockerCli({ dockerHost: stack.dockerd.env.DOCKER_HOST!, dockerConfig, env: { HOME: t.home, PATH: `${bin}:${process.env.PATH}` } });

  beforeAll(async () => {
    assertRealParts();
    emulator = await startEmulator({ ecrPassword: () => current });
    stack = await startPushStack(ECR_HOST, { username: 'AWS', password: current });
  });
  afterAll(async () => {
    await stack?.stop();
    await emulator?.stop().catch(() => undefined);
  });
  beforeEach(async () => {
    t = await makeTestHome(emulator);
    await t.seedSso(emulator, { startUrl: DEFAULT_START_URL });
    bin = join(t.home, 'bin');
    await mkdir(bin);
    // docker finds `docker-credential-ecr-auth` on PATH, as after `npm install -g ecr-auth`
    await writeFile(join(bin, 'docker-credential-ecr-auth'), `#!/bin/sh\nexec "${process.execPath}" "${HELPER}" "$@"\n`);
    await chmod(join(bin, 'docker-credential-ecr-auth'), 0o755);
    return () => t.cleanup();
  });

  it('auths mode: the Docker config entry ecr-auth writes serves docker push and skopeo', async () => {
    const outcome = await ensureRegistries(t.context(config()), { identity: 'dev-admin' });
    expect(outcome.failures).toEqual([]);
    expect(outcome.logins[0]).toMatchObject({ host: ECR_HOST, storedIn: 'auths' });
    const client = docker(t.env.DOCKER_CONFIG!);
    expectOk(await client.createImage(`${ECR_HOST}/app/auths:1`));
    expectOk(await client.push(`${ECR_HOST}/app/auths:1`));
    // skopeo, as a second client, takes the password from get-login-password (it reaches the registry directly)
    const { username, password } = await getLoginPassword(t.context(config()), { registry: ECR_HOST });
    const skopeoConfig = join(t.home, 'skopeo');
    await writeDockerAuths(skopeoConfig, { [stack.registry.host]: { username, password } });
    expectOk(await skopeoInspect(`${stack.registry.host}/app/auths:1`, { dockerConfig: skopeoConfig }));
    await writeDockerAuths(skopeoConfig, { [stack.registry.host]: { username, password: newToken() } });
    expect((await skopeoInspect(`${stack.registry.host}/app/auths:1`, { dockerConfig: skopeoConfig })).exitCode).not.toBe(0);
  });

  it('a stale token makes the push fail; once it is due, ecr-auth fetches the new one and the push works', async () => {
    const ctx = t.context(config());
    await ensureRegistries(ctx, { identity: 'dev-admin' });
    current = newToken(); // the registry now only accepts a newer token
    await stack.registry.setUsers([{ username: 'AWS', password: current }]);
    const client = docker(t.env.DOCKER_CONFIG!);
    expectOk(await client.createImage(`${ECR_HOST}/app/stale:1`));
    const refused = await client.push(`${ECR_HOST}/app/stale:1`);
    expect(refused.exitCode).not.toBe(0);
    expect(refused.stderr).toMatch(/unauthorized|authentication required|no basic auth/i);

    // 11h50m later: the cached token has 10 minutes left, under the 15m minimum validity (a clock moved past the
    // new token's own expiry would refuse it as expired on arrival)
    const outcome = await ensureRegistries({ ...ctx, now: () => Date.now() + 11 * 3_600_000 + 50 * 60_000 }, { identity: 'dev-admin' });
    expect(outcome.logins[0]!.source).toBe('fetched');
    expectOk(await client.push(`${ECR_HOST}/app/stale:1`));
  });

  it('helper mode: credHelpers points Docker at docker-credential-ecr-auth, which answers from the cache', async () => {
    const outcome = await ensureRegistries(t.context(config({ docker: { mode: 'helper' } })), { identity: 'dev-admin' });
    expect(outcome.logins[0]!.storedIn).toBe('helper');
    const written = JSON.parse(await readFile(join(t.env.DOCKER_CONFIG!, 'config.json'), 'utf8'));
    expect(written.credHelpers).toEqual({ [ECR_HOST]: 'ecr-auth' });
    expect(JSON.stringify(written)).not.toContain(current);
    const client = docker(t.env.DOCKER_CONFIG!);
    expectOk(await client.createImage(`${ECR_HOST}/app/helper:1`));
    expectOk(await client.push(`${ECR_HOST}/app/helper:1`));
  });

  it('store mode: with credsStore set, the token goes through that helper and docker push uses it', async () => {
    const storeFile = join(t.home, 'store.json');
    const store = join(bin, 'docker-credential-teststore');
    await writeFile(
      store,
      `#!${process.execPath}
const fs = require('node:fs');
const file = ${JSON.stringify(storeFile)};
const db = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : {};
const input = fs.readFileSync(0, 'utf8');
const verb = process.argv[2];
if (verb === 'store') { const c = JSON.parse(input); db[c.ServerURL] = c; fs.writeFileSync(file, JSON.stringify(db)); }
else if (verb === 'get') { const c = db[input.trim()]; if (!c) { process.stdout.write('credentials not found in native keychain'); process.exit(1); } process.stdout.write(JSON.stringify(c)); }
else if (verb === 'erase') { delete db[input.trim()]; fs.writeFileSync(file, JSON.stringify(db)); }
else if (verb === 'list') { process.stdout.write(JSON.stringify(Object.fromEntries(Object.keys(db).map((k) => [k, db[k].Username])))); }
`,
    );
    await chmod(store, 0o755);
    await mkdir(t.env.DOCKER_CONFIG!, { recursive: true });
    await writeFile(join(t.env.DOCKER_CONFIG!, 'config.json'), JSON.stringify({ credsStore: 'teststore' }));
    const ctx = t.context(config());
    const outcome = await ensureRegistries({ ...ctx, env: { ...ctx.env, PATH: `${bin}:${ctx.env.PATH}` } }, { identity: 'dev-admin' });
    expect(outcome.failures).toEqual([]);
    expect(outcome.logins[0]!.storedIn).toBe('store:teststore');
    expect(JSON.parse(await readFile(storeFile, 'utf8'))[ECR_HOST]).toMatchObject({ Username: 'AWS', Secret: current });
    expect(await readFile(join(t.env.DOCKER_CONFIG!, 'config.json'), 'utf8')).not.toContain(current);
    const client = docker(t.env.DOCKER_CONFIG!);
    expectOk(await client.createImage(`${ECR_HOST}/app/store:1`));
    expectOk(await client.push(`${ECR_HOST}/app/store:1`));
  });
});
