import { describe, expect, it } from 'vitest';
import { isEcrAuthError } from '../core/errors.ts';
import { GLOBAL_OPTIONS, firstPositional, parseCommandArgs } from './args.ts';
import type { OptionSpecs } from './args.ts';

const specs: OptionSpecs = {
  ...GLOBAL_OPTIONS,
  identity: { type: 'string', description: '' },
  registry: { type: 'string', multiple: true, description: '' },
};

describe('parseCommandArgs', () => {
  it.each([
    [[], {}, []],
    [['dev/ecr/primary', 'public'], {}, ['dev/ecr/primary', 'public']],
    [['--identity', 'dev-admin'], { identity: 'dev-admin' }, []],
    [['--identity=team.admin', 'x'], { identity: 'team.admin' }, ['x']],
    [['--registry', 'a', '--registry=b'], { registry: ['a', 'b'] }, []],
    [['--json', '--verbose', '--no-browser', '--config', 'c.yaml', '--min-validity', '1h'], { json: true, verbose: true, 'no-browser': true, config: 'c.yaml', 'min-validity': '1h' }, []],
    [['-h'], { help: true }, []],
    [['--', '--not-a-flag'], {}, ['--not-a-flag']],
  ])('%j', (args, options, positionals) => {
    const parsed = parseCommandArgs('ecr-login', specs, args);
    expect(parsed.options).toMatchObject(options);
    expect(parsed.positionals).toEqual(positionals);
  });

  it('maps the global flags', () => {
    expect(parseCommandArgs('x', specs, ['--json', '--no-browser', '--min-validity', '2h', '--config', 'f']).globals).toEqual({
      json: true, verbose: false, noBrowser: true, help: false, minValidity: '2h', config: 'f',
    });
  });

  it.each([
    [['--idenity', 'x'], /^unknown option --idenity for `ecr-auth ecr-login` \(did you mean --identity\?\)$/],
    [['--identity=x', '--regsitry=h'], /unknown option --regsitry for .*did you mean --registry\?/],
    [['--frobnicate'], /^unknown option --frobnicate for `ecr-auth ecr-login`$/],
    [['-x'], /unknown option -x/],
    [['--identity'], /^--identity needs a value$/],
    [['--identity', '--json'], /^--identity needs a value \(for one that starts with "-", write --identity=VALUE\)$/],
    [['--json=yes'], /^--json takes no value$/],
  ])('%j is a usage error (exit 2)', (args, message) => {
    try {
      parseCommandArgs('ecr-login', specs, args);
      expect.unreachable();
    } catch (error) {
      expect(isEcrAuthError(error, 'E_USAGE')).toBe(true);
      expect((error as { exitCode: number }).exitCode).toBe(2);
      expect((error as Error).message).toMatch(message);
      expect((error as { hint: string }).hint).toBe('see `ecr-auth ecr-login --help`');
    }
  });
});

describe('firstPositional', () => {
  it.each([
    [['login'], { index: 0, terminator: false }],
    [['--json', 'login', 'x'], { index: 1, terminator: false }],
    [['--config', 'a.yaml', 'validate'], { index: 2, terminator: false }],
    [['--config=a.yaml', 'validate'], { index: 1, terminator: false }],
    [['--identity', 'dev', 'docker', 'push', '--all-tags'], { index: 2, terminator: false }],
    [['--identity', 'dev', '--', 'docker', 'ps'], { index: 3, terminator: true }],
    [['-h', 'status'], { index: 1, terminator: false }],
    [['--json'], undefined],
    [['--'], undefined],
    [[], undefined],
  ])('%j', (args, expected) => expect(firstPositional(args, specs)).toEqual(expected));
});

describe('flags with an optional value (Atmos `-i` with no value picks on a terminal)', () => {
  const specs = {
    identity: { type: 'string' as const, short: 'i', optionalValue: true, description: '' },
    registry: { type: 'string' as const, short: 'r', multiple: true, description: '' },
    public: { type: 'boolean' as const, description: '' },
  };

  it.each([
    [['-i'], { identity: '' }],
    [['-i', '--public'], { identity: '', public: true }],
    [['--identity', '--', 'x'], { identity: '' }],
    [['-i', 'dev'], { identity: 'dev' }],
    [['--identity=dev'], { identity: 'dev' }],
    [['-r', 'a', '-r', 'b', '-i'], { registry: ['a', 'b'], identity: '' }],
  ])('%j', (argv, expected) => {
    expect(parseCommandArgs('ecr-login', specs, argv).options).toMatchObject(expected);
  });

  it('a short flag taking a value is skipped with its value when looking for the first positional (exec -i ID -- CMD)', () => {
    expect(firstPositional(['-i', 'dev', '--', 'env'], specs)).toEqual({ index: 3, terminator: true });
    expect(firstPositional(['-i', '--', 'env'], specs)).toEqual({ index: 2, terminator: true });
    expect(firstPositional(['-r', 'host', 'cmd'], specs)).toEqual({ index: 2, terminator: false });
  });
});
