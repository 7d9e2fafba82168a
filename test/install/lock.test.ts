// The committed lock installs with `npm ci` on every platform: no optional (per-platform) entry is missing, and it
// lists exactly what package.json asks for. Compared against what the packages themselves declare, not a count.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Lock, missingOptionalEntries, resolutionCandidates, rootDrift } from './lock-entries.ts';

const REPO = join(import.meta.dirname, '..', '..');
const lock = JSON.parse(readFileSync(join(REPO, 'package-lock.json'), 'utf8')) as Lock;
const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8'));

describe('package-lock.json', () => {
  it('holds an entry for every optional dependency every locked package declares (all platforms)', () => {
    expect(missingOptionalEntries(lock)).toEqual([]);
    // the packages whose native builds broke `npm ci` before, named so a regression reads plainly
    const platforms = (prefix: string) => Object.keys(lock.packages).filter((path) => path.startsWith(`node_modules/${prefix}`)).length;
    expect(platforms('@deno/')).toBe(Object.keys(lock.packages['node_modules/deno']?.optionalDependencies ?? {}).length);
    expect(platforms('@nx/nx-')).toBe(Object.keys(lock.packages['node_modules/nx']?.optionalDependencies ?? {}).length);
    expect(platforms('@deno/')).toBeGreaterThanOrEqual(6);
    expect(platforms('@nx/nx-')).toBeGreaterThanOrEqual(10);
  });

  it('repeats the dependency ranges of package.json and installs each of them, and is lockfileVersion 3', () => {
    expect(lock.lockfileVersion).toBe(3);
    expect(rootDrift(lock, pkg)).toEqual([]);
    for (const name of Object.keys({ ...pkg.dependencies, ...pkg.devDependencies })) expect(`node_modules/${name}` in lock.packages, name).toBe(true);
  });

  it('the check notices a lock that lost one platform entry', () => {
    const partial: Lock = structuredClone(lock);
    delete partial.packages['node_modules/@deno/darwin-arm64'];
    expect(missingOptionalEntries(partial)).toEqual([`node_modules/deno -> @deno/darwin-arm64@${lock.packages['node_modules/deno']!.optionalDependencies!['@deno/darwin-arm64']}`]);
  });

  it('resolves an optional dependency the way Node does: nearest node_modules first, then the parents', () => {
    expect(resolutionCandidates('node_modules/a/node_modules/b', 'c')).toEqual([
      'node_modules/a/node_modules/b/node_modules/c',
      'node_modules/a/node_modules/c',
      'node_modules/c',
    ]);
    const nested: Lock = { packages: { '': {}, 'node_modules/a': {}, 'node_modules/a/node_modules/b': { optionalDependencies: { c: '1' } }, 'node_modules/a/node_modules/c': {} } };
    expect(missingOptionalEntries(nested)).toEqual([]);
  });
});
