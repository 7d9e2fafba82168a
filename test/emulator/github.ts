// A stand-in for the GitHub Actions OIDC token endpoint (ACTIONS_ID_TOKEN_REQUEST_URL):
// GET /_github/token?audience=... with `Authorization: bearer <request token>` -> {"value": "<jwt>"}.
import { jwtLike } from './random.ts';
import type { EmulatorRequest, EmulatorState } from './state.ts';
import type { WireResponse } from './wire.ts';

/** The subject GitHub puts in tokens of this fixture's workflow. */
export const GITHUB_SUBJECT = 'repo:octo-org/octo-repo:ref:refs/heads/main';
const TOKEN_TTL_SECONDS = 300;

const plain = (status: number, body: unknown): WireResponse => ({
  status,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

/** GET /_github/token */
export function githubIdToken(state: EmulatorState, req: EmulatorRequest): WireResponse {
  const match = /^bearer\s+(.+)$/i.exec(req.headers.authorization ?? '');
  if (match?.[1] !== state.options.githubRequestToken) return plain(401, { message: 'Bad credentials' });
  const nowSeconds = Math.floor(state.now() / 1000);
  const value = jwtLike({
    iss: 'https://token.actions.githubusercontent.com',
    aud: req.url.searchParams.get('audience') ?? 'https://github.com/octo-org',
    sub: GITHUB_SUBJECT,
    repository: 'octo-org/octo-repo',
    ref: 'refs/heads/main',
    iat: nowSeconds,
    nbf: nowSeconds - 5,
    exp: nowSeconds + TOKEN_TTL_SECONDS,
  });
  state.githubTokens.add(value);
  state.addSecret(value);
  return plain(200, { value });
}

/** A failure of the GitHub endpoint for an injected fault. */
export function githubFault(status: number, message: string): WireResponse {
  return plain(status, { message });
}
