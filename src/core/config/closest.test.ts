import { describe, expect, it } from 'vitest';
import { closest, didYouMean, editDistance } from './closest.ts';

describe('editDistance', () => {
  it.each([
    ['', '', 0],
    ['abc', 'abc', 0],
    ['dev-admn', 'dev-admin', 1],
    ['kitten', 'sitting', 3],
    ['', 'abc', 3],
    ['lgoin', 'login', 1],
    ['ab', 'ba', 1],
    ['ca', 'abc', 3],
  ])('%j -> %j = %d', (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
    expect(editDistance(b, a)).toBe(d);
  });
});

describe('closest', () => {
  const names = ['dev-admin', 'deployer', 'prod-admin', 'dev/ecr/primary'];
  it.each([
    ['dev-admn', 'dev-admin'],
    ['Dev-Admin', 'dev-admin'],
    ['deploye', 'deployer'],
    ['dev/ecr/primry', 'dev/ecr/primary'],
    ['dpeloyer', 'deployer'],
    ['production', undefined],
    ['x', undefined],
  ])('%j -> %j', (name, match) => expect(closest(name, names)).toBe(match));

  it('says nothing when there are no candidates', () => expect(didYouMean('a', [])).toBe(''));
  it('phrases the suggestion', () => expect(didYouMean('logn', ['login', 'logout'])).toBe(" (did you mean 'login'?)"));
});
