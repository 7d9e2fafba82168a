// The package version, read at run time from the package.json two levels above this file: the same relative
// place from src/cli/ (tsx, vitest) and from dist/cli/ (the published build), with no JSON import attributes.
import { readFileSync } from 'node:fs';

let cached: string | undefined;

/** The version of ecr-auth, e.g. "0.1.0" ("unknown" if package.json cannot be read). */
export function packageVersion(): string {
  if (cached === undefined) {
    try {
      const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: string };
      cached = pkg.version ?? 'unknown';
    } catch {
      cached = 'unknown';
    }
  }
  return cached;
}
