// Nothing lost when a process dies mid-write. A child rewrites the Docker config, a cache entry, an SSO token file,
// the user's .npmrc (CodeArtifact) or a kubeconfig (EKS)
// in a loop and is killed with SIGKILL after a seeded-random few milliseconds (the seed is printed; CRASH_SEED=N
// repeats the same kill points), many times over: after every kill the file
// parses and holds one of the two contents written (never a torn mix), temp files left by a kill never take the
// real file's place and are cleaned up once stale, and a lock held by a killed process is taken over.
import { lstat, mkdir, mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { randomInt } from 'node:crypto';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { isDeepStrictEqual } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCacheStore, parseEnvelope } from '../../src/core/cache/store.ts';
import { dockerConfigLockPath, dockerConfigPath, serializeDockerConfig, updateDockerConfig } from '../../src/core/docker/config-file.ts';
import { withLock } from '../../src/core/fs/lock.ts';
import { updateOwnedFile } from '../../src/core/fs/owned-file.ts';
import { updateKubeconfig } from '../../src/core/kube/kubeconfig-file.ts';
import { serializeSsoToken, writeSsoTokenFile } from '../../src/core/sso/token-file.ts';
import { startChild } from './support/children.ts';
import { CACHE_KEY, CACHE_NAMESPACE, crashEnv, crashValues, type CrashKind, ssoPath, TEXT_KINDS, textPath } from './support/crash-contents.ts';

const KILLS = 40;
/** Kills land uniformly within this many ms after the child starts writing (one write takes ~1-20 ms). */
const MAX_DELAY_MS: Record<CrashKind, number> = { docker: 100, cache: 60, sso: 60, npmrc: 80, kubeconfig: 80 };
/** The kinds whose writer takes a lock in our cache around the write. */
const LOCKED: ReadonlySet<CrashKind> = new Set(['docker', ...TEXT_KINDS]);

/** The kill points: CRASH_SEED, or a fresh seed that the run prints so a failure can be replayed. */
const SEED = process.env.CRASH_SEED ? Number(process.env.CRASH_SEED) : randomInt(2 ** 31);
console.info(`crash: seed ${SEED} (CRASH_SEED=${SEED} repeats these kill points)`);

/** mulberry32: a small seeded generator of floats in [0, 1). */
function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'ea-safety-crash-'));
});
afterAll(() => rm(root, { recursive: true, force: true }));

/** The file a writer of `kind` rewrites under dir. */
function targetOf(kind: CrashKind, dir: string): string {
  const env = crashEnv(dir);
  if (kind === 'docker') return dockerConfigPath(env);
  if (kind === 'cache') return openCacheStore(env.ECR_AUTH_CACHE_DIR).pathOf(CACHE_NAMESPACE, CACHE_KEY);
  if (kind === 'npmrc' || kind === 'kubeconfig') return textPath(kind, dir);
  return ssoPath(dir);
}

/** Writes one of the values (JSON text) the way the tool does, in this process. */
async function writeAsTool(kind: CrashKind, dir: string, value: string): Promise<void> {
  const env = crashEnv(dir);
  if (kind === 'docker') await updateDockerConfig(env, () => JSON.parse(value));
  else if (kind === 'cache') await openCacheStore(env.ECR_AUTH_CACHE_DIR).write(CACHE_NAMESPACE, CACHE_KEY, JSON.parse(value));
  else if (kind === 'npmrc' || kind === 'kubeconfig') {
    const ctx = { store: openCacheStore(env.ECR_AUTH_CACHE_DIR) } as Parameters<typeof updateOwnedFile>[0];
    const path = textPath(kind, dir);
    await mkdir(dirname(path), { recursive: true });
    await (kind === 'npmrc' ? updateOwnedFile : updateKubeconfig)(ctx, path, () => JSON.parse(value) as string);
  }
  else await writeSsoTokenFile(ssoPath(dir), JSON.parse(value));
}

