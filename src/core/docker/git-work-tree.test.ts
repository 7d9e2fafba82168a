import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Logger } from '../context.ts';
import { gitWorkTreeOf, warnIfDockerConfigInGitWorkTree } from './git-work-tree.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ecr-auth-gitwt-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const recorder = () => {
  const warnings: string[] = [];
  const log: Logger = { info() {}, verbose() {}, warn: (m) => void warnings.push(m) };
  return { log, warnings };
};

describe('gitWorkTreeOf', () => {
  it('is the nearest directory holding .git (a directory, or a file as in worktrees and submodules)', async () => {
    await mkdir(join(dir, 'repo', '.git'), { recursive: true });
    await mkdir(join(dir, 'repo', 'a', 'b'), { recursive: true });
    expect(await gitWorkTreeOf(join(dir, 'repo', 'a', 'b'))).toBe(join(dir, 'repo'));
    expect(await gitWorkTreeOf(join(dir, 'repo'))).toBe(join(dir, 'repo'));
    await mkdir(join(dir, 'worktree', 'src'), { recursive: true });
    await writeFile(join(dir, 'worktree', '.git'), 'gitdir: ../repo/.git/worktrees/w\n');
    expect(await gitWorkTreeOf(join(dir, 'worktree', 'src'))).toBe(join(dir, 'worktree'));
  });

  it('is undefined outside any work tree (a missing directory is fine)', async () => {
    expect(await gitWorkTreeOf(dir)).toBeUndefined();
    expect(await gitWorkTreeOf(join(dir, 'not', 'there'))).toBeUndefined();
  });
});

describe('warnIfDockerConfigInGitWorkTree', () => {
  it('warns once per config path, naming the file, the work tree and what to do', async () => {
    await mkdir(join(dir, 'repo', '.git'), { recursive: true });
    const { log, warnings } = recorder();
    const path = join(dir, 'repo', '.docker', 'config.json');
    await warnIfDockerConfigInGitWorkTree(path, log);
    await warnIfDockerConfigInGitWorkTree(path, log);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(path);
    expect(warnings[0]).toContain(`git work tree ${join(dir, 'repo')}`);
    expect(warnings[0]).toMatch(/git-ignored|DOCKER_CONFIG/);
  });

  it('says nothing outside a work tree', async () => {
    const { log, warnings } = recorder();
    await warnIfDockerConfigInGitWorkTree(join(dir, 'docker', 'config.json'), log);
    expect(warnings).toEqual([]);
  });
});
