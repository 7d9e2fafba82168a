// What a SAML assertion (the base64 SAMLResponse an IdP posts to the AWS sign-in page) offers: the roles of its
// https://aws.amazon.com/SAML/Attributes/Role attribute, each a "roleArn,principalArn" pair (either order, as IdPs
// write them). Pure. The assertion is a secret: nothing here logs it or puts it in an error message.
import { Buffer } from 'node:buffer';
import { EcrAuthError } from '../errors.ts';

/** One role the assertion allows: the role and the IAM SAML provider (IdP) it is reached through. */
export interface SamlRole {
  roleArn: string;
  principalArn: string;
}

const ROLE_ATTRIBUTE = 'https://aws.amazon.com/SAML/Attributes/Role';
const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/\S+$/;
const PRINCIPAL_ARN = /^arn:aws[a-z-]*:iam::\d{12}:saml-provider\/\S+$/;

function xmlText(text: string): string {
  return text
    .replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&amp;/g, '&')
    .trim();
}

function unreadable(why: string): EcrAuthError {
  return new EcrAuthError('E_SAML', `the SAML assertion ${why}`, {
    hint: 'check that the IdP application is the AWS one (its assertion carries the https://aws.amazon.com/SAML/Attributes/Role attribute), or what assertion_command prints (the base64 SAMLResponse)',
  });
}

/** The XML of a base64 SAMLResponse. */
export function decodeAssertion(assertion: string): string {
  const compact = assertion.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(compact)) throw unreadable('is not base64');
  const xml = Buffer.from(compact, 'base64').toString('utf8');
  if (!/<(?:\w+:)?(?:Response|Assertion)\b/.test(xml)) throw unreadable('is not a SAML response');
  return xml;
}

/** The value texts of the Attribute named `name`. */
function attributeValues(xml: string, name: string): string[] {
  const values: string[] = [];
  const attribute = /<(?:[\w-]+:)?Attribute\b([^>]*)>([\s\S]*?)<\/(?:[\w-]+:)?Attribute>/g;
  for (const match of xml.matchAll(attribute)) {
    const attrName = /\bName\s*=\s*(["'])(.*?)\1/.exec(match[1]!)?.[2];
    if (attrName === undefined || xmlText(attrName) !== name) continue;
    for (const value of match[2]!.matchAll(/<(?:[\w-]+:)?AttributeValue\b[^>]*>([\s\S]*?)<\/(?:[\w-]+:)?AttributeValue>/g)) {
      values.push(xmlText(value[1]!));
    }
  }
  return values;
}

/** One "a,b" value as a role pair, whichever order it is written in; undefined when it is not one. */
export function parseRolePair(value: string): SamlRole | undefined {
  const parts = value.split(',').map((part) => part.trim());
  if (parts.length !== 2) return undefined;
  const [a, b] = parts as [string, string];
  if (ROLE_ARN.test(a) && PRINCIPAL_ARN.test(b)) return { roleArn: a, principalArn: b };
  if (ROLE_ARN.test(b) && PRINCIPAL_ARN.test(a)) return { roleArn: b, principalArn: a };
  return undefined;
}

/** The roles a base64 assertion offers, in its order, without duplicates; none is an E_SAML error. */
export function rolesOfAssertion(assertion: string): SamlRole[] {
  const xml = decodeAssertion(assertion);
  const roles: SamlRole[] = [];
  for (const value of attributeValues(xml, ROLE_ATTRIBUTE)) {
    const role = parseRolePair(value);
    if (role && !roles.some((r) => r.roleArn === role.roleArn && r.principalArn === role.principalArn)) roles.push(role);
  }
  if (roles.length === 0) throw unreadable(`lists no AWS role (attribute ${ROLE_ATTRIBUTE})`);
  return roles;
}
