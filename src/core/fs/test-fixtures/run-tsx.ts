// Test helper: runs a TypeScript script in a fresh Node process (through tsx), as a separate OS process.
import { type ChildProcess, spawn } from 'node:child_process';
import process from 'node:process';

/** Starts `node --import tsx script ...args`; the caller decides how to wait for it. */
export function spawnTsx(script: string, args: string[], env: Record<string, string | undefined> = process.env): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', script, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Runs a script to completion; rejects with its stderr when it exits non-zero. */
export function runTsx(script: string, args: string[], env?: Record<string, string | undefined>): Promise<string> {
  const child = spawnTsx(script, args, env);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk) => (stdout += String(chunk)));
  child.stderr?.on('data', (chunk) => (stderr += String(chunk)));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(stdout) : reject(new Error(`${script} exited ${code}: ${stderr}`))));
  });
}
