// What the numbers were measured on: cores, memory, load, runtimes, tools, date.
import { execFileSync } from 'node:child_process';
import { cpus, freemem, loadavg, totalmem } from 'node:os';
import { resolve } from 'node:path';

function version(argv: string[]): string {
  try {
    return execFileSync(argv[0]!, argv.slice(1), { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 }).trim().split('\n')[0]!;
  } catch {
    return 'not available';
  }
}

/** One line per fact, for the head of RESULTS.md. */
export function describeMachine(): string[] {
  const gib = (n: number) => `${(n / 2 ** 30).toFixed(1)} GiB`;
  return [
    `- date: ${new Date().toISOString()}`,
    `- cores (nproc): ${version(['nproc'])}; CPU: ${cpus()[0]?.model ?? 'unknown'}`,
    `- memory: ${gib(totalmem())} total, ${gib(freemem())} free at start`,
    `- load average at start (1/5/15 min): ${loadavg().map((l) => l.toFixed(2)).join(' / ')}`,
    `- node ${process.version}; deno: ${version([resolve('node_modules/.bin/deno'), '--version'])}`,
    `- aws: ${version(['aws', '--version'])}`,
    `- docker-credential-ecr-login: ${version(['docker-credential-ecr-login', 'version'])}`,
    `- docker: ${version(['docker', '--version'])}`,
  ];
}

/** The load average now, for the end of the report. */
export function loadNow(): string {
  return loadavg().map((l) => l.toFixed(2)).join(' / ');
}
