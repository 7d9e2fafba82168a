import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

// Writes `<dir>/config.json` with `auths[host].auth = base64("user:password")`, as `docker login` does for
// the file store; `extra` keys (credsStore, credHelpers, ...) are merged in at the top level.
export async function writeDockerAuths(
  dir: string,
  auths: Record<string, { username: string; password: string }>,
  extra: Record<string, unknown> = {},
): Promise<string> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const entries = Object.fromEntries(
    Object.entries(auths).map(([host, { username, password }]) => [
      host,
      { auth: Buffer.from(`${username}:${password}`).toString('base64') },
    ]),
  );
  const file = join(dir, 'config.json');
  await writeFile(file, `${JSON.stringify({ ...extra, auths: entries }, null, 2)}\n`, { mode: 0o600 });
  return file;
}

// Reads `<dir>/config.json` as JSON ({} when absent).
export async function readDockerConfig(dir: string): Promise<Record<string, unknown>> {
  const text = await readFile(join(dir, 'config.json'), 'utf8').catch(() => '{}');
  return JSON.parse(text) as Record<string, unknown>;
}
