// A cached registry token: its cache namespace, its key (which service, which credential chain, which region) and
// its shape. Pure; its own module so that the bins' cached answers read tokens without loading the token call
// (registry/token.ts, which reaches the sign-in code through ensureChain).
import type { ResolvedConfig } from '../config/model.ts';
import type { CoreContext } from '../context.ts';
import type { RegistryToken } from '../aws/ecr.ts';
import { subjectKey } from '../identity/subject.ts';
import type { RegistryTarget } from './request.ts';

/** Cache namespace of registry tokens. */
export const TOKENS_NAMESPACE = 'registry-tokens';

export interface CachedToken extends RegistryToken {
  region: string;
  /** The service's name ("ecr", "ecr-public"). */
  service?: string;
  /** What logout calls it ("ECR Public", "us-east-2"). */
  label?: string;
  subject: string | undefined;
}

/** The cache key of the token a target needs: which service, which credential chain, which region. No network. */
export function tokenKey(ctx: Pick<CoreContext, 'env'>, config: ResolvedConfig, target: RegistryTarget): string {
  return `${target.service.name}|${subjectKey(config, target.subject, ctx.env)}|${target.region}`;
}

/** True when a cached token has a password and an expiry (one without reads as absent, not as never expiring). */
export function isWholeToken(entry: CachedToken | undefined): entry is CachedToken {
  return typeof entry?.password === 'string' && entry.password !== '' && typeof entry.expiresAt === 'number';
}
