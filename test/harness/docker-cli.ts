import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { makeTempDir, removeTempDir } from './temp-dir.ts';

// What one docker command did.
export interface RunResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

// The docker client bound to one daemon (DOCKER_HOST) and one client config directory (DOCKER_CONFIG).
export interface DockerCli {
  readonly env: Record<string, string>;
  run(args: readonly string[], options?: { input?: string | Buffer }): Promise<RunResult>;
  // `docker login --password-stdin`: the password goes through stdin, never argv.
  login(server: string, username: string, password: string): Promise<RunResult>;
  logout(server: string): Promise<RunResult>;
  // Creates a one-file image named `ref` without any network (a tarball through `docker import`);
  // its layer holds random bytes, so every image pushes a new blob.
  createImage(ref: string): Promise<RunResult>;
  tag(source: string, target: string): Promise<RunResult>;
  push(ref: string): Promise<RunResult>;
}

// Runs `docker` with exactly this DOCKER_HOST and DOCKER_CONFIG (HOME too, so nothing of the user's leaks in).
export function dockerCli(options: { dockerHost: string; dockerConfig: string; env?: Record<string, string> }): DockerCli {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: options.dockerConfig,
    DOCKER_HOST: options.dockerHost,
    DOCKER_CONFIG: options.dockerConfig,
    ...options.env,
  };
  const run = async (args: readonly string[], { input }: { input?: string | Buffer } = {}): Promise<RunResult> => {
    const result = await execa('docker', args, {
      env,
      extendEnv: false,
      reject: false,
      timeout: 60_000,
      ...(input === undefined ? { stdin: 'ignore' as const } : { input }),
    });
    return { exitCode: result.exitCode ?? -1, stdout: String(result.stdout), stderr: String(result.stderr) };
  };
  return {
    env,
    run,
    login: (server, username, password) =>
      run(['login', '--username', username, '--password-stdin', server], { input: password }),
    logout: (server) => run(['logout', server]),
    async createImage(ref) {
      const dir = await makeTempDir('img');
      try {
        await mkdir(join(dir, 'rootfs'));
        await writeFile(join(dir, 'rootfs', 'hello.txt'), `${randomBytes(16).toString('hex')}\n`);
        const tar = await execa('tar', ['-C', join(dir, 'rootfs'), '-cf', '-', '.'], { encoding: 'buffer' });
        return await run(['import', '-', ref], { input: Buffer.from(tar.stdout) });
      } finally {
        await removeTempDir(dir);
      }
    },
    tag: (source, target) => run(['tag', source, target]),
    push: (ref) => run(['push', ref]),
  };
}
