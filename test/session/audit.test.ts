// The audit trail of a full run through the real CLI (in-process) against the emulator: a person's PKCE sign-in,
// role credentials, registry tokens, Docker writes, an SSO refresh, exec, logout; then `ecr-auth audit` filters it.
// Every event is there, with who/where/outcome and the CI run id, and no secret the emulator issued is in the file.
import { chmod, mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ciRun, type AuditEvent } from '../../src/core/audit/event.ts';
import { filterAuditEvents, readAuditEvents } from '../../src/core/audit/log-file.ts';
import { auditLogPath, fileAuditSink } from '../../src/core/audit/sink.ts';
import { DEFAULT_START_URL, startEmulator, type Emulator } from '../emulator/index.ts';
import { findLeaks, secretNeedles } from '../safety/support/leaks.ts';
import { fakeBrowser } from '../sso/fixture.ts';
import { ssoConfig } from '../support/core-context.ts';
import { runCliCaptured } from '../support/run-cli.ts';

const PRIMARY = '123456789012.dkr.ecr.us-east-2.amazonaws.com';

let emulator: Emulator;
let home: string;
let env: Record<string, string>;

function cli(argv: string[], extra: Record<string, string> = {}, tty = false) {
  return runCliCaptured(argv, { env: { ...env, ...extra }, cwd: home, tty });
}

beforeAll(async () => {
  // tokens shorter than the 12h ECR default, so a minimum validity of 4h (under the 12h limit) renews everything
  emulator = await startEmulator({ ssoAccessTokenTtlSeconds: 3600, ecrTokenTtlSeconds: 3 * 3600 });
  home = await mkdtemp(join(tmpdir(), 'ea-audit-'));
  const browser = await fakeBrowser(home);
  env = { HOME: home, PATH: process.env.PATH ?? '/usr/bin:/bin', DOCKER_CONFIG: join(home, '.docker'), ...emulator.env, ...(browser.env as Record<string, string>) };
  const config = ssoConfig(DEFAULT_START_URL, {
    integrations: { public: { kind: 'aws/ecr-public', via: { identity: 'dev-admin' } } },
    settings: { audit_log: 'logs/audit.jsonl' },
  });
  await writeFile(join(home, 'ecr-auth.config.yaml'), JSON.stringify(config));
});
afterAll(async () => {
  await emulator?.stop();
  await rm(home, { recursive: true, force: true });
});

