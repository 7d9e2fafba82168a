// Talking to another Docker credential helper (`docker-credential-<name>`: desktop, osxkeychain, pass, wincred...)
// exactly as Docker does: the action as the only argument, the payload on stdin, the answer on stdout.
import { spawn } from 'node:child_process';
import { access, constants, stat } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import process from 'node:process';
import { EcrAuthError } from '../errors.ts';
import type { Env } from '../paths.ts';
import {
  formatCredential,
  type HelperAction,
  type HelperCredential,
  isCredentialsNotFound,
  parseGetAnswer,
} from './helper-protocol.ts';

export interface CredsStoreOptions {
  /** Give up on a helper that does not answer (it may be waiting on a keychain prompt); default 60 s. */
  timeoutMs?: number;
}

/** Stores a credential through docker-credential-<name>, as `docker login` does when credsStore is set. */
export async function storeCredential(name: string, credential: HelperCredential, env: Env, options: CredsStoreOptions = {}): Promise<void> {
  const result = await runHelper(name, 'store', formatCredential(credential), env, options);
  if (result.code !== 0) throw helperFailed(name, 'store', result.code, undefined);
}

/** The credential the helper holds for serverURL, or undefined when it has none. */
export async function getCredential(name: string, serverURL: string, env: Env, options: CredsStoreOptions = {}): Promise<HelperCredential | undefined> {
  const result = await runHelper(name, 'get', serverURL, env, options);
  if (result.code !== 0) {
    if (isCredentialsNotFound(result.stdout)) return undefined;
    throw helperFailed(name, 'get', result.code, result.stdout);
  }
  const credential = parseGetAnswer(result.stdout);
  if (!credential) throw helperFailed(name, 'get', 0, undefined, 'answered with something that is not a credential');
  return credential;
}

/** Erases the helper's credential for serverURL; not having one is fine. */
export async function eraseCredential(name: string, serverURL: string, env: Env, options: CredsStoreOptions = {}): Promise<void> {
  const result = await runHelper(name, 'erase', serverURL, env, options);
  if (result.code !== 0 && !isCredentialsNotFound(result.stdout)) throw helperFailed(name, 'erase', result.code, result.stdout);
}

/** The helper's {serverURL: username} list. */
export async function listCredentials(name: string, env: Env, options: CredsStoreOptions = {}): Promise<Record<string, string>> {
  const result = await runHelper(name, 'list', '', env, options);
  if (result.code !== 0) throw helperFailed(name, 'list', result.code, result.stdout);
  try {
    return JSON.parse(result.stdout) as Record<string, string>;
  } catch {
    throw helperFailed(name, 'list', 0, undefined, 'answered with something that is not JSON');
  }
}

/** The absolute path of docker-credential-<name> on the PATH of `env`, or undefined. */
export async function findHelperBinary(name: string, env: Env): Promise<string | undefined> {
  const windows = process.platform === 'win32';
  const exts = windows ? (env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';').filter(Boolean) : [''];
  for (const dir of (env.PATH ?? env.Path ?? '').split(delimiter).filter(Boolean)) {
    for (const ext of exts) {
      const candidate = join(dir, `docker-credential-${name}${ext}`);
      const isFile = await stat(candidate).then((s) => s.isFile(), () => false);
      if (isFile && (windows || (await access(candidate, constants.X_OK).then(() => true, () => false)))) return candidate;
    }
  }
  return undefined;
}

async function runHelper(name: string, action: HelperAction, input: string, env: Env, options: CredsStoreOptions): Promise<{ code: number; stdout: string }> {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(name)) {
    throw new EcrAuthError('E_DOCKER_HELPER', `"${name}" is not a valid credential helper name`, {
      hint: 'Fix credsStore / credHelpers in the Docker config: the name is the part after docker-credential-.',
    });
  }
  const binary = await findHelperBinary(name, env);
  if (!binary) {
    throw new EcrAuthError('E_DOCKER_HELPER', `credsStore is set to ${name} but docker-credential-${name} is not on PATH`, {
      hint: `Install docker-credential-${name}, or set settings.docker.mode (helper, or auths after removing credsStore from the Docker config).`,
    });
  }
  const childEnv = Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined));
  return new Promise((resolve, reject) => {
    const child = spawn(binary, [action], { env: childEnv, stdio: ['pipe', 'pipe', 'ignore'], windowsHide: true });
    let stdout = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new EcrAuthError('E_DOCKER_HELPER', `docker-credential-${name} ${action} did not answer within ${Math.round((options.timeoutMs ?? 60_000) / 1000)}s`, {
        hint: 'It may be waiting for a keychain prompt or a GPG passphrase: unlock the store and try again.',
      }));
    }, options.timeoutMs ?? 60_000);
    child.stdout?.on('data', (chunk) => {
      if (stdout.length < 1_000_000) stdout += String(chunk);
    });
    child.stdin?.on('error', () => {}); // a helper that exits without reading stdin: its exit code says what happened
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(new EcrAuthError('E_DOCKER_HELPER', `cannot run docker-credential-${name} (${(error as { code?: string }).code ?? error.message})`, {
        hint: `Check that ${binary} is an executable file.`,
      }));
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? 1, stdout });
    });
    child.stdin?.end(input);
  });
}

/** A helper failure; `output` is quoted (first line) only for actions whose output cannot hold our secret. */
function helperFailed(name: string, action: HelperAction, code: number, output: string | undefined, what?: string): EcrAuthError {
  const said = output?.trim().split('\n', 1)[0]?.slice(0, 200);
  return new EcrAuthError('E_DOCKER_HELPER', `docker-credential-${name} ${action} ${what ?? `failed (exit ${code})`}${said ? `: ${said}` : ''}`, {
    hint: `Check the credential store (docker-credential-${name}); to bypass it for ECR hosts, set settings.docker.mode: helper.`,
  });
}
