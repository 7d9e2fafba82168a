import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type ResolvedConfig } from './config/model.ts';
import { isCi } from './interaction.ts';
import { loadContext, makeContext } from './make-context.ts';

const TTY = { stdinIsTTY: true, stderrIsTTY: true, platform: 'linux' };
const CONFIG: ResolvedConfig = { providers: {}, identities: {}, integrations: {}, settings: { ...DEFAULT_SETTINGS, minValidityMs: 60_000 }, warnings: [] };
const base = { env: {}, cwd: '/ws', config: CONFIG };

describe('interaction', () => {
  it.each([
    ['a desktop terminal', { DISPLAY: ':0' }, TTY, { browser: true, human: true }],
    ['CI', { CI: 'true', DISPLAY: ':0' }, TTY, { browser: false, human: false }],
    ['CI=false is not CI', { CI: 'false', BROWSER: 'x' }, TTY, { browser: true, human: true }],
    ['no terminal (piped task output)', { DISPLAY: ':0' }, { ...TTY, stdinIsTTY: false }, { browser: true, human: false }],
    ['SSH without BROWSER', { SSH_CONNECTION: '1 2 3 4' }, { ...TTY, platform: 'darwin' }, { browser: false, human: true }],
    ['a headless Linux with BROWSER set', { BROWSER: '/bin/open-url' }, TTY, { browser: true, human: true }],
    ['a headless Linux', {}, TTY, { browser: false, human: true }],
    ['--no-browser', { DISPLAY: ':0' }, { ...TTY, noBrowser: true }, { browser: false, human: true }],
  ])('%s', (_, env, terminal, expected) => {
    expect(makeContext({ ...base, env, terminal }).interaction).toEqual(expected);
  });

  it('nobody answers without a terminal (the credential helper, child processes)', () => {
    expect(makeContext({ ...base, env: { DISPLAY: ':0' } }).interaction).toEqual({ browser: false, human: false });
  });

  it('isCi', () => {
    expect([isCi({}), isCi({ CI: '1' }), isCi({ CI: '0' }), isCi({ CI: '' })]).toEqual([false, true, false, false]);
  });
});

describe('makeContext', () => {
  it('takes the minimum validity from the option, else from the config', () => {
    expect(makeContext({ ...base, minValidity: { text: '1h', option: 'minValidity' } }).minValidityMs).toBe(3_600_000);
    expect(makeContext({ ...base, minValidity: { text: '', option: 'minValidity' } }).minValidityMs).toBe(60_000);
    expect(makeContext(base).minValidityMs).toBe(60_000);
  });

  it('rejects a malformed minimum validity with a usage error naming the option', () => {
    expect(() => makeContext({ ...base, minValidity: { text: 'soon', option: '--min-validity' } })).toThrow(
      expect.objectContaining({ code: 'E_USAGE', message: expect.stringContaining('--min-validity') }),
    );
  });

  it('opens the cache the environment points at', () => {
    expect(makeContext({ ...base, env: { ECR_AUTH_CACHE_DIR: '/tmp/somewhere' } }).store.dir).toBe('/tmp/somewhere');
  });
});

describe('loadContext', () => {
  it('rejects a bad minimum validity before reading any config', async () => {
    await expect(loadContext({ env: {}, cwd: '/nonexistent', minValidity: { text: 'soon', option: '--min-validity' } })).rejects.toMatchObject({ code: 'E_USAGE' });
  });

  it('an optional config found nowhere is empty; an explicit one must exist', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ea-ctx-'));
    try {
      const env = { HOME: dir };
      expect((await loadContext({ env, cwd: dir, configOptional: true })).config.integrations).toEqual({});
      await expect(loadContext({ env, cwd: dir })).rejects.toMatchObject({ code: 'E_CONFIG_NOT_FOUND' });
      await expect(loadContext({ env, cwd: dir, configPath: 'missing.yaml', configOptional: true })).rejects.toMatchObject({ code: 'E_CONFIG_NOT_FOUND' });
      await writeFile(join(dir, 'ecr-auth.config.json'), JSON.stringify({ auth: { settings: { min_validity: '20m' } } }));
      const lines: string[] = [];
      const ctx = await loadContext({ env, cwd: dir, log: { info() {}, warn() {}, verbose: (m) => lines.push(m) } });
      expect(ctx.minValidityMs).toBe(20 * 60_000);
      expect(lines).toContain(`config: ${join(dir, 'ecr-auth.config.json')}`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
