import { describe, expect, it } from 'vitest';
import { childEnvironment } from './child-env.ts';
import { identityEnvironment } from './session.ts';

describe('childEnvironment', () => {
  it('drops stale AWS credentials and profiles, keeps the rest, adds the identity', () => {
    const parent = {
      PATH: '/bin',
      HOME: '/home/u',
      AWS_ACCESS_KEY_ID: 'OLD',
      AWS_SECRET_ACCESS_KEY: 'OLD',
      AWS_SESSION_TOKEN: 'OLD',
      AWS_PROFILE: 'prod',
      AWS_DEFAULT_PROFILE: 'prod',
      AWS_WEB_IDENTITY_TOKEN_FILE: '/t',
      AWS_ROLE_ARN: 'arn:aws:iam::1:role/x',
      AWS_CONTAINER_CREDENTIALS_FULL_URI: 'http://x',
      AWS_REGION: 'eu-west-1',
      AWS_ENDPOINT_URL_ECR: 'http://127.0.0.1:4566',
      UNSET: undefined,
    };
    expect(childEnvironment(parent, { AWS_ACCESS_KEY_ID: 'NEW', AWS_SECRET_ACCESS_KEY: 'S' })).toEqual({
      PATH: '/bin',
      HOME: '/home/u',
      AWS_REGION: 'eu-west-1',
      AWS_ENDPOINT_URL_ECR: 'http://127.0.0.1:4566',
      AWS_ACCESS_KEY_ID: 'NEW',
      AWS_SECRET_ACCESS_KEY: 'S',
    });
  });

  it("the identity's region wins over the parent's", () => {
    expect(childEnvironment({ AWS_REGION: 'eu-west-1' }, { AWS_REGION: 'us-east-2' }).AWS_REGION).toBe('us-east-2');
  });

  it("an identity's env: list (Atmos) reaches the child (as exec and with-auth build it), never replacing the credentials", () => {
    const session = {
      identity: 'dev-admin', region: 'us-east-2', source: 'cache' as const,
      credentials: { accessKeyId: 'ASIANEW', secretAccessKey: 'new', sessionToken: 'tok', expiresAt: 0 },
      env: [{ key: 'AWS_PROFILE', value: 'dev-admin' }, { key: 'TEAM', value: 'platform' }, { key: 'AWS_ACCESS_KEY_ID', value: 'FROM-CONFIG' }],
    };
    // with-auth's own env option comes last and may not replace what the identity sets
    const env = childEnvironment({ AWS_PROFILE: 'stale', PATH: '/bin' }, identityEnvironment(session), { TEAM: 'other', EXTRA: 1 });
    expect(env).toMatchObject({ AWS_PROFILE: 'dev-admin', TEAM: 'platform', AWS_ACCESS_KEY_ID: 'ASIANEW', EXTRA: '1', PATH: '/bin' });
  });
});
