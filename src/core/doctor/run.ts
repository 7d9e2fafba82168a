// `doctor`: checks, in order, everything a pull or push needs, and says what to do about each failure: the config,
// each identity's session, the clock against AWS, each registry's token, what Docker will actually send (config
// location, stores that shadow our entry, the context), and whether the registry accepts it through the proxy
// Docker would use. Reads caches and files; its only network calls are the clock probe and `GET /v2/`.
import { isFresh } from '../cache/freshness.ts';
import type { SsoProvider } from '../config/model.ts';
import type { CoreContext } from '../context.ts';
import { readDockerConfig } from '../docker/config-file.ts';
import type { DockerConfig } from '../docker/config-model.ts';
import { dockerStoreFor } from '../docker/config-model.ts';
import { readDockerLedger } from '../docker/ledger.ts';
import { formatDuration } from '../duration.ts';
import { isEcrAuthError } from '../errors.ts';
import { CREDENTIALS_NAMESPACE, type CachedCredentials } from '../identity/ensure-chain.ts';
import { chainOf, type Subject, subjectFor, subjectKey, subjectName } from '../identity/subject.ts';
import { integrationTargets, planTargets, type RegistryTarget } from '../registry/targets.ts';
import { isWholeToken, tokenKey, TOKENS_NAMESPACE, type CachedToken } from '../registry/token.ts';
import { readSsoTokenStatus } from '../sso/ensure-token.ts';
import { MAX_SKEW_MS, measureSkew, timeEndpoint } from './clock.ts';
import { type DockerCredential, dockerContext, readDockerCredential, storeLabel, whoShadows } from './docker-view.ts';
import type { CheckId } from './explain.ts';
import { proxySettings } from './proxy.ts';
import { probeRegistry, redactProxy } from './registry-probe.ts';

export type CheckStatus = 'ok' | 'warn' | 'fail' | 'skip';

/** One line of the report. `fix` is set for every failure (and for warnings that have one). */
export interface DoctorCheck {
  check: CheckId;
  subject: string;
  status: CheckStatus;
  detail: string;
  fix?: string;
}

export interface DoctorRequest {
  /** Integrations to check; all of the config when empty. */
  integrations?: string[];
}

const line = (check: CheckId, subject: string, status: CheckStatus, detail: string, fix?: string): DoctorCheck => ({
  check,
  subject,
  status,
  detail,
  ...(fix ? { fix } : {}),
});

