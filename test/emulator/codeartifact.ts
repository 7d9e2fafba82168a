// CodeArtifact (restJson1): GetAuthorizationToken (`POST /v1/authorization-token?domain=&domain-owner=&duration=`),
// a fresh token per call recorded so a package-registry stand-in can accept exactly these, and
// GetRepositoryEndpoint (`GET /v1/repository/endpoint?domain=&domain-owner=&repository=&format=`).
import type { Caller } from './caller.ts';
import { randomToken } from './random.ts';
import type { EmulatorRequest, EmulatorState } from './state.ts';
import { json, jsonError } from './wire.ts';
import type { WireResponse } from './wire.ts';

/** One token the emulator issued. */
export interface CodeartifactTokenRecord {
  token: string;
  domain: string;
  domainOwner: string;
  region: string;
  principalArn: string;
  expiresAt: Date;
}

const DOMAIN = /^[a-z][a-z0-9-]{0,48}[a-z0-9]$/;
const FORMATS = new Set(['npm', 'pypi', 'maven', 'nuget', 'generic', 'ruby', 'swift', 'cargo']);
const validation = (message: string) => jsonError(400, 'ValidationException', message);

function domainOf(req: EmulatorRequest, caller: Caller): { domain: string; owner: string } | WireResponse {
  const domain = req.url.searchParams.get('domain') ?? '';
  if (!DOMAIN.test(domain)) return validation(`1 validation error detected: Value '${domain}' at 'domain' failed to satisfy constraint`);
  const owner = req.url.searchParams.get('domain-owner') ?? caller.principal.account;
  if (!/^\d{12}$/.test(owner)) return validation(`1 validation error detected: Value '${owner}' at 'domainOwner' failed to satisfy constraint`);
  if (!state_domains_ok(owner, caller)) return jsonError(403, 'AccessDeniedException', `User: ${caller.principal.arn} is not authorized to access domain ${domain} of ${owner}`);
  return { domain, owner };
}

// every account of the fixture may read any domain; the hook is where a denial test would narrow it
function state_domains_ok(_owner: string, _caller: Caller): boolean {
  return true;
}

/** The host of a domain's repositories, as AWS names it. */
export function codeartifactHost(domain: string, owner: string, region: string): string {
  return `${domain}-${owner}.d.codeartifact.${region}.amazonaws.com`;
}

/** POST /v1/authorization-token */
export function getAuthorizationToken(state: EmulatorState, req: EmulatorRequest, caller: Caller): WireResponse {
  const found = domainOf(req, caller);
  if ('status' in found) return found;
  const duration = Number(req.url.searchParams.get('duration') ?? 43_200);
  if (!Number.isInteger(duration) || (duration !== 0 && (duration < 900 || duration > 43_200))) {
    return validation('durationSeconds must be 0 or between 900 and 43200');
  }
  let seconds = duration === 0 ? 43_200 : duration;
  if (caller.principal.expiresAt !== undefined) seconds = Math.min(seconds, Math.floor((caller.principal.expiresAt - state.now()) / 1000));
  const expiresAt = new Date(state.now() + seconds * 1000);
  const token = `eyJ${randomToken(96)}`;
  state.addSecret(token);
  state.codeartifactTokens.push({ token, domain: found.domain, domainOwner: found.owner, region: caller.region, principalArn: caller.principal.arn, expiresAt });
  return json({ authorizationToken: token, expiration: Math.floor(expiresAt.getTime() / 1000) });
}

/** GET /v1/repository/endpoint */
export function getRepositoryEndpoint(_state: EmulatorState, req: EmulatorRequest, caller: Caller): WireResponse {
  const found = domainOf(req, caller);
  if ('status' in found) return found;
  const repository = req.url.searchParams.get('repository') ?? '';
  const format = req.url.searchParams.get('format') ?? '';
  if (!/^[A-Za-z0-9][\w.-]{1,99}$/.test(repository)) return validation(`Value '${repository}' at 'repository' failed to satisfy constraint`);
  if (!FORMATS.has(format)) return validation(`Value '${format}' at 'format' failed to satisfy constraint`);
  return json({ repositoryEndpoint: `https://${codeartifactHost(found.domain, found.owner, caller.region)}/${format}/${repository}/` });
}
