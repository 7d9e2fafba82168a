import { describe, expect, it } from 'vitest';
import { childEnvironment } from '../../core/child-env.ts';

const IDENTITY = { AWS_ACCESS_KEY_ID: 'ASIANEW', AWS_SECRET_ACCESS_KEY: 'new-secret', AWS_SESSION_TOKEN: 'new-token', AWS_REGION: 'eu-west-1', AWS_DEFAULT_REGION: 'eu-west-1' };

describe('childEnvironment', () => {
  it('removes the parent AWS credential variables and sets the identity ones', () => {
    const env = childEnvironment(
      { PATH: '/bin', AWS_ACCESS_KEY_ID: 'AKIAOLD', AWS_SECRET_ACCESS_KEY: 'old', AWS_SESSION_TOKEN: 'stale', AWS_PROFILE: 'dev', AWS_WEB_IDENTITY_TOKEN_FILE: '/t', AWS_ENDPOINT_URL: 'http://x', UNSET: undefined },
      { AWS_ACCESS_KEY_ID: 'AKIANEW', AWS_SECRET_ACCESS_KEY: 'new' },
    );
    expect(env).toEqual({ PATH: '/bin', AWS_ENDPOINT_URL: 'http://x', AWS_ACCESS_KEY_ID: 'AKIANEW', AWS_SECRET_ACCESS_KEY: 'new' });
  });

  it('lets the env option add variables and set the region, never replace or re-add credentials', () => {
    const env = childEnvironment({ HOME: '/h' }, IDENTITY, { AWS_REGION: 'us-east-2', AWS_SESSION_TOKEN: 'x', AWS_PROFILE: 'p', DEBUG: 1, CI: true });
    expect(env).toEqual({ ...IDENTITY, HOME: '/h', AWS_REGION: 'us-east-2', DEBUG: '1', CI: 'true' });
  });
});