/** The checks after the config one (the caller reports the config: building the context is loading it). */
export async function runDoctor(ctx: CoreContext, request: DoctorRequest = {}): Promise<DoctorCheck[]> {
  const { config } = ctx;
  const targets = request.integrations?.length
    ? planTargets(config, { integrations: request.integrations })
    : Object.values(config.integrations).flatMap(integrationTargets);
  const checks: DoctorCheck[] = [];
  const subjects = subjectsOf(ctx, targets);
  const identityOk = new Map<string, boolean>();
  for (const subject of subjects) {
    const check = await identityCheck(ctx, subject);
    identityOk.set(check.subject, check.status !== 'fail');
    checks.push(check);
  }

  const docker = await readDockerConfig(ctx.env).then(
    (read) => ({ ...read, error: undefined }),
    (error: unknown) => ({ path: '', config: {} as DockerConfig, exists: false, error }),
  );
  const proxies = proxySettings(ctx.env, docker.config.proxies);
  checks.push(await clockCheck(ctx, targets[0]?.region ?? 'us-east-1', proxies));

  const { store } = ctx;
  const tokens = new Map<string, CachedToken | undefined>();
  for (const target of targets) {
    const cached = await store.read<CachedToken>(TOKENS_NAMESPACE, tokenKey(ctx, config, target));
    tokens.set(target.host, isWholeToken(cached) ? cached : undefined);
    checks.push(tokenCheck(ctx, target, tokens.get(target.host), docker.config));
  }

  const credentials = new Map<string, DockerCredential | undefined>();
  if (docker.error !== undefined) {
    const error = docker.error;
    checks.push(line('docker', 'config.json', 'fail', isEcrAuthError(error) ? error.message : String(error), isEcrAuthError(error) ? error.hint : undefined));
  } else if (targets.length > 0) {
    const context = await dockerContext(ctx.env, docker.config, docker.path);
    const where = `Docker reads ${docker.path} (${ctx.env.DOCKER_CONFIG ? 'DOCKER_CONFIG' : 'default location'})`;
    checks.push(
      context.missing
        ? line('docker', 'context', 'fail', `${where}; its context "${context.name}" (${context.source}) does not exist, so docker refuses to run`, `run \`docker context use default\` or unset DOCKER_CONTEXT`)
        : line('docker', 'context', 'ok', `${where}; context "${context.name}" (${context.source})${context.endpoint ? ` → ${context.endpoint}` : ''}`),
    );
    if (ctx.env.SUDO_USER && ctx.env.SUDO_USER !== 'root' && (ctx.env.HOME ?? '').startsWith('/root')) {
      checks.push(line('docker', 'sudo', 'warn', `running under sudo: Docker and ecr-auth use root's ${docker.path}, not the one of ${ctx.env.SUDO_USER}`, `log in the way Docker will run: both with sudo, or both without (\`sudo -E\` keeps HOME and DOCKER_CONFIG)`));
    }
    const ledger = await readDockerLedger(ctx.env);
    for (const target of targets) {
      const { check, credential } = await dockerCheck(ctx, target, docker.config, docker.path, ledger, tokens.get(target.host));
      credentials.set(target.host, credential);
      checks.push(check);
    }
  }

  for (const target of targets) {
    const credential = credentials.get(target.host);
    if (!credential) {
      checks.push(line('registry', target.host, 'skip', 'not checked: Docker has no credential to send'));
      continue;
    }
    checks.push(await registryCheck(target, credential, tokens.get(target.host), proxies));
  }
  return checks;
}

/** The identities the targets use (or the default identity when there are no targets), without repeats. */
function subjectsOf(ctx: CoreContext, targets: RegistryTarget[]): Subject[] {
  const seen = new Map<string, Subject>();
  for (const target of targets) seen.set(subjectName(target.subject) ?? '(ambient)', target.subject);
  if (seen.size === 0) {
    try {
      const subject = subjectFor(ctx.config, undefined);
      seen.set(subjectName(subject) ?? '(ambient)', subject);
    } catch {
      for (const name of Object.keys(ctx.config.identities)) seen.set(name, { identity: name });
    }
  }
  return [...seen.values()];
}

