import { describe, expect, it } from 'vitest';
import { findAccount, literalAccountId } from './account-id.ts';

const accounts = [
  { accountId: '123456789012', accountName: 'dev' },
  { accountId: '210987654321', accountName: 'prod' },
  { accountId: '333333333333', accountName: 'Shared' },
  { accountId: '444444444444', accountName: 'shared' },
];

describe('account references', () => {
  it('uses an id as is, and a 12-digit name as an id', () => {
    expect(literalAccountId({ id: '123456789012' })).toBe('123456789012');
    expect(literalAccountId({ name: '123456789012' })).toBe('123456789012');
    expect(literalAccountId({ name: 'dev' })).toBeUndefined();
  });
  it('finds by exact name, then case-insensitively, and refuses an ambiguous fold', () => {
    expect(findAccount(accounts, 'prod')?.accountId).toBe('210987654321');
    expect(findAccount(accounts, 'DEV')?.accountId).toBe('123456789012');
    expect(findAccount(accounts, 'Shared')?.accountId).toBe('333333333333');
    expect(findAccount(accounts, 'SHARED')).toBeUndefined();
    expect(findAccount(accounts, 'staging')).toBeUndefined();
  });
});
