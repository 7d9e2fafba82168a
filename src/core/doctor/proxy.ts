// Which proxy a request to a URL goes through, the way the Docker CLI and daemon pick one: HTTPS_PROXY / HTTP_PROXY /
// NO_PROXY from the environment (either case), else `proxies.default` of the Docker config. Pure.
import type { Env } from '../paths.ts';

/** The proxy settings in force, and where they came from. */
export interface ProxySettings {
  httpProxy?: string;
  httpsProxy?: string;
  noProxy?: string;
  /** "environment", "docker config proxies", or "none". */
  source: string;
}

const pick = (env: Env, name: string): string | undefined => env[name] || env[name.toLowerCase()] || undefined;

/** The proxy settings of the environment, else the Docker config's `proxies.default` block (an object or undefined). */
export function proxySettings(env: Env, dockerProxies: unknown): ProxySettings {
  const fromEnv = { httpProxy: pick(env, 'HTTP_PROXY'), httpsProxy: pick(env, 'HTTPS_PROXY'), noProxy: pick(env, 'NO_PROXY') };
  if (fromEnv.httpProxy || fromEnv.httpsProxy) return { ...strip(fromEnv), source: 'environment' };
  const block = (dockerProxies as { default?: Record<string, unknown> } | undefined)?.default;
  const text = (key: string) => (typeof block?.[key] === 'string' && block[key] ? (block[key] as string) : undefined);
  const fromDocker = { httpProxy: text('httpProxy'), httpsProxy: text('httpsProxy'), noProxy: text('noProxy') ?? fromEnv.noProxy };
  if (fromDocker.httpProxy || fromDocker.httpsProxy) return { ...strip(fromDocker), source: 'docker config proxies' };
  return { source: 'none' };
}

function strip(value: Record<string, string | undefined>): Omit<ProxySettings, 'source'> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined));
}

/** True when NO_PROXY exempts host (exact names, ".suffix" / "suffix" domains, "*", host:port entries). */
export function bypassesProxy(host: string, port: string, noProxy: string | undefined): boolean {
  if (!noProxy) return false;
  const name = host.toLowerCase().replace(/^\[|\]$/g, '');
  for (const raw of noProxy.split(/[,\s]+/)) {
    const entry = raw.trim().toLowerCase();
    if (!entry) continue;
    if (entry === '*') return true;
    const [entryHost, entryPort] = entry.startsWith('[') ? [entry.slice(1, entry.indexOf(']')), entry.split(']:')[1]] : entry.split(':');
    if (entryPort && entryPort !== port) continue;
    const domain = entryHost!.replace(/^\*?\./, '');
    if (name === domain || name.endsWith(`.${domain}`)) return true;
  }
  return false;
}

/** The proxy URL a request to `url` uses, or undefined for a direct connection. */
export function proxyFor(url: URL, settings: ProxySettings): string | undefined {
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  if (bypassesProxy(url.hostname, port, settings.noProxy)) return undefined;
  return url.protocol === 'https:' ? settings.httpsProxy : settings.httpProxy;
}