async function identityCheck(ctx: CoreContext, subject: Subject): Promise<DoctorCheck> {
  const name = subjectName(subject) ?? '(ambient)';
  const key = subjectKey(ctx.config, subject, ctx.env);
  const now = ctx.now();
  if (key.startsWith('ambient|')) return line('identity', name, 'ok', 'credentials from the ambient AWS chain (env, profile, web identity, ECS, IMDS), not cached');
  const cached = await ctx.store.read<CachedCredentials>(CREDENTIALS_NAMESPACE, key);
  const expiresAt = cached?.credentials?.expiresAt;
  const sso = chainOf(ctx.config, subject).find((node): node is SsoProvider => node.kind === 'aws/iam-identity-center');
  const ssoStatus = sso ? await readSsoTokenStatus(ctx.env, sso) : undefined;
  const ssoValid = ssoStatus !== undefined && (isFresh(ssoStatus.expiresAt, now, 0) || (ssoStatus.refreshableUntil ?? 0) > now);
  const ssoText = sso ? (ssoStatus ? `; SSO session ${sso.name} ${isFresh(ssoStatus.expiresAt, now, 0) ? `expires in ${formatDuration(ssoStatus.expiresAt - now)}` : ssoValid ? 'refreshable' : `expired ${formatDuration(now - ssoStatus.expiresAt)} ago`}` : `; no SSO session for ${sso.name}`) : '';
  if (typeof expiresAt === 'number' && isFresh(expiresAt, now, 0)) {
    const soon = !isFresh(expiresAt, now, ctx.minValidityMs);
    if (soon && sso && !ssoValid) {
      return line('identity', name, 'warn', `session expires in ${formatDuration(expiresAt - now)}${ssoText}`, `run \`ecr-auth login ${name}\` before it runs out`);
    }
    return line('identity', name, 'ok', `session valid, expires in ${formatDuration(expiresAt - now)}${ssoText}`);
  }
  const state = typeof expiresAt === 'number' ? `session expired ${formatDuration(now - expiresAt)} ago` : 'no session cached';
  if (!sso) return line('identity', name, 'ok', `${state}; obtained without a person on next use (${chainOf(ctx.config, subject)[0]?.kind})`);
  if (ssoValid) return line('identity', name, 'warn', `${state}${ssoText}: renewed from it on next use`);
  return line('identity', name, 'fail', `${state}${ssoText}`, `run \`ecr-auth login ${name}\` (a person signs in once; in CI use an OIDC or ambient identity)`);
}

async function clockCheck(ctx: CoreContext, region: string, proxies: ReturnType<typeof proxySettings>): Promise<DoctorCheck> {
  const url = timeEndpoint(ctx.env, region);
  const result = await measureSkew(url, ctx.now, proxies);
  if ('error' in result) {
    return line('clock', url.host, 'fail', `${result.error}: the AWS time cannot be compared and AWS calls will fail the same way`, 'check the network and the proxy settings (HTTPS_PROXY, NO_PROXY) for *.amazonaws.com');
  }
  const skew = result.skewMs;
  const text = Math.abs(skew) < 1000 ? 'in step with AWS (under 1s apart)' : `${formatDuration(Math.abs(skew))} ${skew > 0 ? 'ahead of' : 'behind'} AWS`;
  if (Math.abs(skew) >= MAX_SKEW_MS) {
    return line('clock', url.host, 'fail', `this machine's clock is ${text}: expiries are misjudged (Docker gets tokens AWS already considers expired) and AWS refuses signatures`, 'sync the clock: `sudo timedatectl set-ntp true`, or restart the VM / WSL instance whose clock drifted');
  }
  return line('clock', url.host, Math.abs(skew) >= 60_000 ? 'warn' : 'ok', `this machine's clock is ${text}`);
}

function tokenCheck(ctx: CoreContext, target: RegistryTarget, token: CachedToken | undefined, dockerConfig: DockerConfig): DoctorCheck {
  const now = ctx.now();
  const name = target.integration ?? target.host;
  const viaHelper = dockerStoreFor(dockerConfig, target.host);
  const helperServes = viaHelper.kind === 'helper' && viaHelper.name === 'ecr-auth';
  if (token && isFresh(token.expiresAt, now, 0)) {
    const soon = !isFresh(token.expiresAt, now, ctx.minValidityMs);
    return line('token', target.host, soon && !helperServes ? 'warn' : 'ok', `token expires in ${formatDuration(token.expiresAt - now)}`, soon && !helperServes ? `run \`ecr-auth ecr-login ${name}\` to renew it` : undefined);
  }
  const state = token ? `token expired ${formatDuration(now - token.expiresAt)} ago` : 'no token cached';
  if (helperServes) return line('token', target.host, 'ok', `${state}; docker-credential-ecr-auth fetches one when Docker asks`);
  const refused = token ? `: Docker's copy is refused with "authorization token has expired"` : '';
  return line('token', target.host, 'fail', `${state}${refused}`, `run \`ecr-auth ecr-login ${name}\` (for long jobs: \`ecr-auth exec --keep-fresh -- ...\`)`);
}

