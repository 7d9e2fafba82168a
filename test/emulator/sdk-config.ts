// Helpers for the emulator's own tests: SDK client config pointed at an emulator, and error capture.
import type { Emulator } from './types.ts';

/** An AWS key pair as the SDK clients take it. */
export interface KeyPair {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/**
 * Client config for a real SDK client talking to `emulator` (explicit endpoint, fixed region and keys).
 * `timeoutMs` sets requestTimeout with throwOnRequestTimeout: without that flag the Node handler only warns.
 */
export function sdkConfig(emulator: Emulator, options: { region?: string; credentials?: KeyPair; timeoutMs?: number; maxAttempts?: number } = {}) {
  return {
    endpoint: emulator.url,
    region: options.region ?? 'us-east-1',
    credentials: options.credentials ?? { accessKeyId: emulator.ambient.accessKeyId, secretAccessKey: emulator.ambient.secretAccessKey },
    ...(options.timeoutMs === undefined ? {} : { requestHandler: { requestTimeout: options.timeoutMs, connectionTimeout: options.timeoutMs, throwOnRequestTimeout: true } }),
    ...(options.maxAttempts === undefined ? {} : { maxAttempts: options.maxAttempts }),
  };
}

/** What the SDK's service errors carry that the tests look at. */
export interface SdkError extends Error {
  $metadata?: { httpStatusCode?: number; attempts?: number };
  code?: string;
}

/** The error `promise` rejects with; fails when it resolves. */
export async function rejection(promise: Promise<unknown>): Promise<SdkError> {
  try {
    await promise;
  } catch (error) {
    return error as SdkError;
  }
  throw new Error('expected the call to fail, but it succeeded');
}
