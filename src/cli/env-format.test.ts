import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { dotenvQuote, formatEnvironment, githubEnvLines, githubMasks, shellQuote } from './env-format.ts';

const vars = {
  AWS_ACCESS_KEY_ID: 'ASIAEXAMPLE',
  AWS_SECRET_ACCESS_KEY: 'abc/def+ghi=',
  AWS_SESSION_TOKEN: 'tok"en$with\'quotes',
  AWS_REGION: 'us-east-1',
};

describe('shell quoting', () => {
  it.each([
    ['plain', "'plain'"],
    ['', "''"],
    ["it's", "'it'\\''s'"],
    ['$HOME `id` $(id) "x" \\n', "'$HOME `id` $(id) \"x\" \\n'"],
  ])('%j -> %s', (value, quoted) => expect(shellQuote(value)).toBe(quoted));

  it('bash output round-trips through a real shell', () => {
    const script = `${formatEnvironment(vars, 'bash')}printf '%s\\n' "$AWS_SECRET_ACCESS_KEY" "$AWS_SESSION_TOKEN"`;
    expect(execFileSync('sh', ['-c', script], { encoding: 'utf8' })).toBe(`${vars.AWS_SECRET_ACCESS_KEY}\n${vars.AWS_SESSION_TOKEN}\n`);
  });
});

describe('dotenv quoting', () => {
  it.each([
    ['ASIAEXAMPLE', 'ASIAEXAMPLE'],
    ['abc/def+ghi=', 'abc/def+ghi='],
    ['', "''"],
    ['has space', "'has space'"],
    ['$HOME', "'$HOME'"],
    ["it's", `"it's"`],
    ['a"b\'c$d\ne\\f', `"a\\"b'c\\$d\\ne\\\\f"`],
  ])('%j -> %s', (value, quoted) => expect(dotenvQuote(value)).toBe(quoted));
});

describe('formatEnvironment', () => {
  it('bash', () => expect(formatEnvironment({ A: 'x', B: "y'z" }, 'bash')).toBe("export A='x'\nexport B='y'\\''z'\n"));
  it('dotenv', () => expect(formatEnvironment({ A: 'x', B: 'y z' }, 'dotenv')).toBe("A=x\nB='y z'\n"));
  it('json', () => expect(JSON.parse(formatEnvironment(vars, 'json'))).toEqual(vars));
  it('env (Atmos): NAME=value, nothing quoted, as docker --env-file reads it', () =>
    expect(formatEnvironment({ A: 'x', B: "y 'z'" }, 'env')).toBe("A=x\nB=y 'z'\n"));
  it('env refuses a value with a line break', () => expect(() => formatEnvironment({ A: 'x\ny' }, 'env')).toThrow(/has a line break, which --format env cannot hold/));
  it('rejects a name a shell cannot take', () => expect(() => formatEnvironment({ 'A-B': 'x' }, 'bash')).toThrow(/not a valid environment variable name/));
});

describe('GitHub Actions', () => {
  it('masks each secret value, and not the region', () => {
    expect(githubMasks(vars)).toBe(`::add-mask::ASIAEXAMPLE\n::add-mask::abc/def+ghi=\n::add-mask::${vars.AWS_SESSION_TOKEN}\n`);
  });

  it('masks every line of a multi-line secret', () => {
    expect(githubMasks({ AWS_SESSION_TOKEN: 'a\nb' })).toBe('::add-mask::a\n::add-mask::b\n');
  });

  it('writes NAME=value, and the heredoc form for a value with a newline', () => {
    expect(githubEnvLines({ A: 'x=y', B: 'l1\nl2' }, 'EOF_1')).toBe('A=x=y\nB<<EOF_1\nl1\nl2\nEOF_1\n');
  });
});
