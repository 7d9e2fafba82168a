import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['test/deno/**', 'node_modules/**', 'dist/**'],
    // A time-out only catches a hang: speed goals live in bench/. Real-part tests (Docker, Turborepo, Nx workspaces)
    // spawn dozens of processes and on a loaded 2-core machine took over a minute; three leave room for that.
    testTimeout: 180_000,
    hookTimeout: 300_000,
    pool: 'forks',
    globalSetup: ['test/support/global-setup.ts'],
  },
});