describe('the audit trail of a full run', () => {
  let events: AuditEvent[] = [];
  let file = '';

  beforeAll(async () => {
    // a person signs in (PKCE through the scripted browser): sign-in, credentials, two tokens, two Docker writes
    const login = await cli(['login'], {}, true);
    expect(login.code, login.stderr).toBe(0);
    // in a CI job: a refresh of the SSO token and everything below it (a minimum validity longer than they last)
    const again = await cli(['ecr-login', '--min-validity', '4h'], { CI_PIPELINE_ID: '777', CI_JOB_ID: '9' });
    expect(again.code, again.stderr).toBe(0);
    const exec = await cli(['exec', '--', process.execPath, '-e', 'process.exit(process.env.AWS_ACCESS_KEY_ID ? 0 : 3)'], { GITHUB_RUN_ID: '4242' });
    expect(exec.code, exec.stderr).toBe(0);
    const logout = await cli(['logout', '--all']);
    expect(logout.code, logout.stderr).toBe(0);
    file = join(home, 'logs', 'audit.jsonl');
    events = await readAuditEvents(file);
  });

  it('holds every event: sign-in, credentials, token fetches, Docker writes, refresh, logout, in order', () => {
    const kinds = events.map((e) => `${e.event}${e.outcome === 'success' ? '' : ':failed'}`);
    // login: the sign-in, the identity's credentials, then per registry its token and its Docker entry (the two
    // registries log in concurrently, so their events interleave; each token comes before its own write)
    expect(kinds.slice(0, 2)).toEqual(['sign-in', 'credentials']);
    expect([...kinds.slice(2, 6)].sort()).toEqual(['registry-token', 'registry-token', 'write', 'write']);
    for (const registry of [PRIMARY, 'public.ecr.aws']) {
      const of = events.slice(2, 6).filter((e) => e.registry === registry).map((e) => e.event);
      expect(of).toEqual(['registry-token', 'write']);
    }
    // ecr-login with a minimum validity beyond every lifetime: refreshes (once per chain walk), fetches, writes again
    const middle = kinds.slice(6, -1);
    expect(new Set(middle)).toEqual(new Set(['refresh', 'credentials', 'registry-token', 'write']));
    expect(middle.filter((k) => k === 'registry-token')).toHaveLength(2);
    expect(middle.filter((k) => k === 'write')).toHaveLength(2);
    expect(middle.filter((k) => k === 'refresh').length).toBe(middle.filter((k) => k === 'credentials').length);
    // exec found everything cached (no event); logout --all
    expect(kinds.at(-1)).toBe('logout');
  });

  it('each event says who, which account and region, which registry, where, and the CI run', () => {
    const [signIn, credentials] = events;
    const token = events.find((e) => e.event === 'registry-token' && e.registry === PRIMARY);
    const write = events.find((e) => e.event === 'write' && e.registry === PRIMARY);
    expect(signIn).toMatchObject({ provider: 'company-sso', region: 'us-east-1', outcome: 'success', host: hostname() });
    expect(credentials).toMatchObject({ identity: 'dev-admin', account: 'dev', detail: 'aws/permission-set' });
    expect(token).toMatchObject({ identity: 'dev-admin', account: '123456789012', region: 'us-east-2', registry: PRIMARY, integration: 'dev/ecr/primary' });
    expect(write).toMatchObject({ target: 'docker', registry: PRIMARY, path: join(home, '.docker', 'config.json'), detail: 'auths' });
    expect(events.find((e) => e.registry === 'public.ecr.aws')).toMatchObject({ event: 'registry-token', region: 'us-east-1' });
    expect(events.find((e) => e.event === 'refresh')).toMatchObject({ provider: 'company-sso', ci: { system: 'gitlab', runId: '777/9' } });
    expect(events.at(-1)).toMatchObject({ event: 'logout', detail: expect.stringMatching(/^all; .*docker auths: 123456789012/) });
    for (const e of events) expect(Date.parse(e.time)).toBeGreaterThan(0);
  });

  it('holds no secret the emulator issued, in any form, and is owner-only', async () => {
    const text = await readFile(file, 'utf8');
    expect(findLeaks(text, secretNeedles([emulator]))).toEqual([]);
    expect(emulator.secrets().length).toBeGreaterThan(5);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  it('`ecr-auth audit` prints it, filtered by identity and since; --json gives the events', async () => {
    const all = JSON.parse((await cli(['audit', '--json'])).stdout) as { path: string; events: AuditEvent[] };
    expect(all.path).toBe(file);
    expect(all.events).toHaveLength(events.length);
    const mine = JSON.parse((await cli(['audit', '--json', '--identity', 'company-sso'])).stdout) as { events: AuditEvent[] };
    expect(mine.events.map((e) => e.event)).toEqual(['sign-in', ...events.filter((e) => e.event === 'refresh').map(() => 'refresh')]);
    expect(JSON.parse((await cli(['audit', '--json', '--since', '1h'])).stdout).events).toHaveLength(events.length);
    const human = await cli(['audit', '--identity', 'dev-admin']);
    expect(human.code).toBe(0);
    expect(human.stdout.split('\n')[0]).toMatch(/^TIME +EVENT +OK +IDENTITY +ACCOUNT +REGION +WHERE +CI RUN +WHAT$/);
    expect(human.stdout).toContain(`registry-token  ✓   dev-admin`);
    expect(human.stdout).toContain('gitlab 777/9');
    expect((await cli(['audit', '--since', 'soon'])).code).toBe(2);
  });
});

describe('audit log file', () => {
  it('rotates by size: the full file becomes .1, reading returns both, oldest first', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ea-audit-rot-'));
    const path = join(dir, 'audit.jsonl');
    const sink = fileAuditSink({ env: { HOME: dir, ECR_AUTH_CACHE_DIR: join(dir, 'cache') }, now: Date.now }, path, 600);
    for (let i = 0; i < 6; i++) await sink.record({ event: 'credentials', outcome: 'success', identity: `id-${i}` });
    const rotated = (await readFile(`${path}.1`, 'utf8')).trim().split('\n');
    expect(rotated.length).toBeGreaterThan(0);
    expect((await stat(path)).size).toBeLessThanOrEqual(600);
    const all = await readAuditEvents(path);
    // at most one generation is kept: the newest events, in order
    expect(all.map((e) => e.identity)).toEqual([...all.map((e) => e.identity)].sort());
    expect(all.at(-1)!.identity).toBe('id-5');
    await rm(dir, { recursive: true, force: true });
  });

  it('a log that cannot be written is a warning; the login still works', async () => {
    const blocked = join(home, 'blocked');
    await mkdir(blocked);
    await writeFile(join(blocked, 'file'), '');
    const config = ssoConfig(DEFAULT_START_URL, { settings: { audit_log: join(blocked, 'file', 'audit.jsonl') } });
    const dir = join(home, 'blocked-config');
    await mkdir(dir);
    await writeFile(join(dir, 'ecr-auth.config.yaml'), JSON.stringify(config));
    await chmod(blocked, 0o755);
    // an SSO session as `aws sso login` leaves it: no browser needed
    const { ssoTokenPath } = await import('../../src/core/sso/token-file.ts');
    await writeFile(ssoTokenPath(env, { startUrl: DEFAULT_START_URL }), JSON.stringify(emulator.mintSsoSession({ startUrl: DEFAULT_START_URL, region: 'us-east-1' })));
    const run = await cli(['ecr-login', '--config', join(dir, 'ecr-auth.config.yaml')]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/warning: could not append to the audit log .*audit\.jsonl \((ENOTDIR|EEXIST)\)/);
    expect(run.stderr.match(/could not append/g)).toHaveLength(1);
  });

  it('paths: ~ is HOME, relative is next to the config file; filters are pure', () => {
    expect(auditLogPath('~/a.jsonl', '/etc/x/ecr-auth.yaml', { HOME: '/h' }, '/cwd')).toBe('/h/a.jsonl');
    expect(auditLogPath('logs/a.jsonl', '/etc/x/ecr-auth.yaml', {}, '/cwd')).toBe('/etc/x/logs/a.jsonl');
    expect(auditLogPath('a.jsonl', undefined, {}, '/cwd')).toBe('/cwd/a.jsonl');
    const e = (identity: string, time: string) => ({ event: 'credentials' as const, outcome: 'success' as const, identity, time, host: 'h', pid: 1 });
    expect(filterAuditEvents([e('a', '2026-01-01T00:00:00Z'), e('b', '2026-01-02T00:00:00Z')], { sinceMs: Date.parse('2026-01-01T12:00:00Z') }).map((x) => x.identity)).toEqual(['b']);
  });

  it('the CI run id of each system, and none outside CI', () => {
    expect(ciRun({ GITHUB_RUN_ID: '1', GITHUB_RUN_ATTEMPT: '2' })).toEqual({ system: 'github-actions', runId: '1/2' });
    expect(ciRun({ BUILDKITE_BUILD_ID: 'b-1' })).toEqual({ system: 'buildkite', runId: 'b-1' });
    expect(ciRun({ CI_PIPELINE_ID: '5' })).toEqual({ system: 'gitlab', runId: '5' });
    expect(ciRun({ BUILD_NUMBER: '5' })).toBeUndefined();
    expect(ciRun({})).toBeUndefined();
  });
});
