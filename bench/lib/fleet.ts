// Starting many processes at once and timing the lot: wall time from the first spawn to the last exit.
import { spawn } from 'node:child_process';

export interface FleetMember {
  argv: readonly string[];
  env: Record<string, string>;
  cwd?: string;
}

export interface FleetResult {
  wallMs: number;
  failures: string[];
}

/** Starts every member together; resolves when all have exited (members still running after `timeoutMs` are killed). */
export async function runFleet(members: readonly FleetMember[], timeoutMs = 300_000): Promise<FleetResult> {
  const started = process.hrtime.bigint();
  const failures: string[] = [];
  await Promise.all(
    members.map(
      (member, i) =>
        new Promise<void>((done) => {
          const child = spawn(member.argv[0]!, member.argv.slice(1), { env: member.env, cwd: member.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
          let output = '';
          child.stdout.on('data', (d) => (output += d));
          child.stderr.on('data', (d) => (output += d));
          const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
          child.on('error', (error) => failures.push(`#${i}: ${error.message}`));
          child.on('close', (code) => {
            clearTimeout(timer);
            if (code !== 0) failures.push(`#${i} exited ${code}: ${output.trim().split('\n').slice(-3).join(' | ')}`);
            done();
          });
        }),
    ),
  );
  return { wallMs: Number(process.hrtime.bigint() - started) / 1e6, failures };
}