/** Which of the two contents the file holds: 0 (A), 1 (B), or -1 for anything else (torn, empty, foreign). */
function whichContent(kind: CrashKind, text: string, values: [string, string]): number {
  return values.findIndex((value) => {
    const parsed = JSON.parse(value);
    if (kind === 'docker') return text === serializeDockerConfig(parsed);
    if (kind === 'sso') return text === serializeSsoToken(parsed);
    if (TEXT_KINDS.has(kind)) return text === parsed;
    const envelope = parseEnvelope(text);
    return envelope?.key === CACHE_KEY && text.endsWith('}\n') && isDeepStrictEqual(envelope.value, parsed);
  });
}

/** Temp files writeFileAtomic left beside `target` (named `.<name>.<hex>.tmp`). */
async function leftoverTemps(target: string): Promise<string[]> {
  const prefix = `.${basename(target)}.`;
  return (await readdir(dirname(target))).filter((name) => name.startsWith(prefix) && name.endsWith('.tmp'));
}

interface KillStats {
  kills: number;
  writes: number;
  killsMidWrite: number;
  tempsSeen: number;
  locksLeft: number;
  emptyLocks: number;
  states: number[];
  ms: number;
}

/** KILLS children, one after another (the next one loading while the current one runs), each killed at random. */
async function killLoop(kind: CrashKind, random: () => number): Promise<KillStats> {
  const dir = join(root, kind);
  const values = crashValues(kind);
  await writeAsTool(kind, dir, values[0]);
  const contents = { env: crashEnv(dir), ssoPath: ssoPath(dir), textPath: TEXT_KINDS.has(kind) ? targetOf(kind, dir) : undefined, cacheNamespace: CACHE_NAMESPACE, cacheKey: CACHE_KEY, values };
  await writeFile(join(dir, 'contents.json'), JSON.stringify(contents));
  const target = targetOf(kind, dir);
  const stats: KillStats = { kills: 0, writes: 0, killsMidWrite: 0, tempsSeen: 0, locksLeft: 0, emptyLocks: 0, states: [], ms: 0 };
  const started = Date.now();
  const spawnOne = () => startChild('test/safety/fixtures/crash-writer.mjs', [kind, dir]);
  let next = spawnOne();
  for (let k = 0; k < KILLS; k++) {
    const child = next;
    await child.ready;
    if (k + 1 < KILLS) next = spawnOne();
    child.go();
    await sleep(random() * MAX_DELAY_MS[kind]);
    child.process.kill('SIGKILL');
    const result = await child.done;
    expect(result.signal, result.stderr).toBe('SIGKILL');
    stats.kills++;
    stats.writes += result.stdout.split('\n').filter((l) => l === 'w').length;

    const state = whichContent(kind, await readFile(target, 'utf8'), values);
    stats.states.push(state);
    expect(state, `after kill ${k + 1} the ${kind} file is neither content A nor content B`).toBeGreaterThanOrEqual(0);
    expect((await lstat(target)).isFile()).toBe(true);
    const temps = await leftoverTemps(target);
    if (temps.length > stats.tempsSeen) stats.killsMidWrite += temps.length - stats.tempsSeen;
    stats.tempsSeen = Math.max(stats.tempsSeen, temps.length);
    if (LOCKED.has(kind)) {
      const locks = (await readdir(join(dir, 'cache', 'locks')).catch(() => [] as string[])).filter((n) => n.endsWith('.lock'));
      if (locks.length > 0) stats.locksLeft++;
      for (const name of locks) if ((await readFile(join(dir, 'cache', 'locks', name), 'utf8').catch(() => 'gone')) === '') stats.emptyLocks++;
    }
  }
  stats.ms = Date.now() - started;
  return stats;
}

const KINDS: CrashKind[] = ['docker', 'cache', 'sso', 'npmrc', 'kubeconfig'];
let loops: Map<CrashKind, Promise<KillStats>> | undefined;
/** The kill loops (one per kind), started by the first test that needs one; they run side by side (each keeps one child
 * writing and the next one loading), each with its own generator from SEED. */
