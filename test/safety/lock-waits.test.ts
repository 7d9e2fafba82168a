// A second run that needs a registry token while another process holds its lock (perhaps waiting behind a browser
// sign-in) waits for it, says so, and goes on when the lock is released; and the waits for a registry token and an
// identity link are at least as long as the SSO sign-in they may wait behind. Event-driven: the holder releases the
// lock when the waiter has said it is waiting, never after a sleep.
import { Readable } from 'node:stream';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.ts';
import { openCacheStore } from '../../src/core/cache/store.ts';
import { validateConfig } from '../../src/core/config/validate.ts';
import type { CoreContext } from '../../src/core/context.ts';
import { BEHIND_SIGN_IN_LOCK_TIMEOUT_MS, withLock } from '../../src/core/fs/lock.ts';
import { integrationTargets } from '../../src/core/registry/targets.ts';
import { tokenKey, TOKENS_NAMESPACE } from '../../src/core/registry/token.ts';
import { SSO_LOCK_TIMEOUT_MS } from '../../src/core/sso/ensure-token.ts';
import { startEmulator, type Emulator } from '../emulator/index.ts';
import { makeCliHome, standardConfig } from './support/cli-home.ts';

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(async () => {
  await emulator?.stop();
});

it('the lock waits for a registry token and an identity link outlast the SSO sign-in they may wait behind', () => {
  expect(BEHIND_SIGN_IN_LOCK_TIMEOUT_MS).toBeGreaterThan(SSO_LOCK_TIMEOUT_MS);
  expect(SSO_LOCK_TIMEOUT_MS).toBeGreaterThanOrEqual(10 * 60_000); // a device-code sign-in may take 10 minutes
});

it('ecr-login behind a held registry-token lock says it is waiting, then finishes when the lock is released', async () => {
  const w = await makeCliHome(emulator);
  try {
    await w.seedSso();
    const config = validateConfig(standardConfig(), w.configPath).config!;
    const target = integrationTargets(config.integrations['dev/ecr/primary']!)[0]!;
    const key = tokenKey({ env: w.env } as CoreContext, config, target);
    const lockPath = openCacheStore(w.cacheDir).lockPath(TOKENS_NAMESPACE, key);

    let release!: () => void;
    const released = new Promise<void>((done) => (release = done));
    let holding!: () => void;
    const held = new Promise<void>((done) => (holding = done));
    const holder = withLock(lockPath, async () => {
      holding();
      await released;
    });
    await held;

    let stderr = '';
    let stdout = '';
    const code = await runCli(['ecr-login'], {
      stdout: { write: (chunk: string) => (stdout += chunk) },
      stderr: {
        write: (chunk: string) => {
          stderr += chunk;
          if (/waiting for another ecr-auth process that is getting the registry token/.test(stderr)) release();
        },
      },
      stdin: Readable.from([]),
      env: { CI: 'true', ...w.env },
      cwd: w.cwd,
      isTTY: { stdin: false, stdout: false, stderr: false },
      platform: 'linux',
    });
    await holder;
    expect(stderr).toMatch(/waiting for another ecr-auth process that is getting the registry token for 123456789012\.dkr\.ecr\.us-east-2\.amazonaws\.com \(it may be waiting for a sign-in\)/);
    expect(code, stderr).toBe(0);
    expect(stdout).toMatch(/✓ ECR login/);
  } finally {
    await w.cleanup();
  }
});
