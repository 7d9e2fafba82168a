// The SAML side: a stand-in corporate IdP (a login page that signs the user in and then posts the assertion to the
// AWS sign-in endpoint with an auto-submitting form, as Okta, Entra ID, ADFS and others do) and STS
// AssumeRoleWithSAML, which accepts only assertions this IdP issued (the stand-in for the XML signature check
// against the IdP's metadata), checks their audience and expiry, and the role/IdP pair against the assertion and the
// roles the emulator's IAM trusts.
import { randomUUID } from 'node:crypto';
import { Buffer } from 'node:buffer';
import type { EmulatorRequest, EmulatorState } from './state.ts';
import { parseRoleArn } from './principals.ts';
import { randomToken } from './random.ts';
import { isoSeconds, sessionXml } from './sts.ts';
import type { SamlRoleGrant } from './types.ts';
import { queryError, queryResult, xmlEscape } from './wire.ts';
import type { WireResponse } from './wire.ts';

/** Where an IdP posts the assertion, and the audience AWS requires in it. */
export const AWS_SAML_ENDPOINT = 'https://signin.aws.amazon.com/saml';
/** The path of the stand-in IdP's AWS application (the `url` of an aws/saml provider). */
export const IDP_APP_PATH = '/_idp/saml/aws';

export interface AssertionOptions {
  roles?: readonly SamlRoleGrant[];
  /** Seconds until NotOnOrAfter (negative: already expired). */
  ttlSeconds?: number;
  audience?: string;
  subject?: string;
}

/** What the emulator remembers of an assertion it issued. */
interface IssuedAssertion {
  id: string;
}

/** Issues a base64 SAMLResponse for `options.roles` (default: every grant) and remembers it as trusted. */
export function issueAssertion(state: EmulatorState, options: AssertionOptions = {}): string {
  const now = state.now();
  const id = `_${randomUUID()}`;
  const roles = options.roles ?? state.options.samlRoles;
  const notOnOrAfter = isoSeconds(now + (options.ttlSeconds ?? 300) * 1000);
  const subject = options.subject ?? state.options.samlUser.username;
  const issuer = `${state.url}/_idp`;
  const values = roles.map((r, i) => `<saml2:AttributeValue>${xmlEscape(i % 2 ? `${r.principalArn},${r.roleArn}` : `${r.roleArn},${r.principalArn}`)}</saml2:AttributeValue>`);
  const xml = [
    `<saml2p:Response xmlns:saml2p="urn:oasis:names:tc:SAML:2.0:protocol" ID="${id}" Version="2.0" IssueInstant="${isoSeconds(now)}" Destination="${AWS_SAML_ENDPOINT}">`,
    `<saml2:Issuer xmlns:saml2="urn:oasis:names:tc:SAML:2.0:assertion">${issuer}</saml2:Issuer>`,
    '<saml2p:Status><saml2p:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></saml2p:Status>',
    `<saml2:Assertion xmlns:saml2="urn:oasis:names:tc:SAML:2.0:assertion" ID="_a${randomToken(12)}" IssueInstant="${isoSeconds(now)}" Version="2.0">`,
    `<saml2:Issuer>${issuer}</saml2:Issuer>`,
    `<ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:SignatureValue>${randomToken(96)}</ds:SignatureValue></ds:Signature>`,
    `<saml2:Subject><saml2:NameID Format="urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified">${xmlEscape(subject)}</saml2:NameID>`,
    `<saml2:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer"><saml2:SubjectConfirmationData NotOnOrAfter="${notOnOrAfter}" Recipient="${AWS_SAML_ENDPOINT}"/></saml2:SubjectConfirmation></saml2:Subject>`,
    `<saml2:Conditions NotBefore="${isoSeconds(now - 60_000)}" NotOnOrAfter="${notOnOrAfter}"><saml2:AudienceRestriction><saml2:Audience>${xmlEscape(options.audience ?? AWS_SAML_ENDPOINT)}</saml2:Audience></saml2:AudienceRestriction></saml2:Conditions>`,
    '<saml2:AttributeStatement>',
    `<saml2:Attribute Name="https://aws.amazon.com/SAML/Attributes/Role">${values.join('')}</saml2:Attribute>`,
    `<saml2:Attribute Name="https://aws.amazon.com/SAML/Attributes/RoleSessionName"><saml2:AttributeValue>${xmlEscape(subject)}</saml2:AttributeValue></saml2:Attribute>`,
    '</saml2:AttributeStatement>',
    '</saml2:Assertion>',
    '</saml2p:Response>',
  ].join('');
  const assertion = Buffer.from(xml, 'utf8').toString('base64');
  state.samlAssertions.set(id, { id } satisfies IssuedAssertion);
  state.addSecret(assertion);
  return assertion;
}

function firstMatch(xml: string, re: RegExp): string | undefined {
  return re.exec(xml)?.[1];
}

