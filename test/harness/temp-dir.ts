import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// The base for harness temp dirs: the OS temp dir, or /tmp when that path is long
// (unix socket paths, e.g. dockerd's and containerd's, must stay under ~100 characters).
function tempBase(): string {
  const base = tmpdir();
  return base.length <= 40 ? base : '/tmp';
}

// Creates a fresh, short temp directory such as /tmp/ea-reg-Xk2a9Q.
export async function makeTempDir(prefix: string): Promise<string> {
  return await mkdtemp(join(tempBase(), `ea-${prefix}-`));
}

// Removes a temp directory and everything in it; never throws (cleanup must not mask a test failure).
// ECR_AUTH_TEST_KEEP_TEMP=1 keeps it (with its logs) for debugging.
export async function removeTempDir(dir: string): Promise<void> {
  if (process.env.ECR_AUTH_TEST_KEEP_TEMP === '1') {
    console.warn(`kept ${dir}`);
    return;
  }
  await rm(dir, { recursive: true, force: true, maxRetries: 3 }).catch(() => undefined);
}
