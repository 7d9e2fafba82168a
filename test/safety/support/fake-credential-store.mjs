#!/usr/bin/env node
// A Docker credential store (`docker-credential-<name>`) for tests: keeps credentials in $FAKE_STORE_DIR/store.json
// and records each call's argv and stdin in $FAKE_STORE_DIR/calls.jsonl, answering as the real helpers do.
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import process from 'node:process';

const dir = process.env.FAKE_STORE_DIR;
const storePath = join(dir, 'store.json');
const read = () => {
  try {
    return JSON.parse(readFileSync(storePath, 'utf8'));
  } catch {
    return {};
  }
};
let stdin = '';
process.stdin.on('data', (chunk) => (stdin += chunk));
process.stdin.on('end', () => {
  appendFileSync(join(dir, 'calls.jsonl'), `${JSON.stringify({ argv: process.argv.slice(2), stdin })}\n`);
  const store = read();
  const action = process.argv[2];
  if (action === 'store') {
    const credential = JSON.parse(stdin);
    store[credential.ServerURL] = credential;
    writeFileSync(storePath, JSON.stringify(store), { mode: 0o600 });
  } else if (action === 'get') {
    const credential = store[stdin.trim()];
    if (!credential) {
      process.stdout.write('credentials not found in native keychain\n');
      process.exitCode = 1;
    } else process.stdout.write(JSON.stringify(credential));
  } else if (action === 'erase') {
    delete store[stdin.trim()];
    writeFileSync(storePath, JSON.stringify(store), { mode: 0o600 });
  } else if (action === 'list') {
    process.stdout.write(JSON.stringify(Object.fromEntries(Object.entries(store).map(([host, c]) => [host, c.Username]))));
  }
});
