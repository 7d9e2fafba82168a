// Interactive login with the device-code grant: show a URL and a code, the user confirms them in any browser
// (on any machine), and we poll CreateToken at the interval the service asks for.
import type { SsoProvider } from '../config/model.ts';
import type { CoreContext } from '../context.ts';
import { formatDuration } from '../duration.ts';
import { EcrAuthError } from '../errors.ts';
import { openBrowser } from './browser.ts';
import {
  createToken,
  oidcErrorName,
  startDeviceAuthorization,
  type ClientRegistration,
  type TokenGrant,
} from './oidc-client.ts';
import { DEVICE_CODE_GRANT } from './registration.ts';

/** Seconds added to the polling interval each time the service says SlowDown (RFC 8628). */
export const SLOW_DOWN_STEP_MS = 5_000;

export interface DeviceLoginOptions {
  /** Waits between polls; injectable so tests need not wait whole intervals. */
  sleep?: (ms: number) => Promise<void>;
  /** Opens the verification page when a browser is available; default: the BROWSER command or the platform opener. */
  openUrl?: (url: string) => Promise<boolean>;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function timedOut(provider: SsoProvider, expiresInMs: number): EcrAuthError {
  return new EcrAuthError('E_SSO_TIMEOUT', `the device sign-in to ${provider.startUrl} was not approved within ${formatDuration(expiresInMs)}`, {
    hint: 'run `ecr-auth login` again, open the URL it prints and confirm the code before it expires',
  });
}

/** Runs the device-code login and returns the token grant once the user has approved it. */
export async function loginWithDeviceCode(
  ctx: CoreContext,
  provider: SsoProvider,
  registration: ClientRegistration,
  options: DeviceLoginOptions = {},
): Promise<TokenGrant> {
  const sleep = options.sleep ?? realSleep;
  const auth = await startDeviceAuthorization(ctx.env, provider.region, {
    clientId: registration.clientId,
    clientSecret: registration.clientSecret,
    startUrl: provider.startUrl,
  });
  ctx.log.info(
    `To sign in to ${provider.startUrl}, open ${auth.verificationUriComplete}\n  and check that it shows the code ${auth.userCode}`,
  );
  if (ctx.interaction.browser) {
    await (options.openUrl ?? ((u: string) => openBrowser(u, ctx.env)))(auth.verificationUriComplete);
  }
  const lifetimeMs = auth.expiresIn * 1000;
  const started = ctx.now();
  let intervalMs = Math.max(auth.interval, 1) * 1000;
  let waited = 0;
  for (;;) {
    await sleep(intervalMs);
    waited += intervalMs;
    if (Math.max(ctx.now() - started, waited) >= lifetimeMs) throw timedOut(provider, lifetimeMs);
    try {
      return await createToken(ctx.env, provider.region, registration, {
        grantType: DEVICE_CODE_GRANT,
        deviceCode: auth.deviceCode,
      });
    } catch (error) {
      const name = oidcErrorName(error);
      if (name === 'AuthorizationPendingException') continue;
      if (name === 'SlowDownException') {
        intervalMs += SLOW_DOWN_STEP_MS;
        ctx.log.verbose(`IAM Identity Center asked to slow down: polling every ${intervalMs / 1000}s`);
        continue;
      }
      if (name === 'ExpiredTokenException') throw timedOut(provider, lifetimeMs);
      throw error;
    }
  }
}