function loopOf(kind: CrashKind): Promise<KillStats> {
  loops ??= new Map(
    KINDS.map((k, i) => [
      k,
      killLoop(k, seededRandom(SEED + i)).then((s) => {
        console.info(
          `crash: ${k}: ${s.kills} kills in ${s.ms} ms, ${s.writes} completed writes, ${s.killsMidWrite} temp files left by kills mid-write, a lock held at ${s.locksLeft} kills (empty at ${s.emptyLocks}), states A/B ${s.states.filter((x) => x === 0).length}/${s.states.filter((x) => x === 1).length}`,
        );
        return s;
      }),
    ]),
  );
  return loops.get(kind)!;
}

describe('SIGKILL at seeded-random moments', () => {
  it.each(KINDS)('%s: after every kill the file is whole, old or new content', async (kind) => {
    const s = await loopOf(kind);
    expect(s.kills).toBe(KILLS);
    expect(s.states.every((x) => x === 0 || x === 1)).toBe(true);
  }, 180_000);

  it('the kills did land around writes: children completed writes, and some kills left a temp file behind', async () => {
    const results = new Map(await Promise.all(KINDS.map(async (k) => [k, await loopOf(k)] as const)));
    const total = (field: 'writes' | 'killsMidWrite') => [...results.values()].reduce((sum, s) => sum + s[field], 0);
    expect(total('writes')).toBeGreaterThan(0);
    expect(total('killsMidWrite')).toBeGreaterThan(0);
  });

  it.each(['docker', ...TEXT_KINDS])('%s: a writer killed while taking the file lock never leaves an empty lock (which would cost every waiter staleMs)', async (kind) => {
    const s = await loopOf(kind as CrashKind);
    expect(s.locksLeft).toBeGreaterThan(0); // many kills did land while the lock was held
    expect(s.emptyLocks).toBe(0);
  });

  it('docker: the config lock a killed writer held is taken over at once (dead pid on this host), and no lock is left', async () => {
    await loopOf('docker');
    const dir = join(root, 'docker');
    const env = crashEnv(dir);
    const started = Date.now();
    await updateDockerConfig(env, (c) => ({ ...c, currentContext: 'after-crashes' }));
    console.info(`crash: docker: first write after the kills took ${Date.now() - started} ms`);
    const lock = dockerConfigLockPath(env, dockerConfigPath(env));
    await expect(lstat(lock)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it.each(KINDS)('%s: temp files left by kills never shadow the file and are removed once stale', async (kind) => {
    await loopOf(kind);
    const dir = join(root, kind);
    const target = targetOf(kind, dir);
    // make sure there is at least one leftover, as a kill between creating and renaming the temp file leaves it
    const planted = join(dirname(target), `.${basename(target)}.0123456789ab.tmp`);
    await writeFile(planted, '{"torn":', { mode: 0o600 });
    const temps = await leftoverTemps(target);
    expect(temps.length).toBeGreaterThan(0);
    for (const name of temps) expect(name).toMatch(/^\..+\.[0-9a-f]{12}\.tmp$/); // never `*.json`: no reader picks it up
    // a fresh temp may belong to a writer still running: it is kept; an hour-old one is garbage and is removed
    const old = new Date(Date.now() - 3_600_000);
    for (const name of temps) await utimes(join(dirname(target), name), old, old);
    const fresh = join(dirname(target), `.${basename(target)}.ba9876543210.tmp`);
    await writeFile(fresh, '{"in progress":', { mode: 0o600 });
    // the next real write (B then A: at least one of them changes the file) sweeps them
    for (const value of crashValues(kind).reverse()) await writeAsTool(kind, dir, value);
    expect(await leftoverTemps(target)).toEqual([basename(fresh)]);
    await rm(fresh);
  });
});

describe('a lock whose holder died', () => {
  it('a lock file without a record (another writer, or a file system without hard links) is taken over after staleMs', async () => {
    const lock = join(root, 'locks', 'empty.lock');
    await mkdir(dirname(lock), { recursive: true });
    await writeFile(lock, '');
    const started = Date.now();
    expect(await withLock(lock, async () => 'ran', { staleMs: 300, timeoutMs: 10_000 })).toBe('ran');
    console.info(`crash: empty lock file recovered after ${Date.now() - started} ms with staleMs 300`);
  });
});
