import { describe, expect, it } from 'vitest';
import { commandLines, forwardedArgs, shellQuote } from './commands.ts';

const OWN = new Set(['command', 'identity', 'args']);

describe('commandLines', () => {
  it.each([
    [{ command: 'docker push x' }, ['docker push x']],
    [{ command: ['echo', 'a b', "it's", '$HOME'] }, [`echo 'a b' 'it'\\''s' '$HOME'`]],
    [{ commands: ['a', { command: 'b' }, '  '] }, ['a', 'b']],
    [{ command: 'docker push x', args: '--quiet' }, ['docker push x --quiet']],
    [{ commands: ['a', 'b'], args: ['--x', 'y z'] }, [`a --x 'y z'`, `b --x 'y z'`]],
    [{ command: 'run', __unparsed__: ['--identity=dev', '--tag', 'v1', '--no-identity'] }, ['run --tag v1']],
    [{}, []],
    [{ command: '   ' }, []],
  ])('%j', (options, expected) => {
    expect(commandLines(options, OWN, 'linux')).toEqual(expected);
  });

  it('quotes for cmd.exe on Windows', () => {
    expect(shellQuote('a "b"', 'win32')).toBe('"a ""b"""');
    expect(shellQuote('', 'linux')).toBe("''");
  });

  it('forwardedArgs keeps positional words and unknown flags', () => {
    expect(forwardedArgs(['x', '--command=y', '--all-tags'], OWN)).toEqual(['x', '--all-tags']);
  });
});
