import { describe, expect, it } from 'vitest';
import { childEnvironment } from './child-env.ts';

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
});
