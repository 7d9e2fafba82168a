// Turns an AWS SDK error into the tool's one error type, naming the operation and what it was for, and saying
// what to do. Pure: the SDK error is only inspected (name, status, code), never re-thrown as is.
import { EcrAuthError, type ErrorCode } from '../errors.ts';

/** What the failing call was for, so the message can name identity, account, region and permission. */
export interface AwsCallContext {
  /** "ecr:GetAuthorizationToken", "sts:AssumeRole", ... (also the IAM permission for denials). */
  operation: string;
  identity?: string;
  account?: string;
  region?: string;
  /** Extra subject, e.g. the role ARN being assumed. */
  target?: string;
}

interface SdkLikeError {
  name?: string;
  code?: string;
  message?: string;
  $fault?: 'client' | 'server';
  $metadata?: { httpStatusCode?: number };
}

const DENIED = new Set([
  'AccessDeniedException',
  'AccessDenied',
  'ForbiddenException',
  'UnauthorizedOperation',
  'InvalidIdentityToken',
  'InvalidIdentityTokenException',
  'IDPRejectedClaim',
  'IDPRejectedClaimException',
]);
const BAD_CREDENTIALS = new Set([
  'UnrecognizedClientException',
  'InvalidClientTokenId',
  'ExpiredTokenException',
  'ExpiredToken',
  'InvalidSignatureException',
  'SignatureDoesNotMatch',
  'CredentialsProviderError',
]);
const UNAVAILABLE = new Set([
  'ThrottlingException',
  'Throttling',
  'TooManyRequestsException',
  'ServerException',
  'ServiceUnavailable',
  'InternalFailure',
  'TimeoutError',
  'RequestTimeout',
]);
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE']);

function describe(context: AwsCallContext): string {
  const parts = [
    context.identity ? `identity "${context.identity}"` : undefined,
    context.account ? `account ${context.account}` : undefined,
    context.region ? `region ${context.region}` : undefined,
    context.target,
  ].filter(Boolean);
  return parts.length ? ` (${parts.join(', ')})` : '';
}

/** The error code an SDK failure maps to. */
export function classifyAwsError(error: unknown): ErrorCode {
  const e = (error ?? {}) as SdkLikeError;
  const name = e.name ?? '';
  if (DENIED.has(name)) return name.startsWith('Invalid') || name.startsWith('IDP') ? 'E_STS_DENIED' : 'E_ECR_DENIED';
  if (BAD_CREDENTIALS.has(name)) return 'E_AWS_CREDENTIALS';
  if (UNAVAILABLE.has(name) || e.$fault === 'server' || NETWORK_CODES.has(e.code ?? '')) return 'E_AWS_UNAVAILABLE';
  if ((e.$metadata?.httpStatusCode ?? 0) >= 500) return 'E_AWS_UNAVAILABLE';
  return 'E_AWS';
}

/** An EcrAuthError for a failed AWS call; denials name the permission that is missing. */
export function toAwsError(error: unknown, context: AwsCallContext): EcrAuthError {
  if (error instanceof EcrAuthError) return error;
  const e = (error ?? {}) as SdkLikeError;
  const reason = `${e.name ?? 'Error'}: ${e.message ?? String(error)}`;
  const where = describe(context);
  let code = classifyAwsError(error);
  let hint: string;
  switch (code) {
    case 'E_ECR_DENIED':
    case 'E_STS_DENIED':
      if (context.operation.startsWith('sts:')) code = 'E_STS_DENIED';
      hint = `grant \`${context.operation}\` to this principal${where}, or pick another identity with --identity`;
      break;
    case 'E_AWS_CREDENTIALS':
      hint = 'the credentials were rejected: run `ecr-auth logout` and `ecr-auth login` again, or check the ambient AWS credentials';
      break;
    case 'E_AWS_UNAVAILABLE':
      hint = 'AWS did not answer in time or was throttling after retries: try again in a minute; check network, proxy and AWS_ENDPOINT_URL_* settings';
      break;
    default:
      hint = 'run again with --verbose for details';
  }
  return new EcrAuthError(code, `${context.operation} failed${where}: ${reason}`, { hint, cause: error });
}
