// The nx.json changes init makes: register the plugin once, and give the docker targets a default dependency on
// the one login task. Both are no-ops when already done, so init can run again without changing anything.
import { PACKAGE_NAME, withLoginDependency, isLoginDependency } from '../../plugin/conventions.ts';
import type { JsonObject } from './tree-json.ts';
import { objectAt } from './tree-json.ts';

/** Targets whose targetDefaults init makes depend on the login. */
export const DEFAULTED_TARGETS: readonly string[] = ['docker-build', 'docker-push'];

function pluginName(entry: unknown): string | undefined {
  if (typeof entry === 'string') return entry;
  if (typeof entry === 'object' && entry !== null && typeof (entry as { plugin?: unknown }).plugin === 'string') {
    return (entry as { plugin: string }).plugin;
  }
  return undefined;
}

/** Appends "ecr-auth" to `plugins` unless the plugin is already registered (in any form). */
export function registerPlugin(nxJson: JsonObject): void {
  const plugins = Array.isArray(nxJson.plugins) ? (nxJson.plugins as unknown[]) : [];
  const known = plugins.some((entry) => {
    const name = pluginName(entry);
    return name === PACKAGE_NAME || name === `${PACKAGE_NAME}/plugin`;
  });
  if (!known) nxJson.plugins = [...plugins, PACKAGE_NAME];
}

type Entry = JsonObject & { filter?: unknown; dependsOn?: unknown[] };

/** Makes targetDefaults[target] depend on the login: in the object form, or in the last unfiltered array entry. */
export function addLoginDefault(nxJson: JsonObject, target: string, loginProject: string): void {
  const defaults = objectAt(nxJson, 'targetDefaults');
  const value = defaults[target];
  if (Array.isArray(value)) {
    const entries = value as Entry[];
    const unfiltered = entries.filter((entry) => typeof entry === 'object' && entry !== null && entry.filter === undefined);
    if (unfiltered.some((entry) => (entry.dependsOn ?? []).some((dep) => isLoginDependency(dep, loginProject)))) return;
    const last = unfiltered[unfiltered.length - 1];
    if (last) last.dependsOn = withLoginDependency(last.dependsOn, loginProject);
    else entries.push({ dependsOn: withLoginDependency([], loginProject) });
    return;
  }
  const entry = objectAt(defaults, target) as Entry;
  entry.dependsOn = withLoginDependency(Array.isArray(entry.dependsOn) ? entry.dependsOn : [], loginProject);
}
