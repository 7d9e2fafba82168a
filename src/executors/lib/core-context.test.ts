import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type ResolvedConfig } from '../../core/config/model.ts';
import { isCi } from '../../core/interaction.ts';
import { coreContext, interactionFor, taskLogger } from './core-context.ts';

const TTY = { stdinIsTty: true, stderrIsTty: true, platform: 'linux' };
const CONFIG: ResolvedConfig = { providers: {}, identities: {}, integrations: {}, settings: { ...DEFAULT_SETTINGS, minValidityMs: 60_000 }, warnings: [] };

describe('interactionFor', () => {
  it.each([
    ['a desktop terminal', { DISPLAY: ':0' }, TTY, { browser: true, human: true }],
    ['CI', { CI: 'true', DISPLAY: ':0' }, TTY, { browser: false, human: false }],
    ['CI=false is not CI', { CI: 'false', BROWSER: 'x' }, TTY, { browser: true, human: true }],
    ['no terminal (piped task output)', { DISPLAY: ':0' }, { ...TTY, stdinIsTty: false }, { browser: true, human: false }],
    ['SSH without BROWSER', { SSH_CONNECTION: '1 2 3 4' }, { ...TTY, platform: 'darwin' }, { browser: false, human: true }],
    ['a headless Linux with BROWSER set', { BROWSER: '/bin/open-url' }, TTY, { browser: true, human: true }],
    ['a headless Linux', {}, TTY, { browser: false, human: true }],
  ])('%s', (_, env, terminal, expected) => {
    expect(interactionFor(env, terminal)).toEqual(expected);
  });

  it('isCi', () => {
    expect([isCi({}), isCi({ CI: '1' }), isCi({ CI: '0' }), isCi({ CI: '' })]).toEqual([false, true, false, false]);
  });
});

describe('coreContext', () => {
  const base = { env: {}, cwd: '/ws', config: CONFIG, terminal: TTY, log: taskLogger(() => {}, false) };

  it('takes minValidity from the option, else from the config', () => {
    expect(coreContext({ ...base, minValidity: '1h' }).minValidityMs).toBe(3_600_000);
    expect(coreContext(base).minValidityMs).toBe(60_000);
  });

  it('rejects a malformed minValidity with a usage error', () => {
    expect(() => coreContext({ ...base, minValidity: 'soon' })).toThrow(expect.objectContaining({ code: 'E_USAGE' }));
  });

  it('writes verbose lines only when verbose', () => {
    const lines: string[] = [];
    taskLogger((l) => lines.push(l), false).verbose('hidden');
    taskLogger((l) => lines.push(l), true).verbose('shown');
    taskLogger((l) => lines.push(l), false).warn('careful');
    expect(lines).toEqual(['shown', '⚠ careful']);
  });
});
