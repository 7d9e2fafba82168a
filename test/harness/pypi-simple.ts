// A PyPI "simple" repository (PEP 503) for a real pip: one pure-Python wheel, built here with Python's own zipfile,
// listed at /simple/<name>/ with its sha256 (pip checks it), served from /files/. The CodeArtifact front puts it
// under /pypi/<repo>/ on the CodeArtifact host name; links are relative, so they stay under that path.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface PypiSimple {
  url: string;
  /** The paths pip asked for. */
  readonly requested: string[];
  stop(): Promise<void>;
}

/** Builds `<module>-<version>-py3-none-any.whl` in dir whose module holds `source`; returns its path. */
export async function buildWheel(dir: string, input: { name: string; version: string; source: string }): Promise<string> {
  const module = input.name.replace(/-/g, '_');
  const wheel = join(dir, `${module}-${input.version}-py3-none-any.whl`);
  const info = `${module}-${input.version}.dist-info`;
  const files: Record<string, string> = {
    [`${module}/__init__.py`]: input.source,
    [`${info}/METADATA`]: `Metadata-Version: 2.1\nName: ${input.name}\nVersion: ${input.version}\n`,
    [`${info}/WHEEL`]: 'Wheel-Version: 1.0\nGenerator: ecr-auth-test\nRoot-Is-Purelib: true\nTag: py3-none-any\n',
  };
  files[`${info}/RECORD`] = [...Object.keys(files).map((f) => `${f},,`), `${info}/RECORD,,`, ''].join('\n');
  const script = 'import json,sys,zipfile\nwith zipfile.ZipFile(sys.argv[1],"w") as z:\n  for n,t in json.loads(sys.stdin.read()).items(): z.writestr(n,t)\n';
  const child = run('python3', ['-c', script, wheel]);
  child.child.stdin!.end(JSON.stringify(files));
  await child;
  return wheel;
}

/** Serves the wheels at paths as one project each (named by the wheel's distribution name). */
export async function startPypiSimple(wheels: Array<{ name: string; path: string }>): Promise<PypiSimple> {
  const requested: string[] = [];
  const files = new Map<string, Buffer>();
  const projects = new Map<string, string>();
  for (const { name, path } of wheels) {
    const file = path.split('/').at(-1)!;
    const bytes = await readFile(path);
    files.set(file, bytes);
    const sha = createHash('sha256').update(bytes).digest('hex');
    projects.set(name, `<!DOCTYPE html><html><body><a href="../../files/${file}#sha256=${sha}">${file}</a></body></html>\n`);
  }
  const server: Server = createServer((req, res) => {
    const path = req.url ?? '/';
    requested.push(path);
    const project = /^\/simple\/([^/]+)\/$/.exec(path)?.[1];
    const file = /^\/files\/([^/]+)$/.exec(path)?.[1];
    if (project && projects.has(project)) {
      res.writeHead(200, { 'content-type': 'text/html' });
      return res.end(projects.get(project));
    }
    if (file && files.has(file)) {
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      return res.end(files.get(file));
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    requested,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
