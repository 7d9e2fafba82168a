// Test helper: installs a fake `docker-credential-<name>` shell script in a bin directory. It records its argv
// and stdin to <dir>/calls.log and keeps credentials as files in <dir>/store, answering like a real helper.
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const SCRIPT = `#!/bin/sh
dir="$(dirname "$0")/../helper-state"
mkdir -p "$dir/store"
input=$(cat)
printf 'argv:%s\\n' "$*" >> "$dir/calls.log"
printf 'stdin:%s\\n' "$input" >> "$dir/calls.log"
printf 'env:%s\\n' "$FAKE_HELPER_MARK" >> "$dir/calls.log"
case "$1" in
  store)
    host=$(printf '%s' "$input" | sed -n 's/.*"ServerURL":"\\([^"]*\\)".*/\\1/p')
    printf '%s' "$input" > "$dir/store/$host" ;;
  get)
    if [ -f "$dir/store/$input" ]; then cat "$dir/store/$input"; else echo "credentials not found in native keychain"; exit 1; fi ;;
  erase)
    if [ -f "$dir/store/$input" ]; then rm "$dir/store/$input"; else echo "credentials not found in native keychain"; exit 1; fi ;;
  list) echo '{}' ;;
  *) echo "unknown action"; exit 1 ;;
esac
`;

/** A helper that fails and prints its stdin back (to prove a store failure never echoes the secret). */
const LEAKY = `#!/bin/sh
cat
exit 1
`;

/** Writes docker-credential-<name> into <root>/bin; its state lives in <root>/helper-state. Returns the bin dir. */
export async function installFakeHelper(root: string, name: string, kind: 'recording' | 'leaky' = 'recording'): Promise<string> {
  const bin = join(root, 'bin');
  await mkdir(bin, { recursive: true });
  const path = join(bin, `docker-credential-${name}`);
  await writeFile(path, kind === 'leaky' ? LEAKY : SCRIPT);
  await chmod(path, 0o755);
  return bin;
}
