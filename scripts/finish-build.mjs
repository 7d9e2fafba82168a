// After tsc: make the bin entries executable and stamp the build (tests rebuild only when sources are newer).
import { chmodSync, writeFileSync } from 'node:fs';

for (const bin of ['dist/cli/main.js', 'dist/cli/credential-helper.js']) {
  try {
    chmodSync(bin, 0o755);
  } catch (error) {
    if (error.code !== 'ENOENT') throw error;
  }
}
writeFileSync('dist/.build-stamp', `${new Date().toISOString()}\n`);
