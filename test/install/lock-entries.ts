// What `npm ci` needs from package-lock.json on every machine: each package that declares optional dependencies
// (the per-platform native builds of deno, nx, esbuild, ...) must have an entry for every one of them, found where
// Node would resolve it (its own node_modules, then each parent's, then the root's). A lock written on one platform
// by a partial install lacks the others' entries, and `npm ci` then fails on them ("Missing: ... from lock file").

/** The parts of a lockfileVersion 3 package-lock.json this check reads. */
export interface Lock {
  lockfileVersion?: number;
  packages: Record<string, { version?: string; optionalDependencies?: Record<string, string>; dependencies?: Record<string, string>; devDependencies?: Record<string, string> }>;
}

/** The folders Node searches for `name` from the package at `path` ("node_modules/a/node_modules/b"), nearest first. */
export function resolutionCandidates(path: string, name: string): string[] {
  const out: string[] = [];
  let base = path;
  for (;;) {
    out.push(`${base === '' ? '' : `${base}/`}node_modules/${name}`);
    if (base === '') return out;
    const cut = base.lastIndexOf('/node_modules/');
    base = cut === -1 ? '' : base.slice(0, cut);
  }
}

/** Every optional dependency the lock declares but holds no entry for, as "declaring package -> missing name@range". */
export function missingOptionalEntries(lock: Lock): string[] {
  const missing: string[] = [];
  for (const [path, entry] of Object.entries(lock.packages)) {
    for (const [name, range] of Object.entries(entry.optionalDependencies ?? {})) {
      if (!resolutionCandidates(path, name).some((candidate) => candidate in lock.packages)) {
        missing.push(`${path || '(root)'} -> ${name}@${range}`);
      }
    }
  }
  return missing.sort();
}

/** The dependency fields of package.json whose ranges the lock's root entry does not repeat exactly (`npm ci` refuses them). */
export function rootDrift(lock: Lock, pkg: Record<string, unknown>): string[] {
  const root = (lock.packages[''] ?? {}) as Record<string, unknown>;
  const fields = ['dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies'];
  const drift: string[] = [];
  for (const field of fields) {
    const wanted = (pkg[field] ?? {}) as Record<string, string>;
    const locked = (root[field] ?? {}) as Record<string, string>;
    for (const name of new Set([...Object.keys(wanted), ...Object.keys(locked)])) {
      if (wanted[name] !== locked[name]) drift.push(`${field}.${name}: package.json ${wanted[name] ?? '(none)'}, lock ${locked[name] ?? '(none)'}`);
    }
  }
  return drift.sort();
}
