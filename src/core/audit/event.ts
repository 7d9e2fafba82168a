// What one audit event holds: what happened, to whom, where, with what outcome, on which machine and CI run.
// Only names, ids, hosts and times: never a token, key, password or anything derived from one.
import { hostname, userInfo } from 'node:os';
import type { Env } from '../paths.ts';

export type AuditEventKind = 'sign-in' | 'refresh' | 'credentials' | 'registry-token' | 'write' | 'logout';

/** What a caller records; the sink adds time, host, user, CI run and pid. */
export interface AuditRecord {
  event: AuditEventKind;
  outcome: 'success' | 'failure';
  identity?: string;
  /** The SSO provider of a sign-in or refresh. */
  provider?: string;
  account?: string;
  region?: string;
  /** Registry host. */
  registry?: string;
  integration?: string;
  /** What a `write` wrote to: "docker", "npm", "kubeconfig"... */
  target?: string;
  /** The file written or removed (never its content). */
  path?: string;
  /** A short, secret-free note: the kind, the Docker mode, what logout removed. */
  detail?: string;
  /** The error code of a failure (E_SSO_EXPIRED...), never its message. */
  error?: string;
}

/** The CI system and run id of the environment, when there is one. */
export interface CiRun {
  system: string;
  runId: string;
}

/** One line of the audit log. */
export interface AuditEvent extends AuditRecord {
  time: string;
  host: string;
  user?: string;
  ci?: CiRun;
  pid: number;
}

/** CI run id variables, most specific system first. */
const CI_RUN_IDS: ReadonlyArray<[system: string, variable: string, extra?: string]> = [
  ['github-actions', 'GITHUB_RUN_ID', 'GITHUB_RUN_ATTEMPT'],
  ['gitlab', 'CI_PIPELINE_ID', 'CI_JOB_ID'],
  ['buildkite', 'BUILDKITE_BUILD_ID'],
  ['circleci', 'CIRCLE_WORKFLOW_ID', 'CIRCLE_BUILD_NUM'],
  ['azure-pipelines', 'BUILD_BUILDID'],
  ['codebuild', 'CODEBUILD_BUILD_ID'],
  ['bitbucket', 'BITBUCKET_BUILD_NUMBER'],
  ['jenkins', 'BUILD_TAG'],
  ['travis', 'TRAVIS_BUILD_ID'],
  ['drone', 'DRONE_BUILD_NUMBER'],
  ['teamcity', 'BUILD_NUMBER'],
];

/** The CI run this process belongs to, from the environment; undefined outside CI. */
export function ciRun(env: Env): CiRun | undefined {
  for (const [system, variable, extra] of CI_RUN_IDS) {
    const id = env[variable];
    if (!id) continue;
    if (system === 'teamcity' && !env.TEAMCITY_VERSION) continue;
    return { system, runId: extra && env[extra] ? `${id}/${env[extra]}` : id };
  }
  return undefined;
}

/** The machine facts every event carries. */
export function machineFacts(env: Env): Pick<AuditEvent, 'host' | 'user' | 'ci' | 'pid'> {
  let user: string | undefined;
  try {
    user = userInfo().username;
  } catch {
    user = env.USER || env.USERNAME || undefined;
  }
  const ci = ciRun(env);
  return { host: hostname(), ...(user ? { user } : {}), ...(ci ? { ci } : {}), pid: (globalThis as { process?: { pid?: number } }).process?.pid ?? 0 };
}
