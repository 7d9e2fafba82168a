// startEmulator: one local HTTP server speaking SSO OIDC, the SSO portal, STS, ECR, ECR Public and the GitHub
// OIDC token endpoint, with the controls tests need (call counts, faults, session revocation, minted logins).
import { DEFAULT_START_URL, resolveOptions } from './fixture.ts';
import { listen } from './server.ts';
import { EmulatorState } from './state.ts';
import { isoSeconds } from './sts.ts';
import { IDP_APP_PATH, issueAssertion } from './saml.ts';
import { totpAt, totpStep } from './totp.ts';
import type { Emulator, EmulatorOptions, SsoCacheEntry } from './types.ts';

const ENDPOINT_VARIABLES = [
  'AWS_ENDPOINT_URL',
  'AWS_ENDPOINT_URL_ECR',
  'AWS_ENDPOINT_URL_ECR_PUBLIC',
  'AWS_ENDPOINT_URL_SSO',
  'AWS_ENDPOINT_URL_SSO_OIDC',
  'AWS_ENDPOINT_URL_STS',
  'AWS_ENDPOINT_URL_EKS',
  'AWS_ENDPOINT_URL_CODEARTIFACT',
] as const;

/** Starts an emulator on 127.0.0.1; `stop()` it when done. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const state = new EmulatorState(resolveOptions(options));
  const running = await listen(state, state.options.port);
  const url = state.url;
  const env = Object.fromEntries(ENDPOINT_VARIABLES.map((name) => [name, url]));
  const githubEnv = {
    ACTIONS_ID_TOKEN_REQUEST_URL: `${url}/_github/token?api-version=2.0`,
    ACTIONS_ID_TOKEN_REQUEST_TOKEN: state.options.githubRequestToken,
  };

  const mintSsoSession = (input: { startUrl?: string; region?: string } = {}): SsoCacheEntry => {
    const now = state.now();
    const client = state.sso.registerClient(now, {
      scopes: ['sso:account:access'],
      grantTypes: ['authorization_code', 'refresh_token'],
      redirectUris: ['http://127.0.0.1/oauth/callback'],
    });
    const tokens = state.tokens.issue(now, client.clientId, state.options.ssoAccessTokenTtlSeconds, true);
    return {
      startUrl: input.startUrl ?? DEFAULT_START_URL,
      region: input.region ?? 'us-east-1',
      accessToken: tokens.accessToken,
      expiresAt: isoSeconds(tokens.expiresAt),
      clientId: client.clientId,
      clientSecret: client.clientSecret,
      registrationExpiresAt: isoSeconds(client.expiresAt),
      refreshToken: tokens.refreshToken!,
    };
  };

  return {
    url,
    port: running.port,
    env,
    githubEnv,
    ambient: { ...state.options.ambient },
    get callLog() {
      return state.calls.log;
    },
    calls: (op) => state.calls.count(op),
    resetCalls: () => state.calls.reset(),
    fault: (op, fault) => state.calls.arm(op, fault),
    clearFaults: () => state.calls.clear(),
    setAuthorize: (mode) => {
      state.authorize = mode;
    },
    revokeSsoSessions: () => state.tokens.revokeAll(),
    expireSsoAccessTokens: () => state.tokens.expireAll(state.now()),
    mintSsoSession,
    approveDevice: (userCode) => {
      const device = state.sso.deviceByUserCode(userCode);
      if (!device) throw new Error(`emulator: no device authorization with user code ${userCode}`);
      if (device.status === 'pending') device.status = 'approved';
    },
    secrets: () => state.secrets(),
    ecrPasswords: () => state.ecrPasswords.map((record) => ({ ...record })),
    principalOf: (accessKeyId) => state.principals.get(accessKeyId)?.arn,
    saml: {
      url: `${url}${IDP_APP_PATH}`,
      autofillUrl: `${url}${IDP_APP_PATH}?autofill=1`,
      user: { ...state.options.samlUser },
      roles: state.options.samlRoles.map((r) => ({ ...r })),
    },
    issueSamlAssertion: (options) => issueAssertion(state, options),
    mfaCode: (serial, offsetSteps = 0) => {
      const device = serial === undefined ? state.options.mfaDevices[0] : state.mfa.get(serial);
      if (!device) throw new Error(`emulator: no MFA device ${serial ?? '(none configured)'}`);
      return totpAt(device.secret, totpStep(state.now()) + offsetSteps);
    },
    mfaDevices: state.options.mfaDevices.map((d) => ({ ...d })),
    addEksCluster: (cluster) => void state.eksClusters.set(`${cluster.region}|${cluster.name}`, { ...cluster }),
    codeartifactTokens: () => state.codeartifactTokens.map((record) => ({ ...record })),
    stop: () => running.stop(),
  };
}
