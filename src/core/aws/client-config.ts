// How every AWS SDK client of the core is configured: region, an endpoint taken from the injected environment
// (AWS_ENDPOINT_URL_<SERVICE> or AWS_ENDPOINT_URL, as the SDK itself would), bounded time-outs and retries.
import type { Env } from '../paths.ts';
import type { AwsCredentials } from '../credentials.ts';

export type AwsService = 'ecr' | 'ecr-public' | 'sso' | 'sso-oidc' | 'sts' | 'eks' | 'codeartifact';

const ENDPOINT_VARIABLE: Record<AwsService, string> = {
  ecr: 'AWS_ENDPOINT_URL_ECR',
  'ecr-public': 'AWS_ENDPOINT_URL_ECR_PUBLIC',
  sso: 'AWS_ENDPOINT_URL_SSO',
  'sso-oidc': 'AWS_ENDPOINT_URL_SSO_OIDC',
  sts: 'AWS_ENDPOINT_URL_STS',
  eks: 'AWS_ENDPOINT_URL_EKS',
  codeartifact: 'AWS_ENDPOINT_URL_CODEARTIFACT',
};

/** Connection and request time-outs for every AWS call (ms): a dropped or hung endpoint fails instead of hanging. */
export const HTTP_TIMEOUTS = { connectionTimeout: 5_000, requestTimeout: 30_000 } as const;

/** Attempts per call, the SDK's standard retry mode with backoff (throttling and 5xx are retried). */
export const MAX_ATTEMPTS = 3;

/** The endpoint the user configured for a service, if any (AWS_ENDPOINT_URL_<SERVICE> wins over AWS_ENDPOINT_URL). */
export function configuredEndpoint(env: Env, service: AwsService): string | undefined {
  return env[ENDPOINT_VARIABLE[service]] || env.AWS_ENDPOINT_URL || undefined;
}

export interface ClientOptions {
  credentials?: AwsCredentials;
  useFipsEndpoint?: boolean;
  useDualstackEndpoint?: boolean;
}

/** The constructor options for one SDK client. A configured endpoint wins over FIPS/dual-stack (the SDK refuses both). */
export function clientConfig(env: Env, service: AwsService, region: string, options: ClientOptions = {}) {
  const endpoint = configuredEndpoint(env, service);
  const timeoutMs = Number(env.ECR_AUTH_HTTP_TIMEOUT_MS) || HTTP_TIMEOUTS.requestTimeout;
  return {
    region,
    maxAttempts: MAX_ATTEMPTS,
    // throwOnRequestTimeout: without it the handler only logs a warning and a hung endpoint hangs the command
    requestHandler: { connectionTimeout: HTTP_TIMEOUTS.connectionTimeout, requestTimeout: timeoutMs, throwOnRequestTimeout: true },
    ...(endpoint ? { endpoint } : {}),
    ...(!endpoint && options.useFipsEndpoint ? { useFipsEndpoint: true } : {}),
    ...(!endpoint && options.useDualstackEndpoint ? { useDualstackEndpoint: true } : {}),
    ...(options.credentials
      ? {
          credentials: {
            accessKeyId: options.credentials.accessKeyId,
            secretAccessKey: options.credentials.secretAccessKey,
            ...(options.credentials.sessionToken ? { sessionToken: options.credentials.sessionToken } : {}),
          },
        }
      : {}),
  };
}
