// The local clock against AWS: the Date header of an (unsigned) answer from the STS endpoint, with the round trip
// taken into account. Cached expiries are judged by the local clock, so a skewed clock makes ecr-auth hand Docker a
// token AWS already considers expired (or throw away good ones); SigV4 refuses requests skewed by over 5 minutes.
import type { Env } from '../paths.ts';
import { configuredEndpoint } from '../aws/client-config.ts';
import { probe } from './http-probe.ts';
import { type ProxySettings, proxyFor } from './proxy.ts';

/** Skew beyond which doctor fails: SigV4's own limit, and a third of the default 15m minimum validity. */
export const MAX_SKEW_MS = 5 * 60_000;

/** The STS endpoint doctor asks for the time: the configured one, else the regional endpoint. */
export function timeEndpoint(env: Env, region: string): URL {
  return new URL(configuredEndpoint(env, 'sts') ?? `https://sts.${region}.amazonaws.com/`);
}

/** Local minus AWS time in ms (positive: the local clock is ahead), from a Date header seen between sentAt and receivedAt. */
export function skewFrom(dateHeader: string, sentAt: number, receivedAt: number): number | undefined {
  const server = Date.parse(dateHeader);
  if (Number.isNaN(server)) return undefined;
  // Date has a one-second resolution: the server's instant lies in [server, server + 1000)
  return Math.round((sentAt + receivedAt) / 2 - (server + 500));
}

/** Measures the skew against url; `now` is the clock ecr-auth judges expiries with. */
export async function measureSkew(url: URL, now: () => number, proxies: ProxySettings): Promise<{ skewMs: number; url: URL } | { error: string; code: string; url: URL }> {
  const proxy = proxyFor(url, proxies);
  const sentAt = now();
  try {
    const answer = await probe(url, { timeoutMs: 10_000, ...(proxy ? { proxy } : {}) });
    const receivedAt = now();
    const date = answer.headers.date;
    const skewMs = typeof date === 'string' ? skewFrom(date, sentAt, receivedAt) : undefined;
    if (skewMs === undefined) return { error: `${url.host} answered without a Date header`, code: 'ENODATE', url };
    return { skewMs, url };
  } catch (error) {
    const code = (error as { code?: string }).code ?? 'EPROBE';
    return { error: `cannot reach ${url.host}: ${code}`, code, url };
  }
}
