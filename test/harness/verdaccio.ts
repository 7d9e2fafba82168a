// A real npm registry server (Verdaccio, a devDependency) on 127.0.0.1 with no uplinks: nothing leaves loopback.
// It serves under a URL prefix, so that behind a front it answers as a CodeArtifact repository path would.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freeLoopbackPort } from './ports.ts';

export interface TestVerdaccio {
  /** http://127.0.0.1:PORT */
  url: string;
  port: number;
  /** Registers a user and returns its token (for publishing straight to Verdaccio). */
  addUser(name: string, password: string): Promise<string>;
  stop(): Promise<void>;
}

const BIN = resolve('node_modules/verdaccio/bin/verdaccio');

/** Starts Verdaccio; `urlPrefix` is the path its public URLs (tarballs) carry, e.g. /npm/npm-store/. */
export async function startVerdaccio(options: { urlPrefix: string }): Promise<TestVerdaccio> {
  const dir = await mkdtemp(join(tmpdir(), 'ea-verdaccio-'));
  const port = await freeLoopbackPort();
  const config = [
    `storage: ${join(dir, 'storage')}`,
    'auth:',
    '  htpasswd:',
    `    file: ${join(dir, 'htpasswd')}`,
    '    max_users: 100',
    'uplinks: {}',
    'packages:',
    "  '**':",
    '    access: $all',
    '    publish: $authenticated',
    `url_prefix: ${options.urlPrefix}`,
    'web:',
    '  enable: false',
    'log: { type: stdout, format: json, level: warn }',
    '',
  ].join('\n');
  await writeFile(join(dir, 'config.yaml'), config);
  const child: ChildProcess = spawn(process.execPath, [BIN, '--config', join(dir, 'config.yaml'), '--listen', `127.0.0.1:${port}`], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { PATH: process.env.PATH, HOME: dir },
  });
  let output = '';
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`verdaccio exited: ${output}`);
    const up = await fetch(`${url}/-/ping`).then((r) => r.ok, () => false);
    if (up) break;
    if (i > 600) throw new Error(`verdaccio did not start: ${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    port,
    async addUser(name, password) {
      const res = await fetch(`${url}/-/user/org.couchdb.user:${name}`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name, password, type: 'user', roles: [] }),
      });
      const body = (await res.json()) as { token?: string };
      if (!body.token) throw new Error(`verdaccio refused the user: ${res.status} ${JSON.stringify(body)}`);
      return body.token;
    },
    async stop() {
      const exited = new Promise<void>((r) => (child.exitCode !== null ? r() : child.once('exit', () => r())));
      child.kill('SIGTERM');
      await exited;
      await rm(dir, { recursive: true, force: true });
    },
  };
}
