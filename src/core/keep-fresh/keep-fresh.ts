// Keep-fresh for long work: while a command runs, renews the identity's credentials and the Docker logins before
// they expire (at the minimum validity before the first expiry), and serves the child current credentials through
// a loopback container-credentials endpoint instead of frozen keys. A failed renewal is a warning and is retried;
// the endpoint answers from the same orchestration path, so the child never gets expired keys while renewal works.
import { clearTimeout, setTimeout } from 'node:timers';
import type { CoreContext } from '../context.ts';
import { formatError } from '../errors.ts';
import type { IdentitySession, RegistryRequest } from '../session-types.ts';
import { startCredentialsEndpoint } from './credentials-endpoint.ts';
import { nextRenewalDelay, RETRY_DELAY_MS } from './schedule.ts';

/** The orchestration functions keep-fresh calls (session.ts passes its own: no import cycle). */
export interface KeepFreshSession {
  ensureIdentity(ctx: CoreContext, identity?: string): Promise<IdentitySession>;
  ensureRegistries(ctx: CoreContext, request: RegistryRequest): Promise<{ logins: Array<{ host: string; expiresAt: number }>; failures: Array<{ host: string; error: Error }> }>;
}

export interface KeepFreshRequest {
  identity?: string;
  /** The Docker logins to keep; none when undefined. */
  registries?: RegistryRequest;
}

export interface KeepFresh {
  /** What the child's environment gets instead of keys: the endpoint, its token, and the region. */
  env: Record<string, string>;
  /** Renewals done so far (each renews what is due: identity and registries). */
  readonly renewals: number;
  stop(): Promise<void>;
}

/** Starts keeping `request` fresh; the first renewal already happened when this resolves. */
export async function startKeepFresh(ctx: CoreContext, session: KeepFreshSession, request: KeepFreshRequest): Promise<KeepFresh> {
  let renewals = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  let running: Promise<void> = Promise.resolve();

  const renew = async (): Promise<number> => {
    const identity = await session.ensureIdentity(ctx, request.identity);
    const expiries = identity.credentials.expiresAt === undefined ? [] : [identity.credentials.expiresAt];
    if (request.registries) {
      const outcome = await session.ensureRegistries(ctx, request.registries);
      for (const login of outcome.logins) expiries.push(login.expiresAt);
      for (const failure of outcome.failures) ctx.log.warn(`keep-fresh: ${failure.host}: ${failure.error.message}`);
    }
    renewals++;
    return nextRenewalDelay(expiries, ctx.now(), ctx.minValidityMs);
  };
  const schedule = (delay: number) => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = renew().then(schedule, (error) => {
        ctx.log.warn(`keep-fresh: renewal failed, retrying in ${RETRY_DELAY_MS / 1000}s: ${formatError(error).split('\n')[0]}`);
        schedule(RETRY_DELAY_MS);
      });
    }, delay);
  };

  const first = await session.ensureIdentity(ctx, request.identity);
  const endpoint = await startCredentialsEndpoint(
    async () => (await session.ensureIdentity(ctx, request.identity)).credentials,
    (error) => formatError(error).split('\n')[0]!,
  );
  try {
    schedule(await renew());
  } catch (error) {
    await endpoint.close();
    throw error;
  }
  const env: Record<string, string> = { ...endpoint.env };
  if (first.region) {
    env.AWS_REGION = first.region;
    env.AWS_DEFAULT_REGION = first.region;
  }
  return {
    env,
    get renewals() {
      return renewals;
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running.catch(() => {});
      await endpoint.close();
    },
  };
}
