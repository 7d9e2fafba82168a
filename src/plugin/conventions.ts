// The names the Nx integration agrees on: the shared login target, the docker targets that need it, and the
// dependsOn entry that makes every such task wait for one login task per run.
import type { TargetDependencyConfig } from '@nx/devkit';

/** The package name, as Nx sees it in `ecr-auth:ecr-login` and `"plugins": ["ecr-auth"]`. */
export const PACKAGE_NAME = 'ecr-auth';

/** The target (on the root project) that logs Docker in once per run. */
export const LOGIN_TARGET = 'ecr-login';

/** Target names that push or pull images and so wait for the login. */
export const DOCKER_TARGET_NAMES: readonly string[] = [
  'docker-build',
  'docker-push',
  'docker:build',
  'docker:push',
  'container',
  'nx-release-publish',
];

/** The dependsOn entry: the login target of one named project, so all tasks share one login task. */
export function loginDependency(loginProject: string, loginTarget: string = LOGIN_TARGET): TargetDependencyConfig {
  return { target: loginTarget, projects: [loginProject] };
}

/** True when a dependsOn entry already points at that login task. */
export function isLoginDependency(entry: unknown, loginProject: string, loginTarget: string = LOGIN_TARGET): boolean {
  if (typeof entry !== 'object' || entry === null) return false;
  const { target, projects } = entry as { target?: unknown; projects?: unknown };
  if (target !== loginTarget) return false;
  return projects === loginProject || (Array.isArray(projects) && projects.includes(loginProject));
}

/** `dependsOn` with the login dependency appended once (kept as it is when already there). */
export function withLoginDependency(
  dependsOn: readonly unknown[] | undefined,
  loginProject: string,
  loginTarget: string = LOGIN_TARGET,
): Array<string | TargetDependencyConfig> {
  const list = [...(dependsOn ?? [])] as Array<string | TargetDependencyConfig>;
  if (list.some((entry) => isLoginDependency(entry, loginProject, loginTarget))) return list;
  return [...list, loginDependency(loginProject, loginTarget)];
}
