// Test plumbing for src/core/sso: a CoreContext on a temporary HOME pointed at the AWS emulator, a logger that
// keeps what it was told, and a fake browser (a node script) that follows /authorize to the loopback callback.
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SsoProvider } from '../../src/core/config/model.ts';
import type { CoreContext, Logger } from '../../src/core/context.ts';
import { emptyConfig, makeContext } from '../../src/core/make-context.ts';
import type { Env } from '../../src/core/paths.ts';

/** A logger that records every line, to assert on what the user saw (and that no secret is in it). */
export class RecordingLogger implements Logger {
  readonly lines: string[] = [];
  info(message: string): void {
    this.lines.push(`info: ${message}`);
  }
  warn(message: string): void {
    this.lines.push(`warn: ${message}`);
  }
  verbose(message: string): void {
    this.lines.push(`verbose: ${message}`);
  }
  text(): string {
    return this.lines.join('\n');
  }
}

/** A throw-away HOME and cache directory. */
export async function tempHome(): Promise<{ home: string; cleanup(): Promise<void> }> {
  const home = await mkdtemp(join(tmpdir(), 'ecr-auth-sso-'));
  return { home, cleanup: () => rm(home, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 }) };
}

/** The provider most tests use; its session name makes the cache file sha1("emulator"). */
export function testProvider(overrides: Partial<SsoProvider> = {}): SsoProvider {
  return {
    kind: 'aws/iam-identity-center',
    name: 'company-sso',
    region: 'us-east-1',
    startUrl: 'https://emulator.awsapps.com/start/',
    sessionName: 'emulator',
    scopes: ['sso:account:access'],
    ...overrides,
  };
}

/** A context on `home`, talking to the emulator through `emulatorEnv`. */
export function testContext(input: {
  home: string;
  emulatorEnv?: Record<string, string>;
  env?: Env;
  human?: boolean;
  browser?: boolean;
  now?: () => number;
  minValidityMs?: number;
  log?: Logger;
}): CoreContext {
  const ctx = makeContext({
    env: {
      PATH: process.env.PATH,
      HOME: input.home,
      ECR_AUTH_CACHE_DIR: join(input.home, 'cache'),
      ...input.emulatorEnv,
      ...input.env,
    },
    cwd: input.home,
    config: emptyConfig(),
    log: input.log ?? new RecordingLogger(),
    ...(input.now ? { now: input.now } : {}),
  });
  // a person at a terminal, or a browser, is what these tests vary; the terminal rule itself is make-context's test
  return { ...ctx, minValidityMs: input.minValidityMs ?? ctx.minValidityMs, interaction: { browser: input.browser ?? false, human: input.human ?? false } };
}

const BROWSER_SCRIPT = `
import { writeFileSync } from 'node:fs';
const url = process.argv[2];
const mode = process.env.FAKE_BROWSER_MODE || 'follow';
const out = process.env.FAKE_BROWSER_OUT;
const visits = [];
const save = () => writeFileSync(out + '.tmp', JSON.stringify({ url, visits })) ;
try {
  const first = await fetch(url, { redirect: 'manual' });
  const location = first.headers.get('location');
  visits.push({ url, status: first.status });
  if (location) {
    const callback = new URL(location);
    if (mode === 'bad-state' || mode === 'bad-then-good') {
      const forged = new URL(callback);
      forged.searchParams.set('state', 'forged-state');
      const res = await fetch(forged);
      visits.push({ url: 'forged', status: res.status, body: await res.text() });
    }
    if (mode !== 'bad-state') {
      const res = await fetch(callback);
      visits.push({ url: 'callback', status: res.status, body: await res.text(), error: callback.searchParams.get('error') });
    }
  }
} catch (error) {
  visits.push({ error: String(error) });
}
save();
(await import('node:fs')).renameSync(out + '.tmp', out);
`;

/** Writes the fake browser into `dir`; returns the BROWSER value and the file where it reports its visits. */
export async function fakeBrowser(dir: string, mode: 'follow' | 'bad-state' | 'bad-then-good' = 'follow'): Promise<{ env: Env; report: string }> {
  const script = join(dir, 'fake-browser.mjs');
  const report = join(dir, `browser-${mode}-${Date.now()}.json`);
  await writeFile(script, BROWSER_SCRIPT);
  await chmod(script, 0o755);
  return { env: { BROWSER: `${process.execPath} ${script}`, FAKE_BROWSER_MODE: mode, FAKE_BROWSER_OUT: report }, report };
}

export interface BrowserReport {
  url: string;
  visits: { url?: string; status?: number; body?: string; error?: string | null }[];
}

/** Waits (up to 10 s) for the fake browser's report. */
export async function readBrowserReport(path: string): Promise<BrowserReport> {
  for (let i = 0; i < 200; i++) {
    try {
      return JSON.parse(await readFile(path, 'utf8')) as BrowserReport;
    } catch {
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  throw new Error(`the fake browser wrote no report at ${path}`);
}