/** Action=AssumeRoleWithSAML (unsigned). */
export function assumeRoleWithSaml(state: EmulatorState, params: URLSearchParams): WireResponse {
  const roleArn = params.get('RoleArn') ?? '';
  const principalArn = params.get('PrincipalArn') ?? '';
  const role = parseRoleArn(roleArn);
  if (!role) return queryError(400, 'ValidationError', `1 validation error detected: Value '${roleArn}' at 'roleArn' failed to satisfy constraint`);
  if (!/^arn:aws:iam::\d{12}:saml-provider\/[\w.-]+$/.test(principalArn)) {
    return queryError(400, 'ValidationError', "1 validation error detected: Value at 'principalArn' failed to satisfy constraint");
  }
  const durationSeconds = params.has('DurationSeconds') ? Number(params.get('DurationSeconds')) : 3600;
  if (!Number.isInteger(durationSeconds) || durationSeconds < 900 || durationSeconds > 43_200) {
    return queryError(400, 'ValidationError', 'The requested DurationSeconds must be between 900 and 43200 seconds.');
  }
  const encoded = params.get('SAMLAssertion') ?? '';
  if (encoded.length < 4) return queryError(400, 'ValidationError', "1 validation error detected: Value at 'sAMLAssertion' failed to satisfy constraint");
  const xml = Buffer.from(encoded, 'base64').toString('utf8');
  const id = firstMatch(xml, /<(?:\w+:)?Response\b[^>]*\bID="([^"]+)"/);
  if (id === undefined || !state.samlAssertions.has(id)) {
    return queryError(400, 'InvalidIdentityToken', 'Invalid SAML response: it was not signed by a trusted identity provider');
  }
  const audience = firstMatch(xml, /<(?:\w+:)?Audience>([^<]*)</);
  if (audience !== AWS_SAML_ENDPOINT && audience !== 'urn:amazon:webservices') {
    return queryError(400, 'InvalidIdentityToken', 'Invalid SAML response: the audience is not https://signin.aws.amazon.com/saml');
  }
  const notOnOrAfter = Date.parse(firstMatch(xml, /<(?:\w+:)?Conditions\b[^>]*\bNotOnOrAfter="([^"]+)"/) ?? '');
  if (!Number.isFinite(notOnOrAfter) || notOnOrAfter <= state.now()) {
    return queryError(400, 'ExpiredTokenException', 'Token expired: current date/time must be before the expiration date/time');
  }
  const pairs = [...xml.matchAll(/<(?:\w+:)?AttributeValue>([^<]*)</g)].map((m) => m[1]!.split(',').map((p) => p.trim()));
  const offered = pairs.some((p) => p.length === 2 && p.includes(roleArn) && p.includes(principalArn));
  if (!offered) return queryError(403, 'AccessDenied', 'Not authorized to perform sts:AssumeRoleWithSAML: the assertion does not grant this role');
  const trusted = state.options.samlRoles.some((g) => g.roleArn === roleArn && g.principalArn === principalArn);
  if (!trusted) return queryError(403, 'AccessDenied', 'Not authorized to perform sts:AssumeRoleWithSAML: the role does not trust this identity provider');
  const subject = firstMatch(xml, /<(?:\w+:)?NameID\b[^>]*>([^<]*)</) ?? 'saml-user';
  const sessionName = subject.replace(/[^\w+=,.@-]/g, '-').slice(0, 64);
  const principal = state.principals.issueRoleSession(role.account, role.roleName, sessionName, state.now() + durationSeconds * 1000);
  return queryResult(
    'AssumeRoleWithSAML',
    [
      sessionXml(principal),
      `    <Audience>${AWS_SAML_ENDPOINT}</Audience>`,
      `    <Issuer>${xmlEscape(`${state.url}/_idp`)}</Issuer>`,
      `    <Subject>${xmlEscape(subject)}</Subject>`,
      '    <SubjectType>unspecified</SubjectType>',
    ].join('\n'),
  );
}

function html(status: number, body: string): WireResponse {
  return { status, headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }, body: `<!doctype html><meta charset="utf-8"><title>Stand-in IdP</title>${body}\n` };
}

function loginForm(state: EmulatorState, autofill: boolean, message?: string): string {
  const user = state.options.samlUser;
  // autofill: the page types the user's name and password itself and submits, as a person would (headless tests)
  const script = autofill
    ? `<script>setTimeout(function(){var f=document.getElementById('login');f.username.value=${JSON.stringify(user.username)};` +
      `f.password.value=${JSON.stringify(user.password)};f.submit();},50)</script>`
    : '';
  return (
    `<h1>Sign in to the stand-in IdP</h1>${message ? `<p role="alert">${xmlEscape(message)}</p>` : ''}` +
    `<form id="login" method="post" action="${IDP_APP_PATH}">` +
    '<label>User name <input name="username" autocomplete="username"></label>' +
    '<label>Password <input name="password" type="password" autocomplete="current-password"></label>' +
    `<button type="submit">Sign in</button></form>${script}`
  );
}

/** GET /_idp/saml/aws[?autofill=1]: the IdP's sign-in page for its AWS application. */
export function idpLoginPage(state: EmulatorState, req: EmulatorRequest): WireResponse {
  return html(200, loginForm(state, req.url.searchParams.get('autofill') === '1'));
}

/** POST /_idp/saml/aws: checks the user; on success, the page that posts the assertion to AWS. */
export function idpSignIn(state: EmulatorState, req: EmulatorRequest): WireResponse {
  const form = new URLSearchParams(req.body);
  const user = state.options.samlUser;
  if (form.get('username') !== user.username || form.get('password') !== user.password) {
    return html(401, loginForm(state, false, 'Wrong user name or password'));
  }
  const assertion = issueAssertion(state);
  return html(
    200,
    `<p>Signing in to AWS…</p><form method="post" action="${AWS_SAML_ENDPOINT}">` +
      `<input type="hidden" name="SAMLResponse" value="${assertion}"><input type="hidden" name="RelayState" value="">` +
      '<noscript><button type="submit">Continue</button></noscript></form><script>document.forms[0].submit()</script>',
  );
}
