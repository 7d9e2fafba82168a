// Shared by the federation tests: running the built CLI (optionally on a pseudo-terminal, answering its prompts),
// recording every child it spawns, and whether a real Chromium is here (under CI=true its absence is a failure).
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import process from 'node:process';
import { findChromium } from '../../src/core/saml/browser-capture.ts';
import { CLI_BIN, runBin, type BinResult } from '../safety/support/bins.ts';

export const RECORD_SPAWNS = resolve('test/safety/support/record-spawns.mjs');
const PTY_RUN = resolve('test/support/pty-run.py');

/** The system Chromium, or undefined; under CI=true a missing one throws (a missing real part fails, never skips). */
export function chromiumOrFail(): string | undefined {
  const found = findChromium(process.env);
  if (!found && process.env.CI === 'true') throw new Error('CI=true and no Chromium: run scripts/install-system-deps.sh (Debian package chromium)');
  return found;
}

/** `ecr-auth ...argv` with exactly `env`, every spawn recorded into `<dir>/spawns.jsonl`. */
export function cli(argv: readonly string[], env: Record<string, string>, cwd: string, dir: string): Promise<BinResult> {
  return runBin(CLI_BIN, argv, { env: { ...env, RECORD_SPAWNS_FILE: join(dir, 'spawns.jsonl') }, cwd, nodeArgs: ['--import', RECORD_SPAWNS] });
}

/** `ecr-auth ...argv` on a pseudo-terminal; `answers` are typed when their prompt appears. stdout = the transcript. */
export function cliOnTerminal(argv: readonly string[], env: Record<string, string>, cwd: string, answers: Array<[string, string]>): Promise<BinResult> {
  return new Promise((done, fail) => {
    const child = spawn('python3', [PTY_RUN, process.execPath, CLI_BIN, ...argv], { env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...env }, cwd });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += String(chunk)));
    child.stderr.on('data', (chunk) => (stderr += String(chunk)));
    child.on('error', fail);
    child.on('close', (code, signal) => done({ code, signal, stdout, stderr }));
    child.stdin.end(JSON.stringify(answers));
  });
}

/** The argv of every child recorded in `<dir>/spawns.jsonl`, joined per child. */
export async function spawnedArgv(dir: string): Promise<string[]> {
  const text = await readFile(join(dir, 'spawns.jsonl'), 'utf8').catch(() => '');
  return text.split('\n').filter(Boolean).map((line) => {
    const { file, args } = JSON.parse(line) as { file: string; args: string[] };
    return [file, ...args].join(' ');
  });
}

/** The password of a Docker `auths` entry. */
export async function dockerPassword(dockerConfigPath: string, host: string): Promise<string | undefined> {
  const config = JSON.parse(await readFile(dockerConfigPath, 'utf8')) as { auths?: Record<string, { auth?: string }> };
  const auth = config.auths?.[host]?.auth;
  return auth === undefined ? undefined : Buffer.from(auth, 'base64').toString('utf8').replace(/^AWS:/, '');
}
