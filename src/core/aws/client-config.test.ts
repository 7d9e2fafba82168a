import { describe, expect, it } from 'vitest';
import { clientConfig, configuredEndpoint } from './client-config.ts';

describe('configuredEndpoint', () => {
  it('prefers the service variable over AWS_ENDPOINT_URL', () => {
    expect(configuredEndpoint({ AWS_ENDPOINT_URL: 'http://a', AWS_ENDPOINT_URL_ECR: 'http://b' }, 'ecr')).toBe('http://b');
    expect(configuredEndpoint({ AWS_ENDPOINT_URL: 'http://a' }, 'sso-oidc')).toBe('http://a');
    expect(configuredEndpoint({}, 'sts')).toBeUndefined();
  });
});

describe('clientConfig', () => {
  it('lets a configured endpoint win over FIPS and dual-stack (the SDK refuses both together)', () => {
    const config = clientConfig({ AWS_ENDPOINT_URL_ECR: 'http://127.0.0.1:1' }, 'ecr', 'us-east-1', { useFipsEndpoint: true, useDualstackEndpoint: true });
    expect(config.endpoint).toBe('http://127.0.0.1:1');
    expect(config).not.toHaveProperty('useFipsEndpoint');
    expect(config).not.toHaveProperty('useDualstackEndpoint');
  });
  it('turns FIPS on when no endpoint is configured', () => {
    expect(clientConfig({}, 'ecr', 'us-east-1', { useFipsEndpoint: true })).toMatchObject({ useFipsEndpoint: true, region: 'us-east-1' });
  });
});

describe('time-outs', () => {
  it('makes a request time-out an error (the handler only warns by default) and honours ECR_AUTH_HTTP_TIMEOUT_MS', () => {
    expect(clientConfig({}, 'sts', 'us-east-1').requestHandler).toMatchObject({ throwOnRequestTimeout: true, requestTimeout: 30_000 });
    expect(clientConfig({ ECR_AUTH_HTTP_TIMEOUT_MS: '1500' }, 'sts', 'us-east-1').requestHandler.requestTimeout).toBe(1500);
  });
});
