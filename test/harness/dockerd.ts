import { readFile, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { join } from 'node:path';
import { execa } from 'execa';
import { spawnLogged, waitUntil, type LoggedProcess } from './process.ts';
import { findExecutable } from './system.ts';
import { makeTempDir, removeTempDir } from './temp-dir.ts';

// A private Docker daemon: its own socket, data-root, exec-root and containerd, under one short temp dir.
export interface TestDockerd {
  readonly env: { DOCKER_HOST: string };
  readonly socket: string;
  readonly logFile: string;
  // The last lines of the daemon log, for failure messages.
  logTail(lines?: number): Promise<string>;
  stop(): Promise<void>;
}

// Options for a daemon: route registry traffic through a proxy, and let it speak plain HTTP to some hosts.
export interface DockerdOptions {
  proxyUrl?: string;
  insecureRegistries?: readonly string[];
}

// True when GET /_ping on the unix socket answers 200.
function ping(socketPath: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request({ socketPath, path: '/_ping', timeout: 2_000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('error', () => resolve(false));
    req.on('timeout', () => req.destroy());
    req.end();
  });
}

// The daemon's environment: PATH (containerd, runc) and, with a proxy, HTTP(S)_PROXY; nothing else is inherited.
function daemonEnv(proxyUrl: string | undefined): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH };
  if (proxyUrl) {
    const noProxy = '127.0.0.1,localhost,::1';
    Object.assign(env, { HTTP_PROXY: proxyUrl, HTTPS_PROXY: proxyUrl, NO_PROXY: noProxy });
    Object.assign(env, { http_proxy: proxyUrl, https_proxy: proxyUrl, no_proxy: noProxy });
  }
  return env;
}

// Lazily unmounts anything dockerd left mounted under `dir` (only after a crash), so the dir can be removed.
async function unmountUnder(dir: string): Promise<void> {
  const mountinfo = await readFile('/proc/self/mountinfo', 'utf8').catch(() => '');
  const points = mountinfo
    .split('\n')
    .map((line) => line.split(' ')[4] ?? '')
    .filter((point) => point.startsWith(`${dir}/`))
    .sort((a, b) => b.length - a.length);
  for (const point of points) await execa('umount', ['-l', point], { reject: false });
}

// Starts dockerd (vfs, no iptables, no bridge) and waits until it and the docker client talk.
export async function startDockerd(options: DockerdOptions = {}): Promise<TestDockerd> {
  const binary = findExecutable(['dockerd', '/usr/sbin/dockerd']);
  if (!binary) throw new Error('dockerd not found: run scripts/install-system-deps.sh');
  const dir = await makeTempDir('dkd');
  const socket = join(dir, 'docker.sock');
  const pidFile = join(dir, 'dockerd.pid');
  const logFile = join(dir, 'dockerd.log');
  const configFile = join(dir, 'daemon.json');
  const env = { DOCKER_HOST: `unix://${socket}` };
  let proc: LoggedProcess | undefined;

  const stop = async (): Promise<void> => {
    const pid = Number.parseInt(await readFile(pidFile, 'utf8').catch(() => ''), 10);
    await proc?.stop({ pid: Number.isInteger(pid) && pid > 0 ? pid : undefined, timeoutMs: 15_000 });
    await unmountUnder(dir);
    await removeTempDir(dir);
  };

  try {
    // Never read /etc/docker/daemon.json, and keep the daemon's identity key out of /etc/docker.
    await writeFile(configFile, JSON.stringify({ 'deprecated-key-path': join(dir, 'key.json') }));
    const args = [
      '--config-file', configFile,
      '--data-root', join(dir, 'data'),
      '--exec-root', join(dir, 'exec'),
      '--pidfile', pidFile,
      '-H', env.DOCKER_HOST,
      '--storage-driver', 'vfs',
      '--iptables=false',
      '--ip6tables=false',
      '--bridge=none',
      ...(options.insecureRegistries ?? []).flatMap((host) => ['--insecure-registry', host]),
    ];
    proc = spawnLogged(binary, args, { env: daemonEnv(options.proxyUrl), logFile });
    await waitUntil(`dockerd on ${socket}`, () => ping(socket), { owner: proc, timeoutMs: 30_000 });
    // The client first on PATH may be newer than the daemon: it must negotiate the API version down.
    const version = await execa('docker', ['version', '--format', '{{.Server.APIVersion}}'], {
      env: { ...env, DOCKER_CONFIG: dir },
      reject: false,
      timeout: 20_000,
    });
    if (version.exitCode !== 0) {
      throw new Error(`docker client cannot talk to the test dockerd: ${version.stderr || version.stdout}`);
    }
  } catch (error) {
    await stop();
    throw error;
  }

  return {
    env,
    socket,
    logFile,
    logTail: async (lines) => (proc ? await proc.logTail(lines) : ''),
    stop,
  };
}
