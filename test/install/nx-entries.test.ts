// The modules Nx loads by path — the package entry (`"plugins": ["ecr-auth"]`) and every executor and generator
// that dist/executors.json and dist/generators.json name — have no runtime import of their own: Nx require()s them,
// and under Yarn Plug'n'Play on Node.js 22.12 that require() cannot follow a static relative import into the
// package's zip archive; each imports its code with import() when Nx first calls it (src/index.ts says why).
// Read from the built dist/ that the package ships (vitest's global setup builds it).
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from '../runners/support/sandbox.ts';

const DIST = join(REPO, 'dist');
const json = (path: string) => JSON.parse(readFileSync(join(DIST, path), 'utf8'));

/** dist-relative paths of the modules Nx loads by path. */
function loadedByNx(): string[] {
  const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8'));
  const executors = Object.values(json('executors.json').executors as Record<string, { implementation: string }>).map((e) => e.implementation);
  const generators = Object.values(json('generators.json').generators as Record<string, { factory: string }>).map((g) => g.factory);
  return [pkg.exports['.'].replace(/^\.\/dist\//, ''), ...[...executors, ...generators].map((path) => path.replace(/^\.\//, ''))];
}

/** The static imports and re-exports of an ES module's text (`import ... from 'x'`, `import 'x'`, `export ... from 'x'`). */
function staticImports(source: string): string[] {
  const pattern = /^\s*(?:import\s*['"]([^'"]+)['"]|(?:import|export)\b[^;'"()]*?\bfrom\s*['"]([^'"]+)['"])/gm;
  return [...source.matchAll(pattern)].map((match) => (match[1] ?? match[2])!);
}

describe('the modules Nx loads by path', () => {
  it('are the package entry and the four entry.js files', () => {
    expect(loadedByNx().sort()).toEqual([
      'executors/ecr-login/entry.js',
      'executors/with-auth/entry.js',
      'generators/configuration/entry.js',
      'generators/init/entry.js',
      'index.js',
    ]);
  });

  it.each(loadedByNx())('%s has no static import, and imports its implementation beside it with import()', (path) => {
    const source = readFileSync(join(DIST, path), 'utf8');
    expect(staticImports(source)).toEqual([]);
    const dynamic = [...source.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)].map((match) => match[1]!);
    expect(dynamic).toHaveLength(1);
    expect(readFileSync(join(DIST, dirname(path), dynamic[0]!), 'utf8').length).toBeGreaterThan(0);
  });

  it('the check sees static imports (it can fail)', () => {
    expect(staticImports("import { a } from './a.js';\nexport { b } from \"./b.js\";\nimport './c.js';\nexport * from './d.js';\n")).toEqual(['./a.js', './b.js', './c.js', './d.js']);
    expect(staticImports("const m = await import('./a.js');\nexport const name = 'x';\n// import nothing\n")).toEqual([]);
  });
});
