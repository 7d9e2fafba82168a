// What the runner tests share: a command runner with an exact environment, a clean environment for one "machine"
// (its own HOME, the emulator's endpoints, nothing of ours), the AWS CLI SSO cache seeded as after `aws sso login`,
// and readers for what a login leaves behind (the Docker config entry, secrets found in text or files).
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { execa } from 'execa';
import { ssoTokenPath } from '../../../src/core/sso/token-file.ts';
import type { Emulator } from '../../emulator/index.ts';

/** The repository root. */
export const REPO = join(import.meta.dirname, '..', '..', '..');

/** A finished command: its status and what it printed. */
export interface Ran {
  exitCode: number;
  stdout: string;
  stderr: string;
  all: string;
}

/** Runs `file args` with exactly `env` (nothing inherited), stdin closed, never throwing on a non-zero exit. */
export async function run(file: string, args: readonly string[], options: { cwd: string; env: Record<string, string>; timeout?: number }): Promise<Ran> {
  const result = await execa(file, [...args], {
    cwd: options.cwd,
    env: options.env,
    extendEnv: false,
    all: true,
    reject: false,
    stdin: 'ignore',
    timeout: options.timeout ?? 120_000,
  });
  return { exitCode: result.exitCode ?? 1, stdout: String(result.stdout), stderr: String(result.stderr), all: String(result.all ?? '') };
}

/** Throws with the command's output unless it exited 0. */
export function ok(ran: Ran, what: string): Ran {
  if (ran.exitCode !== 0) throw new Error(`${what} failed (exit ${ran.exitCode}):\n${ran.all.slice(-4000)}`);
  return ran;
}

/** The environment of one machine: its HOME and Docker config, the emulator's endpoints, PATH, and `extra`. */
export function machineEnv(home: string, emulator: Emulator, extra: Record<string, string> = {}): Record<string, string> {
  return {
    HOME: home,
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    DOCKER_CONFIG: join(home, '.docker'),
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    ...emulator.env,
    ...extra,
  };
}

/** Writes the emulator's SSO session where the AWS CLI keeps it under `home`, as `aws sso login` would have. */
export async function seedSsoSession(home: string, emulator: Emulator, startUrl: string): Promise<void> {
  const path = ssoTokenPath({ HOME: home }, { startUrl });
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, JSON.stringify(emulator.mintSsoSession({ startUrl })));
}

/** Writes files under `root` (objects as JSON). */
export async function writeTree(root: string, files: Record<string, unknown>): Promise<void> {
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), typeof content === 'string' ? content : `${JSON.stringify(content, null, 2)}\n`);
  }
}

/** The password `auths[host]` of the Docker config under `dockerConfig` holds, if any. */
export async function dockerPassword(dockerConfig: string, host: string): Promise<string | undefined> {
  const config = JSON.parse(await readFile(join(dockerConfig, 'config.json'), 'utf8')) as { auths?: Record<string, { auth?: string }> };
  const auth = config.auths?.[host]?.auth;
  return auth === undefined ? undefined : Buffer.from(auth, 'base64').toString('utf8').replace(/^AWS:/, '');
}

/** A short, non-secret fingerprint of a secret, for comparing without printing it. */
export function fingerprint(secret: string): string {
  return createHash('sha256').update(secret).digest('hex').slice(0, 16);
}

/** Which of `secrets` occur in `text`. */
export function secretsIn(text: string, secrets: readonly string[]): string[] {
  return secrets.filter((secret) => secret.length >= 8 && text.includes(secret));
}

/** Files under `root` (skipping directories named in `skip`) whose content contains one of `secrets`. */
export async function filesHolding(root: string, secrets: readonly string[], skip: readonly string[] = ['node_modules']): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(root, { withFileTypes: true })) {
    const path = join(root, entry.name);
    if (entry.isDirectory()) {
      if (!skip.includes(entry.name)) found.push(...(await filesHolding(path, secrets, skip)));
    } else if (entry.isFile() && secretsIn(await readFile(path, 'utf8'), secrets).length > 0) {
      found.push(path);
    }
  }
  return found;
}
