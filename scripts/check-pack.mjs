#!/usr/bin/env node
// Checks what `npm pack` would publish: only what runs (dist/, without test fixtures or the build stamp), the
// package.json, README.md and LICENSE; both bins and every `exports` target present. Run by the release workflow
// before `npm publish`; exits 1 naming what is wrong.
//
//   npm run build && node scripts/check-pack.mjs
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { encoding: 'utf8' });
const [entry] = JSON.parse(out.slice(out.indexOf('[')));
const files = entry.files.map((f) => f.path);
const problems = [];
for (const path of files) {
  if (!path.startsWith('dist/') && !['package.json', 'README.md', 'LICENSE'].includes(path)) problems.push(`ships ${path}, which does not run`);
  if (/test-fixtures|\.test\.|\.build-stamp|(^|\/)test\//.test(path)) problems.push(`ships ${path}, a test or build artefact`);
}
const needed = ['LICENSE', 'README.md', ...Object.values(pkg.bin), ...Object.values(pkg.exports).map((p) => p.replace(/^\.\//, '')), pkg.executors, pkg.generators].map((p) => p.replace(/^\.\//, ''));
for (const path of needed) if (!files.includes(path)) problems.push(`lacks ${path}`);
if (problems.length > 0) {
  console.error(`npm pack check failed:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  process.exit(1);
}
console.log(`npm pack check: ${files.length} files, ${entry.size} bytes packed; only dist/, package.json, README.md, LICENSE`);
