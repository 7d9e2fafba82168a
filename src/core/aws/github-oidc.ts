// The GitHub Actions OIDC ID token: requested from the runner's token endpoint with its request token.
import type { Env } from '../paths.ts';
import { EcrAuthError } from '../errors.ts';

/** The URL that asks the Actions runner for an ID token with the given audience. */
export function githubTokenUrl(requestUrl: string, audience: string): string {
  const url = new URL(requestUrl);
  url.searchParams.set('audience', audience);
  return url.toString();
}

/** Fetches the Actions ID token (a JWT) for `audience`; fails with what to add to the workflow when unavailable. */
export async function fetchGithubIdToken(env: Env, audience: string, fetchImpl: typeof fetch = fetch): Promise<string> {
  const requestUrl = env.ACTIONS_ID_TOKEN_REQUEST_URL;
  const requestToken = env.ACTIONS_ID_TOKEN_REQUEST_TOKEN;
  if (!requestUrl || !requestToken) {
    throw new EcrAuthError('E_OIDC_TOKEN', 'the GitHub Actions OIDC token is not available (ACTIONS_ID_TOKEN_REQUEST_URL/_TOKEN are not set)', {
      hint: 'run inside GitHub Actions with `permissions: { id-token: write }` in the workflow or job',
    });
  }
  let response: Response;
  try {
    response = await fetchImpl(githubTokenUrl(requestUrl, audience), {
      headers: { Authorization: `bearer ${requestToken}`, Accept: 'application/json' },
      signal: AbortSignal.timeout(15_000),
    });
  } catch (error) {
    throw new EcrAuthError('E_OIDC_TOKEN', `could not reach the GitHub Actions token endpoint: ${(error as Error).message}`, {
      hint: 'retry the job; if it persists, check the runner network',
      cause: error,
    });
  }
  if (!response.ok) {
    throw new EcrAuthError('E_OIDC_TOKEN', `the GitHub Actions token endpoint answered ${response.status}`, {
      hint: 'check `permissions: { id-token: write }` and that the request token is current',
    });
  }
  const body = (await response.json().catch(() => undefined)) as { value?: unknown } | undefined;
  if (!body || typeof body.value !== 'string' || !body.value) {
    throw new EcrAuthError('E_OIDC_TOKEN', 'the GitHub Actions token endpoint answered without a token', {
      hint: 'retry the job; if it persists, report it with the runner version',
    });
  }
  return body.value;
}
