import { randomBytes } from 'node:crypto';
import { mkdir, rename, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { htpasswdText, type RegistryUser } from './htpasswd.ts';
import { freeLoopbackPort } from './ports.ts';
import { spawnLogged, waitUntil, type LoggedProcess } from './process.ts';
import { findExecutable } from './system.ts';
import { makeTempDir, removeTempDir } from './temp-dir.ts';

export type { RegistryUser } from './htpasswd.ts';

// A running Distribution registry on 127.0.0.1 with htpasswd (basic) auth and storage in a temp dir.
export interface TestRegistry {
  readonly url: string; // http://127.0.0.1:PORT
  readonly host: string; // 127.0.0.1:PORT
  readonly port: number;
  readonly logFile: string;
  // The last lines of the registry log, for failure messages.
  logTail(lines?: number): Promise<string>;
  // Replaces the accepted users; resolves once the registry answers with the new set.
  setUsers(users: readonly RegistryUser[]): Promise<void>;
  stop(): Promise<void>;
}

// The HTTP status of GET /v2/ with optional basic credentials (0 when nothing answers).
export async function registryStatus(url: string, user?: RegistryUser): Promise<number> {
  const headers: Record<string, string> = {};
  if (user) headers.authorization = `Basic ${Buffer.from(`${user.username}:${user.password}`).toString('base64')}`;
  const response = await fetch(`${url}/v2/`, { headers, signal: AbortSignal.timeout(5_000) }).catch(() => undefined);
  await response?.body?.cancel();
  return response?.status ?? 0;
}

// Writes the htpasswd file atomically with an mtime newer than before: registry 2.8 re-reads the file
// when its mtime changes, and two writes within one kernel clock tick could otherwise share an mtime.
async function writeHtpasswd(path: string, users: readonly RegistryUser[]): Promise<void> {
  const previous = await stat(path).then((s) => s.mtimeMs, () => 0);
  await writeFile(`${path}.tmp`, htpasswdText(users), { mode: 0o600 });
  const mtime = new Date(Math.max(Date.now(), previous + 1_000));
  await utimes(`${path}.tmp`, mtime, mtime);
  await rename(`${path}.tmp`, path);
}

// Starts Debian's docker-registry (upstream `registry`) accepting `users`; waits until /v2/ answers 401.
export async function startRegistry(options: { users: readonly RegistryUser[] }): Promise<TestRegistry> {
  const binary = findExecutable(['docker-registry', 'registry']);
  if (!binary) throw new Error('docker-registry not found: run scripts/install-system-deps.sh');
  const dir = await makeTempDir('reg');
  const htpasswd = join(dir, 'htpasswd');
  const configFile = join(dir, 'config.yml');
  const logFile = join(dir, 'registry.log');
  let users = [...options.users];
  let port = 0;
  let proc: LoggedProcess | undefined;

  const launch = async (): Promise<void> => {
    const config = {
      version: 0.1,
      log: { level: 'info', formatter: 'text' },
      storage: { filesystem: { rootdirectory: join(dir, 'data') }, delete: { enabled: true } },
      http: { addr: `127.0.0.1:${port}`, secret: randomBytes(16).toString('hex') },
      auth: { htpasswd: { realm: 'ecr-auth-test', path: htpasswd } },
    };
    await writeFile(configFile, stringify(config));
    proc = spawnLogged(binary, ['serve', configFile], { env: { PATH: process.env.PATH }, logFile });
    await waitUntil(`registry on 127.0.0.1:${port}`, async () => (await registryStatus(`http://127.0.0.1:${port}`)) === 401, {
      owner: proc,
    });
  };

  try {
    await mkdir(join(dir, 'data'));
    await writeHtpasswd(htpasswd, users);
    // The port is free when picked but may be taken before the registry binds it: try a few.
    for (let attempt = 1; ; attempt++) {
      port = await freeLoopbackPort();
      try {
        await launch();
        break;
      } catch (error) {
        await proc?.stop();
        if (attempt >= 3) throw error;
      }
    }
  } catch (error) {
    await proc?.stop();
    await removeTempDir(dir);
    throw error;
  }

  const url = `http://127.0.0.1:${port}`;
  // True once the registry answers as `next` says it should (the new users in, the old ones out).
  const applied = async (next: readonly RegistryUser[], old: readonly RegistryUser[]): Promise<boolean> => {
    if (next[0]) return (await registryStatus(url, next[0])) === 200;
    const gone = old.find((o) => !next.some((n) => n.username === o.username && n.password === o.password));
    return gone ? (await registryStatus(url, gone)) === 401 : true;
  };
  return {
    url,
    host: `127.0.0.1:${port}`,
    port,
    logFile,
    logTail: async (lines) => (proc ? await proc.logTail(lines) : ''),
    async setUsers(next) {
      const old = users;
      users = [...next];
      await writeHtpasswd(htpasswd, users);
      try {
        await waitUntil('registry reloading htpasswd', () => applied(users, old), { owner: proc, timeoutMs: 2_000 });
      } catch {
        // A registry that does not reload htpasswd (older than 2.7) picks it up on restart.
        await proc?.stop();
        await launch();
      }
    },
    async stop() {
      await proc?.stop();
      await removeTempDir(dir);
    },
  };
}
