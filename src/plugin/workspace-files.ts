// Reads the few workspace files the plugin and the generators look at, through a `read` function so the same
// logic serves the plugin (the file system) and the generators (the Nx Tree). Pure given `read`.

/** Returns a file's text relative to the workspace root, or undefined when it does not exist. */
export type ReadText = (path: string) => string | undefined;

/** The JSON object in a file; undefined when the file is missing or is not a JSON object. */
export function readJsonObject(read: ReadText, path: string): Record<string, unknown> | undefined {
  const text = read(path);
  if (text === undefined) return undefined;
  try {
    const value = JSON.parse(text) as unknown;
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function join(dir: string, file: string): string {
  return dir === '.' || dir === '' ? file : `${dir}/${file}`;
}

/** What a directory's own project files say about it: its name and the targets they declare (with their dependsOn). */
export interface DeclaredProject {
  /** Whether project.json or a package.json with an `nx` section / name makes it a project. */
  name: string | undefined;
  hasProjectJson: boolean;
  /** Target name -> dependsOn as written (undefined when the target sets none). */
  targets: Map<string, unknown[] | undefined>;
}

/** The project declared by `<dir>/project.json` and `<dir>/package.json`, as Nx reads them (project.json wins). */
export function declaredProject(read: ReadText, dir: string): DeclaredProject | undefined {
  const projectJson = readJsonObject(read, join(dir, 'project.json'));
  const packageJson = readJsonObject(read, join(dir, 'package.json'));
  if (!projectJson && !packageJson) return undefined;
  const nx = record(packageJson?.nx);
  const targets = new Map<string, unknown[] | undefined>();
  const included = Array.isArray(nx?.includedScripts) ? new Set(nx.includedScripts as unknown[]) : undefined;
  for (const script of Object.keys(record(packageJson?.scripts) ?? {})) {
    if (!included || included.has(script)) targets.set(script, undefined);
  }
  for (const source of [record(nx?.targets), record(projectJson?.targets)]) {
    for (const [target, config] of Object.entries(source ?? {})) {
      const dependsOn = record(config)?.dependsOn;
      targets.set(target, Array.isArray(dependsOn) ? dependsOn : targets.get(target));
    }
  }
  const name = stringOr(projectJson?.name) ?? stringOr(nx?.name) ?? stringOr(packageJson?.name);
  return { name, hasProjectJson: projectJson !== undefined, targets };
}

function stringOr(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** The root project's name when the workspace root is an Nx project (a root project.json, or `nx` in package.json). */
export function rootProjectName(read: ReadText): string | undefined {
  const project = declaredProject(read, '.');
  if (!project) return undefined;
  if (project.hasProjectJson) return project.name;
  const packageJson = readJsonObject(read, 'package.json');
  return packageJson && record(packageJson.nx) ? project.name : undefined;
}
