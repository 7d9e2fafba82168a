import { describe, expect, it } from 'vitest';
import { detectInteraction } from './interaction.ts';

const tty = { stdinIsTTY: true, stderrIsTTY: true, noBrowser: false };

describe('detectInteraction', () => {
  it.each([
    ['a Linux desktop', { env: { DISPLAY: ':0' }, platform: 'linux' as const }, { human: true, browser: true }],
    ['Wayland', { env: { WAYLAND_DISPLAY: 'wayland-0' }, platform: 'linux' as const }, { human: true, browser: true }],
    ['a headless Linux box', { env: {}, platform: 'linux' as const }, { human: true, browser: false }],
    ['macOS', { env: {}, platform: 'darwin' as const }, { human: true, browser: true }],
    ['Windows', { env: {}, platform: 'win32' as const }, { human: true, browser: true }],
    ['macOS over SSH', { env: { SSH_CONNECTION: '1 2 3 4' }, platform: 'darwin' as const }, { human: true, browser: false }],
    ['SSH with X forwarding', { env: { SSH_CONNECTION: '1 2 3 4', DISPLAY: 'localhost:10' }, platform: 'linux' as const }, { human: true, browser: true }],
    ['BROWSER set over SSH', { env: { SSH_TTY: '/dev/pts/1', BROWSER: 'open-url' }, platform: 'linux' as const }, { human: true, browser: true }],
    ['--no-browser beats BROWSER', { env: { BROWSER: 'x' }, platform: 'darwin' as const, noBrowser: true }, { human: true, browser: false }],
    ['CI=true: nobody answers and no browser is waited for', { env: { CI: 'true', DISPLAY: ':0' }, platform: 'linux' as const }, { human: false, browser: false }],
    ['CI=false', { env: { CI: 'false' }, platform: 'darwin' as const }, { human: true, browser: true }],
    ['stdin not a terminal', { env: {}, platform: 'darwin' as const, stdinIsTTY: false }, { human: false, browser: true }],
    ['stderr not a terminal', { env: {}, platform: 'darwin' as const, stderrIsTTY: false }, { human: false, browser: true }],
  ])('%s', (_name, facts, expected) => expect(detectInteraction({ ...tty, ...facts })).toEqual(expected));
});
