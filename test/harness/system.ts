import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

// The first of `names` found as an executable on PATH (or as an absolute path), else undefined.
export function findExecutable(names: readonly string[], path = process.env.PATH ?? ''): string | undefined {
  for (const name of names) {
    const candidates = name.includes('/') ? [name] : path.split(delimiter).filter(Boolean).map((dir) => join(dir, name));
    for (const candidate of candidates) {
      try {
        accessSync(candidate, constants.X_OK);
        return candidate;
      } catch {
        // keep looking
      }
    }
  }
  return undefined;
}

// Names a real part by the executables that provide it (Debian's docker-registry is upstream's `registry`).
const PARTS: ReadonlyArray<{ part: string; executables: readonly string[] }> = [
  { part: 'docker-registry (Distribution registry 2.8)', executables: ['docker-registry', 'registry'] },
  { part: 'dockerd (Debian package docker.io)', executables: ['dockerd', '/usr/sbin/dockerd'] },
  { part: 'docker (client)', executables: ['docker'] },
  { part: 'skopeo', executables: ['skopeo'] },
];

// The real parts test/real needs that this machine lacks (empty when all are present).
export function missingRealParts(): string[] {
  const missing = PARTS.filter(({ executables }) => !findExecutable(executables)).map(({ part }) => part);
  if (process.getuid?.() !== 0) missing.push('root (dockerd needs it)');
  return missing;
}

// True when every real part is present.
export function haveRealParts(): boolean {
  return missingRealParts().length === 0;
}

// For `describe.skipIf(...)`: skip only outside CI. In CI (CI=true) the tests run and fail on what is missing.
export function skipRealTests(env: NodeJS.ProcessEnv = process.env): boolean {
  const missing = missingRealParts();
  if (missing.length === 0) return false;
  const ci = env.CI !== undefined && env.CI !== '' && env.CI !== 'false' && env.CI !== '0';
  if (!ci) console.warn(`skipping real-part tests; missing: ${missing.join(', ')} (run scripts/install-system-deps.sh)`);
  return !ci;
}

// Throws one clear error naming what is missing and how to install it.
export function assertRealParts(): void {
  const missing = missingRealParts();
  if (missing.length > 0) {
    throw new Error(`missing real parts: ${missing.join(', ')}. Run: sudo bash scripts/install-system-deps.sh`);
  }
}
