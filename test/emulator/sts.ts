// STS (awsQuery XML): AssumeRole (signed; role chaining caps the duration at 1 h), AssumeRoleWithWebIdentity
// (unsigned; accepts only tokens of the GitHub OIDC stand-in) and GetCallerIdentity.
import type { Caller } from './caller.ts';
import { parseRoleArn } from './principals.ts';
import type { Principal } from './principals.ts';
import { jwtClaims } from './random.ts';
import { mfaProblem } from './mfa.ts';
import type { EmulatorState } from './state.ts';
import { queryError, queryResult, xmlEscape } from './wire.ts';
import type { WireResponse } from './wire.ts';

/** The audience AWS expects in GitHub OIDC tokens. */
export const STS_AUDIENCE = 'sts.amazonaws.com';

const SESSION_NAME = /^[\w+=,.@-]{2,64}$/;
const validation = (message: string) => queryError(400, 'ValidationError', message);

/** ISO-8601 without milliseconds, as STS prints timestamps. */
export function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

interface SessionRequest {
  account: string;
  roleName: string;
  sessionName: string;
  durationSeconds: number;
}

function readSessionRequest(params: URLSearchParams, chained: boolean): SessionRequest | WireResponse {
  const roleArn = params.get('RoleArn') ?? '';
  const role = parseRoleArn(roleArn);
  if (!role) return validation(`1 validation error detected: Value '${roleArn}' at 'roleArn' failed to satisfy constraint`);
  const sessionName = params.get('RoleSessionName') ?? '';
  if (!SESSION_NAME.test(sessionName)) {
    return validation(`1 validation error detected: Value '${sessionName}' at 'roleSessionName' failed to satisfy constraint`);
  }
  const durationSeconds = params.has('DurationSeconds') ? Number(params.get('DurationSeconds')) : 3600;
  if (!Number.isInteger(durationSeconds) || durationSeconds < 900 || durationSeconds > 43_200) {
    return validation('The requested DurationSeconds must be between 900 and 43200 seconds.');
  }
  if (chained && durationSeconds > 3600) {
    return validation('The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.');
  }
  return { ...role, sessionName, durationSeconds };
}

/** The <Credentials> element of an STS answer (AssumeRole*, GetSessionToken). */
export function credentialsXml(principal: Principal): string {
  return [
    '    <Credentials>',
    `      <AccessKeyId>${principal.accessKeyId}</AccessKeyId>`,
    `      <SecretAccessKey>${xmlEscape(principal.secretAccessKey)}</SecretAccessKey>`,
    `      <SessionToken>${xmlEscape(principal.sessionToken ?? '')}</SessionToken>`,
    `      <Expiration>${isoSeconds(principal.expiresAt ?? 0)}</Expiration>`,
    '    </Credentials>',
  ].join('\n');
}

/** The <AssumedRoleUser> and <Credentials> of an assumed-role session. */
export function sessionXml(principal: Principal): string {
  return [
    '    <AssumedRoleUser>',
    `      <AssumedRoleId>${xmlEscape(principal.userId)}</AssumedRoleId>`,
    `      <Arn>${xmlEscape(principal.arn)}</Arn>`,
    '    </AssumedRoleUser>',
    credentialsXml(principal),
  ].join('\n');
}

/** Action=AssumeRole */
export function assumeRole(state: EmulatorState, params: URLSearchParams, caller: Caller): WireResponse {
  const request = readSessionRequest(params, caller.principal.roleSession);
  if ('status' in request) return request;
  const mfa = mfaProblem(state, params, caller, state.options.mfaRequiredRoles.includes(params.get('RoleArn') ?? ''));
  if (mfa) return mfa;
  const externalId = params.get('ExternalId');
  if (externalId !== null && !/^[\w+=,.@:/-]{2,1224}$/.test(externalId)) return validation('ExternalId is malformed');
  const expiresAt = state.now() + request.durationSeconds * 1000;
  const principal = state.principals.issueRoleSession(request.account, request.roleName, request.sessionName, expiresAt);
  return queryResult('AssumeRole', sessionXml(principal));
}

/** Action=AssumeRoleWithWebIdentity */
export function assumeRoleWithWebIdentity(state: EmulatorState, params: URLSearchParams): WireResponse {
  const request = readSessionRequest(params, false);
  if ('status' in request) return request;
  const token = params.get('WebIdentityToken') ?? '';
  const claims = jwtClaims(token);
  if (!state.githubTokens.has(token) || !claims) {
    return queryError(400, 'InvalidIdentityToken', 'The web identity token was not issued by a trusted identity provider');
  }
  if (typeof claims.exp !== 'number' || claims.exp * 1000 <= state.now()) {
    return queryError(400, 'ExpiredTokenException', 'Token expired: current date/time must be before the expiration date/time');
  }
  if (claims.aud !== STS_AUDIENCE) return queryError(400, 'InvalidIdentityToken', 'Incorrect token audience');
  const expiresAt = state.now() + request.durationSeconds * 1000;
  const principal = state.principals.issueRoleSession(request.account, request.roleName, request.sessionName, expiresAt);
  const extra = [
    `    <SubjectFromWebIdentityToken>${xmlEscape(String(claims.sub))}</SubjectFromWebIdentityToken>`,
    `    <Audience>${STS_AUDIENCE}</Audience>`,
    `    <Provider>arn:aws:iam::${request.account}:oidc-provider/token.actions.githubusercontent.com</Provider>`,
  ].join('\n');
  return queryResult('AssumeRoleWithWebIdentity', `${sessionXml(principal)}\n${extra}`);
}

/** Action=GetCallerIdentity */
export function getCallerIdentity(caller: Caller): WireResponse {
  const { principal } = caller;
  return queryResult(
    'GetCallerIdentity',
    `    <Arn>${xmlEscape(principal.arn)}</Arn>\n    <UserId>${xmlEscape(principal.userId)}</UserId>\n    <Account>${principal.account}</Account>`,
  );
}
