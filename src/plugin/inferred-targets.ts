// Docker targets other Nx plugins infer for a Dockerfile project, so the login can be layered onto them without
// creating targets that do not exist. Only @nx/docker is known; its inferred dependsOn is kept in the union.
import type { NxJsonConfiguration } from '@nx/devkit';

type PluginEntry = string | { plugin: string; options?: unknown };

function targetName(option: unknown, fallback: string): string {
  if (typeof option === 'string' && option !== '') return option;
  if (typeof option === 'object' && option !== null && typeof (option as { name?: unknown }).name === 'string') {
    return (option as { name: string }).name;
  }
  return fallback;
}

/** Target name -> the dependsOn the inferring plugin gives it, for every docker target inferred by a registered plugin. */
export function inferredDockerTargets(nxJson: Pick<NxJsonConfiguration, 'plugins'> | undefined): Map<string, unknown[] | undefined> {
  const targets = new Map<string, unknown[] | undefined>();
  for (const entry of (nxJson?.plugins ?? []) as PluginEntry[]) {
    const plugin = typeof entry === 'string' ? entry : entry.plugin;
    if (plugin !== '@nx/docker' && plugin !== '@nx/docker/plugin') continue;
    const options = (typeof entry === 'string' ? undefined : entry.options) as { buildTarget?: unknown } | undefined;
    targets.set(targetName(options?.buildTarget, 'docker:build'), ['build', '^build']);
    targets.set('nx-release-publish', undefined);
  }
  return targets;
}
