// The docker-build and docker-push targets the configuration generator writes: both run by ecr-auth:with-auth,
// both waiting for the root login task, both never cached (a push changes a registry, not the workspace).
import type { JsonObject } from './tree-json.ts';
import { PACKAGE_NAME, withLoginDependency } from '../../plugin/conventions.ts';
import { shellQuote } from '../../executors/lib/commands.ts';

export interface DockerTargetInput {
  image: string;
  tag: string;
  dockerfile: string;
  context: string;
  identity?: string;
  /** The project holding ecr-login; undefined when the workspace has none yet (no login dependency then). */
  loginProject?: string;
}

/** The two targets, keyed by name. */
export function dockerTargets(input: DockerTargetInput): Record<'docker-build' | 'docker-push', JsonObject> {
  const ref = `${input.image}:${input.tag}`;
  const login = (deps: string[]) => (input.loginProject ? withLoginDependency(deps, input.loginProject) : deps);
  const identity = input.identity ? { identity: input.identity } : {};
  const w = (word: string) => shellQuote(word, 'linux');
  return {
    'docker-build': {
      executor: `${PACKAGE_NAME}:with-auth`,
      cache: false,
      dependsOn: login([]),
      options: { command: `docker build -f ${w(input.dockerfile)} -t ${w(ref)} ${w(input.context)}`, ...identity },
    },
    'docker-push': {
      executor: `${PACKAGE_NAME}:with-auth`,
      cache: false,
      dependsOn: login(['docker-build']),
      options: { command: `docker push ${w(ref)}`, ...identity },
    },
  };
}
