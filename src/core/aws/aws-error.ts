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

/** Longest piece of an AWS answer quoted in a message (an error body may be hundreds of KB). */
export const MAX_QUOTED_CHARS = 300;

/** Text from outside, safe for one line of a terminal: control characters escaped, cut at `max` characters. */
export function quoteForeign(text: string, max: number = MAX_QUOTED_CHARS): string {
  const cut = text.length > max ? `${text.slice(0, max)}… (${text.length - max} more characters)` : text;
  return cut.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (c) => (c === '\n' ? '\\n' : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
}

/**
 * "Name: message" of an SDK failure, readable: an answer the SDK could not parse ("Deserialization error: ... inspect
 * the hidden field ...") is described by its HTTP status and the start of its body instead; long messages are cut.
 */
export function awsReason(error: unknown): string {
  const e = (error ?? {}) as SdkLikeError & { $response?: { statusCode?: number; body?: unknown }; $responseBodyText?: string };
  const message = e.message ?? String(error);
  if (/Deserialization error|inspect the hidden field/i.test(message)) {
    const status = e.$response?.statusCode ?? e.$metadata?.httpStatusCode;
    const body = typeof e.$responseBodyText === 'string' ? e.$responseBodyText : undefined;
    return `AWS sent an answer ecr-auth cannot read${status ? ` (HTTP ${status})` : ''}${body ? `: ${quoteForeign(body, 120)}` : ''}`;
  }
  return quoteForeign(`${e.name ?? 'Error'}: ${message}`);
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
  const reason = awsReason(error);
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
      hint = reason.startsWith('AWS sent an answer')
        ? 'check AWS_ENDPOINT_URL_* and any proxy between here and AWS (something other than AWS may be answering); try again'
        : 'run again with --verbose for details';
  }
  return new EcrAuthError(code, `${context.operation} failed${where}: ${reason}`, { hint, cause: error });
}
