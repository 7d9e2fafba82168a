// ECR (awsJson1_1, AmazonEC2ContainerRegistry_V20150921) and ECR Public (SpencerFrontendService):
// GetAuthorizationToken, a fresh region-scoped password per call, expiresAt in epoch seconds.
import type { Caller } from './caller.ts';
import { ecrPassword } from './random.ts';
import type { EmulatorRequest, EmulatorState } from './state.ts';
import { json, jsonError, readJson } from './wire.ts';
import type { WireResponse } from './wire.ts';

const AWS_JSON = 'application/x-amz-json-1.1';
/** The only region ECR Public serves GetAuthorizationToken from. */
export const ECR_PUBLIC_REGION = 'us-east-1';

/** Issues, records and returns one password plus its expiry in epoch seconds. */
function issuePassword(state: EmulatorState, caller: Caller, isPublic: boolean): { token: string; expiresAt: number } {
  const expiresAtMs = state.now() + state.options.ecrTokenTtlSeconds * 1000;
  const ctx = { region: caller.region, principalArn: caller.principal.arn, accessKeyId: caller.principal.accessKeyId, public: isPublic };
  const password = state.options.ecrPassword?.(ctx) ?? ecrPassword(expiresAtMs / 1000);
  state.addSecret(password);
  state.ecrPasswords.push({ region: caller.region, password, principalArn: caller.principal.arn, public: isPublic, expiresAt: new Date(expiresAtMs) });
  return { token: Buffer.from(`AWS:${password}`).toString('base64'), expiresAt: expiresAtMs / 1000 };
}

/** X-Amz-Target: AmazonEC2ContainerRegistry_V20150921.GetAuthorizationToken */
export function getAuthorizationToken(state: EmulatorState, req: EmulatorRequest, caller: Caller): WireResponse {
  const input = readJson(req.body);
  if (!input) return jsonError(400, 'SerializationException', 'malformed request body');
  const registryIds = input.registryIds ?? [caller.principal.account];
  if (!Array.isArray(registryIds) || registryIds.length === 0 || !registryIds.every((id) => typeof id === 'string' && /^\d{12}$/.test(id))) {
    return jsonError(400, 'InvalidParameterException', 'registryIds must be a list of 12-digit account ids');
  }
  const { token, expiresAt } = issuePassword(state, caller, false);
  const authorizationData = (registryIds as string[]).map((account) => ({
    authorizationToken: token,
    expiresAt,
    proxyEndpoint: `https://${account}.dkr.ecr.${caller.region}.amazonaws.com`,
  }));
  return json({ authorizationData }, AWS_JSON);
}

/** X-Amz-Target: SpencerFrontendService.GetAuthorizationToken */
export function getPublicAuthorizationToken(state: EmulatorState, caller: Caller): WireResponse {
  if (caller.region !== ECR_PUBLIC_REGION) {
    return jsonError(400, 'UnsupportedCommandException', `GetAuthorizationToken is not supported in region ${caller.region}; use ${ECR_PUBLIC_REGION}`);
  }
  const { token, expiresAt } = issuePassword(state, caller, true);
  return json({ authorizationData: { authorizationToken: token, expiresAt } }, AWS_JSON);
}
