import { describe, expect, it } from 'vitest';
import { isEcrAuthError } from '../errors.ts';
import {
  CREDENTIALS_NOT_FOUND,
  formatGetAnswer,
  formatListAnswer,
  isCredentialsNotFound,
  parseGetAnswer,
  parseHelperAction,
  parseHelperRequest,
} from './helper-protocol.ts';

const H = '123456789012.dkr.ecr.us-east-1.amazonaws.com';

describe('helper protocol', () => {
  it.each([
    ['get', `${H}\n`, { action: 'get', serverURL: H }],
    ['get', `https://${H}`, { action: 'get', serverURL: `https://${H}` }],
    ['erase', `  ${H}  `, { action: 'erase', serverURL: H }],
    ['list', '', { action: 'list' }],
    ['store', JSON.stringify({ ServerURL: H, Username: 'AWS', Secret: 's' }), { action: 'store', credential: { ServerURL: H, Username: 'AWS', Secret: 's' } }],
  ] as const)('parses %s %j', (action, stdin, expected) => {
    expect(parseHelperRequest(parseHelperAction(action), stdin)).toEqual(expected);
  });

  it.each([
    ['get', '', 'no credentials server URL'],
    ['erase', '\n', 'no credentials server URL'],
    ['store', '{"Username":"AWS","Secret":"s"}', 'no credentials server URL'],
    ['store', `{"ServerURL":"${H}","Secret":"s"}`, 'no credentials username'],
    ['store', '{"Secret":"hunter2"', 'the credential on stdin is not valid JSON'],
    ['store', '[]', 'no credentials server URL'],
  ] as const)('rejects %s %j', (action, stdin, message) => {
    const error = (() => {
      try {
        parseHelperRequest(action, stdin);
      } catch (e) {
        return e as Error;
      }
    })();
    expect(isEcrAuthError(error, 'E_USAGE')).toBe(true);
    expect(error?.message).toBe(message);
  });

  it('rejects an unknown action with usage', () => {
    expect(() => parseHelperAction('version')).toThrow(/unknown credential helper action/);
    expect(() => parseHelperAction(undefined)).toThrow(/unknown/);
  });

  it('formats the get and list answers and the not-found text exactly', () => {
    expect(formatGetAnswer({ ServerURL: H, Username: 'AWS', Secret: 's' })).toBe(`{"ServerURL":"${H}","Username":"AWS","Secret":"s"}`);
    expect(formatListAnswer({ [H]: 'AWS' })).toBe(`{"${H}":"AWS"}`);
    expect(CREDENTIALS_NOT_FOUND).toBe('credentials not found in native keychain');
    expect(isCredentialsNotFound('credentials not found in native keychain\n')).toBe(true);
    expect(isCredentialsNotFound('error: something else')).toBe(false);
  });

  it('parses a helper get answer, tolerating a missing ServerURL', () => {
    expect(parseGetAnswer('{"Username":"AWS","Secret":"s"}')).toEqual({ ServerURL: '', Username: 'AWS', Secret: 's' });
    expect(parseGetAnswer('not json')).toBeUndefined();
    expect(parseGetAnswer('{"Username":1}')).toBeUndefined();
  });
});
