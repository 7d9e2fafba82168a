#!/usr/bin/env node
// Bundles the two installed programs into one small file each, beside the compiled CLI: src/cli/bin.ts ->
// dist/cli/ecr-auth.cjs and src/cli/helper-bin.ts -> dist/cli/docker-credential-ecr-auth.cjs (minified, CommonJS,
// Node's builtins only). They answer --version, --help and the cached paths themselves and import the compiled CLI
// (dist/cli/main.js, dist/cli/credential-helper.js) only when they cannot. The version and the main help text are
// rendered now, from the compiled command table, so that the bin does not load it to print them.
// Run after `tsc -p tsconfig.build.json`. `--out DIR` bundles into DIR instead of dist/ (the bench builds privately).
// CommonJS, not ESM: measured, a CommonJS entry starts faster (no ES module loader before the first line runs).
import { chmodSync, existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { analyzeMetafile, build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const flag = (name) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined);
const out = resolve(flag('--out') ?? join(root, 'dist'));

// what dist/cli/version.js reads: the package.json two levels above it (the package's own)
const pkgPath = existsSync(join(out, '..', 'package.json')) ? join(out, '..', 'package.json') : join(root, 'package.json');
const version = String(JSON.parse(readFileSync(pkgPath, 'utf8')).version ?? 'unknown');
const { mainHelp } = await import(pathToFileURL(join(out, 'cli', 'help.js')).href);
const { COMMANDS } = await import(pathToFileURL(join(out, 'cli', 'commands', 'index.js')).href);
const baked = { version, help: mainHelp(COMMANDS.values(), version) };

/** node:fs/promises -> src/cli/read-only-fs.ts: the cached answers read synchronously and write nothing. */
const readOnlyFs = {
  name: 'read-only-fs',
  setup(b) {
    b.onResolve({ filter: /^(node:)?fs\/promises$/ }, () => ({ path: join(root, 'src/cli/read-only-fs.ts') }));
  },
};

// [source, output, what the bin's banner adds]
const bins = [
  ['src/cli/cached-answer.ts', `ecr-auth-cached.cjs`, ''],
  ['src/cli/bin.ts', `ecr-auth.cjs`, `const __ecrAuthCachedAnswer=()=>require("./ecr-auth-cached.cjs");`],
  ['src/cli/helper-bin.ts', `docker-credential-ecr-auth.cjs`, ''],
];
for (const [entry, name, extra] of bins) {
  const outfile = join(out, 'cli', name);
  await build({
    entryPoints: [join(root, entry)],
    outfile,
    bundle: true,
    minify: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    // nothing from node_modules may end up in a bin: the cached path loads Node's builtins only
    packages: 'external',
    define: {
      ECR_AUTH_BAKED: JSON.stringify(baked),
      'import.meta.url': '__ecrAuthModuleUrl',
    },
    banner: { js: `const __ecrAuthModuleUrl=require("node:url").pathToFileURL(__filename).href;${extra}` },
    plugins: [readOnlyFs],
    logLevel: 'warning',
    metafile: process.argv.includes('--analyze'),
  }).then(async (result) => {
    if (result.metafile) process.stderr.write(await analyzeMetafile(result.metafile));
  });
  const text = readFileSync(outfile, 'utf8');
  // (a dynamic import() of the AWS SDK inside a credential kind stays: it runs only on a network call, never when cached)
  // (./ecr-auth-cached.cjs is the bin's own second half, required after --version and --help)
  // (yaml is required only inside modules the core imports dynamically: the kubeconfig and .yarnrc.yml writers and
  // the YAML-function parser, which esbuild wraps in lazy initialisers; a cached answer never reaches them, which
  // test/cli/fast-bin.test.ts and test/perf/no-sdk-on-cached-path.test.ts check at run time)
  const LAZY = new Set(['yaml']);
  const foreign = [...text.matchAll(/(?:require\(|from)\s*"([^"]+)"/g)]
    .map((m) => m[1])
    .filter((s) => !s.startsWith('node:') && s !== './ecr-auth-cached.cjs' && !LAZY.has(s) && !s.includes('${'));
  if (foreign.length > 0) throw new Error(`${outfile} would load ${[...new Set(foreign)].join(', ')} at start: the bins may load Node's builtins only`);
  chmodSync(outfile, 0o755);
}
