#!/usr/bin/env node
// Ships the Nx plugin's JSON next to the compiled code, because the package publishes only dist/:
// - src/executors/**/schema.json and src/generators/**/schema.json -> the same place under dist/;
// - executors.json and generators.json (paths relative to the package root, ./dist/...) -> dist/, with their
//   paths rebased on dist/, which is where package.json's "executors" and "generators" fields point.
// Run after `tsc -p tsconfig.build.json`. `--out DIR` writes into DIR instead of dist/ (the e2e test builds privately).
import { cpSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outFlag = process.argv.indexOf('--out');
const out = outFlag === -1 ? join(root, 'dist') : resolve(process.argv[outFlag + 1]);
const SCHEMA_DIRS = ['src/executors', 'src/generators'];
const COLLECTIONS = ['executors.json', 'generators.json'];

function* jsonFiles(dir) {
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) yield* jsonFiles(path);
    else if (entry.endsWith('.json')) yield path;
  }
}

/** "./dist/x/y.js" -> "./x/y.js"; every implementation, factory and schema path must start with ./dist/. */
function rebase(value, file) {
  if (typeof value !== 'string' || !value.startsWith('./dist/')) throw new Error(`${file}: path ${value} must start with ./dist/`);
  return `./${value.slice('./dist/'.length)}`;
}

let copied = 0;
for (const dir of SCHEMA_DIRS) {
  for (const file of jsonFiles(join(root, dir))) {
    const to = join(out, relative(join(root, 'src'), file));
    mkdirSync(dirname(to), { recursive: true });
    cpSync(file, to);
    copied += 1;
  }
}
for (const name of COLLECTIONS) {
  const collection = JSON.parse(readFileSync(join(root, name), 'utf8'));
  for (const group of ['executors', 'generators']) {
    for (const entry of Object.values(collection[group] ?? {})) {
      for (const key of ['implementation', 'factory', 'schema']) if (key in entry) entry[key] = rebase(entry[key], name);
    }
  }
  writeFileSync(join(out, name), `${JSON.stringify(collection, null, 2)}\n`);
  copied += 1;
}
console.log(`copy-assets: ${copied} file(s) copied to ${relative(process.cwd(), out) || '.'}`);
