// Does the registry accept a credential? `GET /v2/` with Basic auth, as Docker starts every pull and push; when the
// registry answers 401 with a Bearer challenge, the token flow Docker follows (the realm, with the credential as
// Basic auth, then /v2/ with the token). HTTPS first; plain HTTP only when HTTPS cannot be spoken at all (what the
// daemon does for an --insecure-registry).
import { type ProbeAnswer, ProbeError, probe } from './http-probe.ts';
import { type ProxySettings, proxyFor } from './proxy.ts';

export interface RegistryVerdict {
  /** "accepted", "rejected" (401/403), "unreachable", or "unexpected" (another status). */
  outcome: 'accepted' | 'rejected' | 'unreachable' | 'unexpected';
  status?: number;
  /** The system error of an unreachable registry ("ECONNREFUSED", "ETIMEDOUT", "EPROXY", a TLS code...). */
  errorCode?: string;
  detail: string;
  /** "https" or "http". */
  scheme?: string;
  proxy?: string;
}

/** Parses `Bearer realm="...",service="...",scope="..."` (undefined for another scheme). */
export function parseBearerChallenge(header: string | undefined): Record<string, string> | undefined {
  if (!header || !/^bearer\s/i.test(header)) return undefined;
  const params: Record<string, string> = Object.create(null);
  for (const [, key, quoted, bare] of header.slice(7).matchAll(/([a-zA-Z]+)=(?:"([^"]*)"|([^,\s]*))/g)) params[key!.toLowerCase()] = quoted ?? bare ?? '';
  return params.realm ? params : undefined;
}

const basic = (username: string, password: string) => `Basic ${btoa(`${username}:${password}`)}`;

/** Checks `host` accepts username/password, through the proxy Docker would use. */
export async function probeRegistry(
  host: string,
  credential: { username: string; password: string },
  proxies: ProxySettings,
  timeoutMs = 10_000,
): Promise<RegistryVerdict> {
  let firstFailure: ProbeError | undefined;
  for (const scheme of ['https', 'http'] as const) {
    const url = new URL(`${scheme}://${host}/v2/`);
    const proxy = proxyFor(url, proxies);
    try {
      const answer = await probe(url, { headers: { authorization: basic(credential.username, credential.password) }, timeoutMs, ...(proxy ? { proxy } : {}) });
      return await judge(url, answer, credential, proxies, timeoutMs, proxy);
    } catch (error) {
      if (!(error instanceof ProbeError)) throw error;
      firstFailure ??= error;
    }
  }
  const via = proxyFor(new URL(`https://${host}/v2/`), proxies);
  return {
    outcome: 'unreachable',
    errorCode: firstFailure!.code,
    detail: `cannot reach ${host}${via ? ` through the proxy ${redactProxy(via)}` : ''}: ${firstFailure!.code} (${firstFailure!.message})`,
    ...(via ? { proxy: redactProxy(via) } : {}),
  };
}

async function judge(
  url: URL,
  answer: ProbeAnswer,
  credential: { username: string; password: string },
  proxies: ProxySettings,
  timeoutMs: number,
  proxy: string | undefined,
): Promise<RegistryVerdict> {
  const scheme = url.protocol.slice(0, -1);
  const where = { scheme, ...(proxy ? { proxy: redactProxy(proxy) } : {}) };
  if (answer.status === 200) return { outcome: 'accepted', status: 200, detail: `GET /v2/ answered 200 over ${scheme}`, ...where };
  const challenge = answer.status === 401 ? parseBearerChallenge(header(answer, 'www-authenticate')) : undefined;
  if (challenge) return bearerFlow(url, challenge, credential, proxies, timeoutMs, where);
  return verdict(answer.status, `GET /v2/ answered ${answer.status}`, where);
}

async function bearerFlow(
  registry: URL,
  challenge: Record<string, string>,
  credential: { username: string; password: string },
  proxies: ProxySettings,
  timeoutMs: number,
  where: { scheme: string; proxy?: string },
): Promise<RegistryVerdict> {
  const realm = new URL(challenge.realm!);
  if (challenge.service) realm.searchParams.set('service', challenge.service);
  if (challenge.scope) realm.searchParams.set('scope', challenge.scope);
  const proxy = proxyFor(realm, proxies);
  let answer: ProbeAnswer;
  try {
    answer = await probe(realm, { headers: { authorization: basic(credential.username, credential.password) }, timeoutMs, ...(proxy ? { proxy } : {}) });
  } catch (error) {
    if (!(error instanceof ProbeError)) throw error;
    return { outcome: 'unreachable', errorCode: error.code, detail: `cannot reach the token service ${realm.host}: ${error.code}`, ...where };
  }
  if (answer.status !== 200) return verdict(answer.status, `the token service ${realm.host} answered ${answer.status}`, where);
  let token: string | undefined;
  try {
    const parsed = JSON.parse(answer.body) as { token?: unknown; access_token?: unknown };
    token = typeof parsed.token === 'string' ? parsed.token : typeof parsed.access_token === 'string' ? parsed.access_token : undefined;
  } catch {
    token = undefined;
  }
  if (!token) return { outcome: 'unexpected', status: 200, detail: `the token service ${realm.host} answered without a token`, ...where };
  const registryProxy = proxyFor(registry, proxies);
  try {
    const again = await probe(registry, { headers: { authorization: `Bearer ${token}` }, timeoutMs, ...(registryProxy ? { proxy: registryProxy } : {}) });
    if (again.status === 200) return { outcome: 'accepted', status: 200, detail: `GET /v2/ answered 200 with the token from ${realm.host} (Bearer flow)`, ...where };
    return verdict(again.status, `GET /v2/ answered ${again.status} with the token from ${realm.host}`, where);
  } catch (error) {
    if (!(error instanceof ProbeError)) throw error;
    return { outcome: 'unreachable', errorCode: error.code, detail: `cannot reach ${registry.host} again: ${error.code}`, ...where };
  }
}

function verdict(status: number, detail: string, where: { scheme: string; proxy?: string }): RegistryVerdict {
  if (status === 401 || status === 403) return { outcome: 'rejected', status, detail, ...where };
  return { outcome: 'unexpected', status, detail, ...where };
}

function header(answer: ProbeAnswer, name: string): string | undefined {
  const value = answer.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** A proxy URL without its user and password, for output. */
export function redactProxy(proxy: string): string {
  try {
    const url = new URL(proxy);
    url.username = '';
    url.password = '';
    return url.href.replace(/\/$/, '');
  } catch {
    return '(unparsable proxy setting)';
  }
}
