#!/usr/bin/env node
// Bundles the two installed programs into one small file each, beside the compiled CLI: src/cli/bin.ts ->
// dist/cli/ecr-auth.cjs and src/cli/helper-bin.ts -> dist/cli/docker-credential-ecr-auth.cjs (minified, CommonJS,
// Node's builtins only). They answer --version, --help and the cached paths themselves and import the compiled CLI
// (dist/cli/main.js, dist/cli/credential-helper.js) only when they cannot. The version and the main help text are
// rendered now, from the compiled command table, so that the bin does not load it to print them.
// Run after `tsc -p tsconfig.build.json`. `--out DIR` bundles into DIR instead of dist/ (the bench builds privately);
// `--analyze` prints what is in each bundle. test/cli/bin-bundle.test.ts holds the bundles to a size budget and keeps
// the sign-in, writer and schema code out of them.
// CommonJS, not ESM: measured, a CommonJS entry starts faster (no ES module loader before the first line runs).
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { analyzeMetafile, build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The bundles: [entry, output file in <out>/cli, what its banner adds]. The cached half comes first: the bin requires it. */
export const BINS = [
  ['src/cli/cached-answer.ts', 'ecr-auth-cached.cjs', ''],
  ['src/cli/bin.ts', 'ecr-auth.cjs', 'const __ecrAuthCachedAnswer=()=>require("./ecr-auth-cached.cjs");'],
  ['src/cli/helper-bin.ts', 'docker-credential-ecr-auth.cjs', ''],
];

/**
 * Builtins as the cached answers see them: node:fs/promises -> src/cli/read-only-fs.ts (reads made synchronously,
 * writes refused) and node:crypto -> src/cli/sha256-only-crypto.ts (SHA-256 in JavaScript: loading node:crypto costs
 * more than all the hashing a cached answer does; random bytes, asked for by writes only, refused).
 */
const cachedPathBuiltins = {
  name: 'cached-path-builtins',
  setup(b) {
    b.onResolve({ filter: /^(node:)?fs\/promises$/ }, () => ({ path: join(root, 'src/cli/read-only-fs.ts') }));
    b.onResolve({ filter: /^(node:)?crypto$/ }, () => ({ path: join(root, 'src/cli/sha256-only-crypto.ts') }));
  },
};

/**
 * A dynamic import() inside the bins is a path a cached answer never takes (a sign-in, an SDK call, a writer, the
 * YAML parser): it is left out of the bundle and rejects if ever reached, and the bin, which treats any error as a
 * miss, runs the full CLI, which has the real module. So a bin holds the static import graph of its entry only.
 * (The bins' own import() of the full CLI is computed at run time and not touched.)
 */
const NOT_BUNDLED = 'not-bundled';
const dynamicImportsLeftOut = {
  name: 'dynamic-imports-left-out',
  setup(b) {
    b.onResolve({ filter: /.*/ }, (args) => (args.kind === 'dynamic-import' ? { path: args.path, namespace: NOT_BUNDLED } : undefined));
    b.onLoad({ filter: /.*/, namespace: NOT_BUNDLED }, (args) => ({
      contents: `throw new Error(${JSON.stringify(`${args.path} is loaded by the full CLI only (a cached answer does not go there)`)});`,
      loader: 'js',
    }));
  },
};

/** The version and main help text the bin prints itself, rendered from the compiled CLI in `out`. */
async function bakedAnswers(out) {
  // what dist/cli/version.js reads: the package.json two levels above it (the package's own)
  const pkgPath = existsSync(join(out, '..', 'package.json')) ? join(out, '..', 'package.json') : join(root, 'package.json');
  const version = String(JSON.parse(readFileSync(pkgPath, 'utf8')).version ?? 'unknown');
  const { mainHelp } = await import(pathToFileURL(join(out, 'cli', 'help.js')).href);
  const { COMMANDS } = await import(pathToFileURL(join(out, 'cli', 'commands', 'index.js')).href);
  return { version, help: mainHelp(COMMANDS.values(), version) };
}

/** The modules a bundle may require at start: Node's builtins, and the bin's own second half. */
function foreignRequires(text) {
  return [...new Set([...text.matchAll(/(?:require\(|from)\s*"([^"]+)"/g)].map((m) => m[1]))].filter(
    (s) => !s.startsWith('node:') && s !== './ecr-auth-cached.cjs' && !s.includes('${'),
  );
}

/**
 * Bundles the bins into `<out>/cli` (out: the compiled package's dist/). With write: false nothing is written: the
 * result says what each bundle would be. Returns, per output file name, its bytes, its text and the source files in it.
 */
export async function bundleBins({ out = join(root, 'dist'), write = true, analyze = false } = {}) {
  const baked = await bakedAnswers(out);
  const bundles = {};
  for (const [entry, name, extra] of BINS) {
    const outfile = join(out, 'cli', name);
    const result = await build({
      entryPoints: [join(root, entry)],
      outfile,
      write: false,
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
      plugins: [cachedPathBuiltins, dynamicImportsLeftOut],
      logLevel: 'warning',
      metafile: true,
    });
    if (analyze) process.stderr.write(await analyzeMetafile(result.metafile));
    const text = result.outputFiles[0].text;
    const foreign = foreignRequires(text);
    if (foreign.length > 0) throw new Error(`${outfile} would load ${foreign.join(', ')} at start: the bins may load Node's builtins only`);
    const held = Object.values(result.metafile.outputs)[0].inputs;
    const inputs = Object.keys(held);
    const inputBytes = Object.fromEntries(Object.entries(held).map(([input, { bytesInOutput }]) => [input, bytesInOutput]));
    bundles[name] = { bytes: Buffer.byteLength(text), text, inputs, inputBytes };
    if (write) {
      writeFileSync(outfile, text);
      chmodSync(outfile, 0o755);
    }
  }
  return bundles;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const flag = (name) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined);
  await bundleBins({ out: resolve(flag('--out') ?? join(root, 'dist')), analyze: process.argv.includes('--analyze') });
}
