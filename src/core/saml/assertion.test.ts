import { Buffer } from 'node:buffer';
import { describe, expect, it } from 'vitest';
import { isEcrAuthError } from '../errors.ts';
import { parseRolePair, rolesOfAssertion } from './assertion.ts';
import { AWS_SAML_ENDPOINT, findChromium, samlResponseOf } from './browser-capture.ts';
import { matchWish } from './choose-role.ts';

const ROLE = 'arn:aws:iam::123456789012:role/Dev';
const IDP = 'arn:aws:iam::123456789012:saml-provider/Okta';
const b64 = (xml: string) => Buffer.from(xml).toString('base64');
const response = (values: string[], prefix = 'saml2') =>
  b64(
    `<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol"><${prefix}:Assertion><${prefix}:AttributeStatement>` +
      `<${prefix}:Attribute Name="https://aws.amazon.com/SAML/Attributes/RoleSessionName"><${prefix}:AttributeValue>alice</${prefix}:AttributeValue></${prefix}:Attribute>` +
      `<${prefix}:Attribute Name="https://aws.amazon.com/SAML/Attributes/Role" NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:uri">` +
      values.map((v) => `<${prefix}:AttributeValue xsi:type="xs:string">${v}</${prefix}:AttributeValue>`).join('') +
      `</${prefix}:Attribute></${prefix}:AttributeStatement></${prefix}:Assertion></samlp:Response>`,
  );

describe('SAML assertions', () => {
  it('lists the role pairs in either order, any namespace prefix, without duplicates', () => {
    const roles = rolesOfAssertion(response([`${ROLE},${IDP}`, `${IDP}, arn:aws:iam::210987654321:role/Ro`, `${ROLE},${IDP}`], 'saml'));
    expect(roles).toEqual([
      { roleArn: ROLE, principalArn: IDP },
      { roleArn: 'arn:aws:iam::210987654321:role/Ro', principalArn: IDP },
    ]);
    expect(rolesOfAssertion(response([`${ROLE},${IDP}`], 'saml2')).length).toBe(1);
    expect(parseRolePair('a,b')).toBeUndefined();
  });

  it('not base64, not SAML, or no role: E_SAML without the assertion in the message', () => {
    for (const bad of ['%%%', b64('<html></html>'), response([])]) {
      try {
        rolesOfAssertion(bad);
        throw new Error('expected a failure');
      } catch (error) {
        expect(isEcrAuthError(error, 'E_SAML')).toBe(true);
        expect((error as Error).message).not.toContain(bad.slice(0, 20));
      }
    }
  });

  it('a wished role is matched with its IdP; a missing one names what is offered', () => {
    const roles = [{ roleArn: ROLE, principalArn: IDP }];
    expect(matchWish(roles, { name: 'corp', roleArn: ROLE })).toEqual(roles[0]);
    expect(matchWish(roles, { name: 'corp' })).toBeUndefined();
    expect(() => matchWish(roles, { name: 'corp', roleArn: `${ROLE}x` })).toThrow(/does not offer/);
  });

  it('the AWS sign-in endpoints (global, regional, GovCloud, China) are intercepted; look-alikes are not', () => {
    for (const url of ['https://signin.aws.amazon.com/saml', 'https://us-east-2.signin.aws.amazon.com/saml', 'https://signin.amazonaws-us-gov.com/saml', 'https://signin.amazonaws.cn/saml']) {
      expect(AWS_SAML_ENDPOINT.test(url), url).toBe(true);
    }
    for (const url of ['https://signin.aws.amazon.com.evil.example/saml', 'http://signin.aws.amazon.com/saml', 'https://signin.aws.amazon.com/console']) {
      expect(AWS_SAML_ENDPOINT.test(url), url).toBe(false);
    }
    expect(samlResponseOf('SAMLResponse=abc%2B%2F%3D&RelayState=')).toBe('abc+/=');
    expect(samlResponseOf('RelayState=x')).toBeUndefined();
  });

  it('finds Chromium where ECR_AUTH_CHROMIUM points or at the usual places', () => {
    expect(findChromium({ ECR_AUTH_CHROMIUM: '/x/chrome' }, 'linux', (p) => p === '/x/chrome')).toBe('/x/chrome');
    expect(findChromium({ ECR_AUTH_CHROMIUM: '/x/chrome' }, 'linux', () => false)).toBeUndefined();
    expect(findChromium({}, 'linux', (p) => p === '/usr/bin/chromium-browser')).toBe('/usr/bin/chromium-browser');
    expect(findChromium({}, 'plan9', () => true)).toBeUndefined();
  });
});
