// Registry tokens: one token call per (service, credential chain, region), cached with its expiry and reused while
// valid beyond the minimum validity, fetched under a cross-process lock after re-reading the cache. Which call
// fetches it is the registry service's, declared by the integration kind that serves the registry.
import { isFresh } from '../cache/freshness.ts';
import { ensureCached } from '../cache/ensure-cached.ts';
import type { ResolvedConfig } from '../config/model.ts';
import type { CoreContext } from '../context.ts';
import { audit } from '../audit/sink.ts';
import { formatDuration } from '../duration.ts';
import { EcrAuthError, isEcrAuthError } from '../errors.ts';
import type { RegistryToken } from '../aws/ecr.ts';
import { ensureChain } from '../identity/ensure-chain.ts';
import { chainOf, subjectName } from '../identity/subject.ts';
import type { RegistryTarget } from './targets.ts';
import { type CachedToken, isWholeToken, tokenKey, TOKENS_NAMESPACE } from './token-entry.ts';
export { type CachedToken, isWholeToken, tokenKey, TOKENS_NAMESPACE } from './token-entry.ts';

/** A token for the target: from the cache, or fetched with the subject's credentials (ensured on the way). */
export async function ensureRegistryToken(
  ctx: CoreContext,
  config: ResolvedConfig,
  target: RegistryTarget,
): Promise<{ token: CachedToken; source: 'cache' | 'fetched'; key: string }> {
  const key = tokenKey(ctx, config, target);
  const { value, source } = await ensureCached<CachedToken>(ctx, {
    namespace: TOKENS_NAMESPACE,
    key,
    what: `the registry token for ${target.host}`,
    fresh: (entry): entry is CachedToken => isWholeToken(entry) && isFresh(entry.expiresAt, ctx.now(), ctx.minValidityMs),
    obtain: async () => {
      const link = await ensureChain(ctx, ctx.store, config, chainOf(config, target.subject));
      const identity = subjectName(target.subject);
      const event = {
        event: 'registry-token' as const,
        ...(identity ? { identity } : {}),
        ...(target.accountId ? { account: target.accountId } : {}),
        region: target.region,
        registry: target.host,
        ...(target.integration ? { integration: target.integration } : {}),
      };
      let fetched: RegistryToken;
      try {
        fetched = await target.service.fetchToken(ctx.env, { credentials: link.credentials, identity }, target);
      } catch (error) {
        await audit(ctx, { ...event, outcome: 'failure', error: (error as { code?: string }).code ?? 'E_INTERNAL' });
        throw error;
      }
      if (!(fetched.expiresAt > ctx.now())) {
        await audit(ctx, { ...event, outcome: 'failure', error: 'E_AWS' });
        throw new EcrAuthError('E_AWS',
          `the registry token for ${target.host} had already expired when it arrived (it expires ${new Date(fetched.expiresAt).toISOString()}, the clock here says ${new Date(ctx.now()).toISOString()})`,
          { hint: 'the clock of this machine is probably wrong: set it right (timedatectl set-ntp true, or your OS clock settings), then run again' });
      }
      await audit(ctx, { ...event, outcome: 'success' });
      return { ...fetched, region: target.region, service: target.service.name, label: target.service.label(target.region), subject: identity };
    },
    // as amazon-ecr-credential-helper does: when AWS cannot be reached but the cached token is still valid (only not
    // for as long as --min-validity asked), use it and say so
    fallback: (stale, error) => {
      if (!(isEcrAuthError(error, 'E_AWS_UNAVAILABLE') && isWholeToken(stale) && stale.expiresAt > ctx.now())) return undefined;
      ctx.log.warn(`${target.host}: ${error.message}; using the cached token, which is valid for ${formatDuration(stale.expiresAt - ctx.now())} more`);
      return stale;
    },
  });
  return { token: value, source, key };
}
