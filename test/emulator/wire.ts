// HTTP answers in the shapes of each AWS protocol: restJson (SSO, SSO OIDC), awsJson1_1 (ECR), awsQuery XML (STS).
import { randomUUID } from 'node:crypto';

/** A complete HTTP answer; the server adds Date and x-amzn-RequestId. */
export interface WireResponse {
  status: number;
  headers?: Record<string, string>;
  body?: string;
}

/** The protocol an operation speaks, which decides the shape of its errors. */
export type Protocol = 'sso-oidc' | 'sso' | 'json' | 'query' | 'github' | 'browser';

const QUERY_NS = 'https://sts.amazonaws.com/doc/2011-06-15/';

/** A 200 JSON answer (restJson or, with its content type, awsJson1_1). */
export function json(body: unknown, contentType = 'application/json'): WireResponse {
  return { status: 200, headers: { 'content-type': contentType }, body: JSON.stringify(body) };
}

/** An SSO OIDC error: `x-amzn-ErrorType` header and an OAuth-style `{error, error_description}` body. */
export function oidcError(status: number, type: string, error: string, description: string): WireResponse {
  return {
    status,
    headers: { 'content-type': 'application/json', 'x-amzn-errortype': type },
    body: JSON.stringify({ error, error_description: description }),
  };
}

/** An SSO portal error: `x-amzn-ErrorType` header and a `{message}` body. */
export function portalError(status: number, type: string, message: string): WireResponse {
  return {
    status,
    headers: { 'content-type': 'application/json', 'x-amzn-errortype': type },
    body: JSON.stringify({ message }),
  };
}

/** An awsJson1_1 error: `{__type, message}`. */
export function jsonError(status: number, type: string, message: string): WireResponse {
  return {
    status,
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-errortype': type },
    body: JSON.stringify({ __type: type, message }),
  };
}

/** Escapes text for an XML element. */
export function xmlEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A 200 awsQuery answer: `<{Action}Response><{Action}Result>inner</…>` with response metadata. */
export function queryResult(action: string, inner: string): WireResponse {
  const body =
    `<${action}Response xmlns="${QUERY_NS}">\n  <${action}Result>\n${inner}\n  </${action}Result>\n` +
    `  <ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata>\n</${action}Response>\n`;
  return { status: 200, headers: { 'content-type': 'text/xml' }, body };
}

/** An awsQuery error document. */
export function queryError(status: number, code: string, message: string): WireResponse {
  const type = status >= 500 ? 'Receiver' : 'Sender';
  const body =
    `<ErrorResponse xmlns="${QUERY_NS}">\n  <Error>\n    <Type>${type}</Type>\n    <Code>${xmlEscape(code)}</Code>\n` +
    `    <Message>${xmlEscape(message)}</Message>\n  </Error>\n  <RequestId>${randomUUID()}</RequestId>\n</ErrorResponse>\n`;
  return { status, headers: { 'content-type': 'text/xml' }, body };
}

/** A small HTML page (the stand-ins for the browser pages of IAM Identity Center). */
export function page(status: number, text: string): WireResponse {
  return {
    status,
    headers: { 'content-type': 'text/html; charset=utf-8' },
    body: `<!doctype html><title>AWS emulator</title><p>${xmlEscape(text)}</p>\n`,
  };
}

/** A 302 redirect. */
export function redirect(location: string): WireResponse {
  return { status: 302, headers: { location, 'content-type': 'text/plain' }, body: '' };
}

/** A JSON request body as an object, or undefined when it is not one. */
export function readJson(body: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(body === '' ? '{}' : body);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** A field of a parsed body as a string, or undefined. */
export function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** A field of a parsed body as a list of strings, or undefined. */
export function strList(value: unknown): string[] | undefined {
  return Array.isArray(value) && value.every((v) => typeof v === 'string') ? (value as string[]) : undefined;
}
