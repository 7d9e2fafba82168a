// Runs a command the config names to print a secret (an MFA code from a password manager, a SAML assertion from an
// external SAML tool). Its stdout is the secret: captured, bounded, never logged. A string runs through the shell
// (`sh -c`, `cmd /c` on Windows); a list runs as argv without one. Its stdin and stderr stay the user's, so a
// password manager can ask for its own unlock.
import { Buffer } from 'node:buffer';
import { spawn } from 'node:child_process';
import process from 'node:process';
import type { Command } from '../config/model.ts';
import { EcrAuthError } from '../errors.ts';
import type { Env } from '../paths.ts';

/** Largest answer read from such a command (a SAML assertion with many roles stays far below). */
export const MAX_COMMAND_OUTPUT = 1024 * 1024;

export interface SecretCommandOptions {
  /** The config option that named the command, for messages: "mfa_command of identity \"admin\"". */
  what: string;
  env: Env;
  cwd: string;
  /** Give up after this long (default 2 min: a password manager may wait for its unlock). */
  timeoutMs?: number;
}

/** argv of a configured command. */
export function commandArgv(command: Command, platform: string = process.platform): string[] {
  if (Array.isArray(command)) return [...command];
  return platform === 'win32' ? ['cmd.exe', '/d', '/s', '/c', command] : ['/bin/sh', '-c', command];
}

/** Runs the command and returns its trimmed stdout; a failure names the option, never the output. */
export function runSecretCommand(command: Command, options: SecretCommandOptions): Promise<string> {
  const [file, ...args] = commandArgv(command);
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(options.env)) if (value !== undefined) env[key] = value;
  return new Promise((resolve, reject) => {
    const fail = (message: string, hint: string) => reject(new EcrAuthError('E_EXEC', `${options.what} ${message}`, { hint }));
    let child;
    try {
      child = spawn(file!, args, { cwd: options.cwd, env, stdio: ['inherit', 'pipe', 'inherit'], windowsHide: true });
    } catch (error) {
      fail(`could not be started: ${(error as Error).message}`, 'check the command in the config');
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let overflow = false;
    const timer = setTimeout(() => {
      child.kill('SIGTERM');
      fail(`did not finish within ${Math.round((options.timeoutMs ?? 120_000) / 1000)} s`, 'run the command by hand to see what it waits for');
    }, options.timeoutMs ?? 120_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_COMMAND_OUTPUT) {
        overflow = true;
        child.kill('SIGTERM');
      } else chunks.push(chunk);
    });
    child.on('error', (error: Error & { code?: string }) => {
      clearTimeout(timer);
      fail(error.code === 'ENOENT' ? `was not found (${file})` : `could not be started (${error.code ?? error.message})`, 'check the command in the config and PATH');
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (overflow) return fail(`printed more than ${MAX_COMMAND_OUTPUT} bytes`, 'it should print only the secret');
      if (code !== 0) return fail(`failed (${signal ? `signal ${signal}` : `exit code ${code}`})`, 'run the command by hand to see why; its error output is shown above');
      const text = Buffer.concat(chunks).toString('utf8').trim();
      if (!text) return fail('printed nothing', 'it should print the secret on stdout');
      resolve(text);
    });
  });
}
