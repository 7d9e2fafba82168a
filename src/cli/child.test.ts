// The one child runner, as `exec` (a command) and the Nx executors (a shell line) use it: the exit code of a child
// killed by a signal is 128 + that signal's number for every signal (SIGQUIT 131, SIGSEGV 139, SIGTERM 143), for a
// command and for a shell line alike; a command that cannot start is 127 or 126. Children run in a temporary
// folder, so a core dump (SIGQUIT, SIGSEGV) never lands in the repository.
import { mkdtemp, rm } from 'node:fs/promises';
import { constants, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runShell } from '../executors/lib/run-shell.ts';
import { ChildStartError, runChild, signalExitStatus } from './child.ts';

let dir: string;
const env = () => ({ PATH: process.env.PATH ?? '/usr/bin:/bin' });

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ecr-auth-child-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const SIGNALS = [
  ['SIGQUIT', 131],
  ['SIGSEGV', 139],
  ['SIGTERM', 143],
  ['SIGKILL', 137],
] as const;

describe('a child killed by a signal exits 128+n', () => {
  it.each(SIGNALS)('%s -> %i (numbers from the OS table)', (signal, code) => {
    expect(signalExitStatus(signal)).toBe(code);
    expect(code).toBe(128 + constants.signals[signal]);
  });

  it.each(SIGNALS)('exec of a command killed by %s exits %i', async (signal, code) => {
    expect(await runChild('sh', ['-c', `kill -${signal.slice(3)} $$`], { cwd: dir, env: env(), stdio: 'pipe' })).toBe(code);
  });

  it.each(SIGNALS)('an executor shell line killed by %s exits %i', async (signal, code) => {
    expect(await runShell(`kill -${signal.slice(3)} $$`, { cwd: dir, env: env(), stdio: 'pipe' })).toBe(code);
  });

  it('a Node.js child that kills itself with SIGTERM exits 143', async () => {
    expect(await runChild(process.execPath, ['-e', "process.kill(process.pid, 'SIGTERM')"], { cwd: dir, env: env(), stdio: 'pipe' })).toBe(143);
  });
});

describe('exit codes and output', () => {
  it('passes the exit code through and hands piped output over as it comes', async () => {
    const chunks: string[] = [];
    expect(await runShell('echo out; echo err >&2; exit 3', { cwd: dir, env: env(), stdio: 'pipe', onOutput: (c) => chunks.push(c) })).toBe(3);
    expect(chunks.join('')).toContain('out\n');
    expect(chunks.join('')).toContain('err\n');
    expect(await runChild('sh', ['-c', 'exit 0'], { cwd: dir, env: env(), stdio: 'pipe' })).toBe(0);
  });

  it('gives the child exactly the environment it is handed', async () => {
    const chunks: string[] = [];
    await runChild('sh', ['-c', 'echo "[$ONLY_THIS][$HOME]"'], { cwd: dir, env: { ...env(), ONLY_THIS: 'yes' }, stdio: 'pipe', onOutput: (c) => chunks.push(c) });
    expect(chunks.join('')).toBe('[yes][]\n');
  });

  it('a command that is not found is ChildStartError 127; a folder cannot be executed: 126', async () => {
    const missing = await runChild('ecr-auth-no-such-command-xyz', [], { cwd: dir, env: env(), stdio: 'pipe' }).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(ChildStartError);
    expect((missing as ChildStartError).exitStatus).toBe(127);
    expect((missing as ChildStartError).message).toBe('command not found: ecr-auth-no-such-command-xyz');
    const folder = await runChild(dir, [], { cwd: dir, env: env(), stdio: 'pipe' }).catch((e: unknown) => e);
    expect(folder).toBeInstanceOf(ChildStartError);
    expect((folder as ChildStartError).exitStatus).toBe(126);
  });

  it('leaves no signal listener behind', async () => {
    const before = process.listenerCount('SIGTERM') + process.listenerCount('SIGINT') + process.listenerCount('SIGHUP');
    await runShell('exit 0', { cwd: dir, env: env(), stdio: 'pipe' });
    await runChild('sh', ['-c', 'exit 0'], { cwd: dir, env: env(), stdio: 'pipe' });
    expect(process.listenerCount('SIGTERM') + process.listenerCount('SIGINT') + process.listenerCount('SIGHUP')).toBe(before);
  });
});
