import { execa } from 'execa';
import { makeTempDir, removeTempDir } from './temp-dir.ts';
import type { RunResult } from './docker-cli.ts';

// Where skopeo may look for credentials: a Docker config dir (DOCKER_CONFIG) and/or an explicit --authfile.
export interface SkopeoAuth {
  dockerConfig?: string;
  authFile?: string;
}

// Runs skopeo with an isolated HOME and XDG_RUNTIME_DIR (containers/image reads
// $XDG_RUNTIME_DIR/containers/auth.json, /run/containers/<uid>/auth.json and ~/.config/containers/auth.json
// before the Docker config), so only the credentials given here count.
export async function runSkopeo(args: readonly string[], auth: SkopeoAuth = {}): Promise<RunResult> {
  const home = await makeTempDir('skopeo');
  try {
    const env: Record<string, string> = { PATH: process.env.PATH ?? '', HOME: home, XDG_RUNTIME_DIR: home };
    if (auth.dockerConfig) env.DOCKER_CONFIG = auth.dockerConfig;
    const authArgs = auth.authFile ? ['--authfile', auth.authFile] : [];
    const [command = '', ...rest] = args;
    // --insecure-policy: no /etc/containers/policy.json needed (these are throwaway local registries).
    const result = await execa('skopeo', ['--insecure-policy', command, ...authArgs, ...rest], {
      env,
      extendEnv: false,
      reject: false,
      stdin: 'ignore',
      timeout: 60_000,
    });
    return { exitCode: result.exitCode ?? -1, stdout: String(result.stdout), stderr: String(result.stderr) };
  } finally {
    await removeTempDir(home);
  }
}

// `skopeo inspect docker://REF` against a plain-HTTP registry; REF is host/repo:tag.
export function skopeoInspect(ref: string, auth: SkopeoAuth = {}): Promise<RunResult> {
  return runSkopeo(['inspect', '--tls-verify=false', `docker://${ref}`], auth);
}

// `skopeo copy SRC DEST` (transport-qualified, e.g. docker://host/repo:tag, oci:DIR:tag) with TLS checks off
// for docker:// ends.
export function skopeoCopy(source: string, destination: string, auth: SkopeoAuth = {}): Promise<RunResult> {
  const tls = [
    ...(source.startsWith('docker://') ? ['--src-tls-verify=false'] : []),
    ...(destination.startsWith('docker://') ? ['--dest-tls-verify=false'] : []),
  ];
  return runSkopeo(['copy', ...tls, source, destination], auth);
}