async function dockerCheck(
  ctx: CoreContext,
  target: RegistryTarget,
  config: DockerConfig,
  configPath: string,
  ledger: Awaited<ReturnType<typeof readDockerLedger>>,
  token: CachedToken | undefined,
): Promise<{ check: DoctorCheck; credential: DockerCredential | undefined }> {
  const name = target.integration ?? target.host;
  const from = `${storeLabel(config, target.host)} of ${configPath}`;
  const shadow = whoShadows(config, configPath, target.host, ledger);
  let credential: DockerCredential | undefined;
  try {
    credential = await readDockerCredential(config, target.host, ctx.env);
  } catch (error) {
    if (!isEcrAuthError(error)) throw error;
    return { check: line('docker', target.host, 'fail', `Docker asks ${from} and it fails: ${error.message}`, error.hint ?? shadow?.fix), credential: undefined };
  }
  if (!credential) {
    const check = shadow
      ? line('docker', target.host, 'fail', `${shadow.problem}; Docker sends no credential ("no basic auth credentials")`, shadow.fix)
      : line('docker', target.host, 'fail', `Docker has no credential for ${target.host} in ${from} ("no basic auth credentials")`, `run \`ecr-auth ecr-login ${name}\``);
    return { check, credential };
  }
  if (token && credential.password === token.password) {
    return { check: line('docker', target.host, 'ok', `Docker sends ecr-auth's current token (from ${from})`), credential };
  }
  if (shadow) return { check: line('docker', target.host, 'fail', `${shadow.problem}; Docker sends another credential`, shadow.fix), credential };
  if (!token) return { check: line('docker', target.host, 'warn', `Docker sends a credential from ${from} that ecr-auth did not fetch (docker login or another tool)`), credential };
  return {
    check: line('docker', target.host, 'fail', `Docker sends a credential from ${from} that is not ecr-auth's current token (an older login, or another tool's)`, `run \`ecr-auth ecr-login ${name}\``),
    credential,
  };
}

async function registryCheck(target: RegistryTarget, credential: DockerCredential, token: CachedToken | undefined, proxies: ReturnType<typeof proxySettings>): Promise<DoctorCheck> {
  const name = target.integration ?? target.host;
  const verdict = await probeRegistry(target.host, credential, proxies);
  const via = verdict.proxy ? ` through the proxy ${verdict.proxy} (${proxies.source})` : proxies.source === 'none' ? ' (no proxy)' : ' (direct: NO_PROXY)';
  switch (verdict.outcome) {
    case 'accepted':
      return line('registry', target.host, 'ok', `the registry accepts Docker's credential: ${verdict.detail}${via}`);
    case 'rejected': {
      const current = token !== undefined && token.password === credential.password;
      return line(
        'registry',
        target.host,
        'fail',
        `the registry refuses Docker's credential (HTTP ${verdict.status})${via}${current ? ": it is ecr-auth's current token" : ''}`,
        current
          ? `the token was refused: check that ${name}'s identity may pull from this registry's account (repository policy), then \`ecr-auth logout\` and \`ecr-auth ecr-login ${name}\``
          : `run \`ecr-auth ecr-login ${name}\``,
      );
    }
    case 'unreachable':
      return line(
        'registry',
        target.host,
        'fail',
        `${verdict.detail}`,
        verdict.errorCode === 'EPROXY' || verdict.proxy
          ? `check the proxy (${proxies.source}): it must allow CONNECT to ${target.host}:443, or add the host to NO_PROXY`
          : `check the network, DNS and firewall for ${target.host}:443${proxies.source === 'none' ? ', or set HTTPS_PROXY if this network needs a proxy' : ''}`,
      );
    default:
      return line('registry', target.host, 'fail', `${verdict.detail}${via}: not what a registry answers`, `check that ${target.host} is a registry and the proxy ${verdict.proxy ? redactProxy(verdict.proxy) : ''} does not intercept it`);
  }
}
