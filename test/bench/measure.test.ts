// The bench compares like with like: every command of a comparison runs with exactly the same environment (the
// `node -e 0` floor included), a comparison whose commands differ in any variable is refused before anything runs,
// and the report names that environment.
import { describe, expect, it } from 'vitest';
import { assertSameEnvironment, compare, environmentDifference, timeOnce } from '../../bench/lib/measure.ts';
import { bareNode, describeEnvironment, nodeEnvsOf } from '../../bench/lib/section.ts';

const env = { HOME: '/tmp/x', PATH: process.env.PATH ?? '/usr/bin:/bin' };
const printEnv = (label: string, e: Record<string, string>) => ({
  label,
  argv: [process.execPath, '-e', 'process.stdout.write(JSON.stringify(process.env))'],
  env: e,
});

describe('one environment per comparison', () => {
  it('names the variables in which two environments differ', () => {
    expect(environmentDifference({ A: '1', B: '2' }, { A: '1', B: '3', C: '4' })).toEqual(['B', 'C']);
    expect(environmentDifference(env, { ...env })).toEqual([]);
  });

  it('refuses a comparison whose floor lacks a variable the measured command has (NODE_EXTRA_CA_CERTS)', async () => {
    const measured = { label: 'ecr-auth', argv: [process.execPath, '-e', '0'], env: { ...env, NODE_EXTRA_CA_CERTS: '/etc/ssl/ca.pem' } };
    expect(() => assertSameEnvironment([bareNode(env), measured])).toThrow(/same environment.*NODE_EXTRA_CA_CERTS/);
    await expect(compare([bareNode(env), measured], { runs: 1, warmup: 0 })).rejects.toThrow(/NODE_EXTRA_CA_CERTS/);
  });

  it('refuses a comparison whose commands differ in any other variable', () => {
    const a = printEnv('a', env);
    const b = printEnv('b', { ...env, HOME: '/tmp/y' });
    expect(() => assertSameEnvironment([a, b])).toThrow(/HOME/);
  });

  it('gives each command exactly its environment, nothing inherited from the bench', async () => {
    const seen = await Promise.all([printEnv('a', env), printEnv('b', env)].map(timeOnce));
    const [a, b] = seen.map((run) => JSON.parse(run.stdout) as Record<string, string>);
    expect(a).toEqual(b);
    // bash (which times the command) adds only its own bookkeeping
    for (const name of Object.keys(a!).filter((n) => !(n in env))) expect(['PWD', 'SHLVL', '_', 'OLDPWD']).toContain(name);
    expect(a!.HOME).toBe('/tmp/x');
  });

  it('runs the floor with the environment it is given', () => {
    expect(bareNode(env).env).toBe(env);
  });
});

describe('the environment is part of the report', () => {
  it('measures without NODE_* variables, and also as started when the bench was started with one', () => {
    expect(nodeEnvsOf({ PATH: '/bin' })).toEqual([{ name: 'plain (no NODE_* variable)', vars: {} }]);
    const both = nodeEnvsOf({ PATH: '/bin', NODE_EXTRA_CA_CERTS: '/ca.pem' });
    expect(both).toHaveLength(2);
    expect(both[1]!.vars).toEqual({ NODE_EXTRA_CA_CERTS: '/ca.pem' });
  });

  it('names every variable, with the value of those that change a Node start', () => {
    const line = describeEnvironment({ ...env, NODE_EXTRA_CA_CERTS: '/ca.pem' });
    expect(line).toContain('HOME');
    expect(line).toContain('NODE_EXTRA_CA_CERTS=/ca.pem');
    expect(line).toMatch(/unset: NODE_OPTIONS, NODE_COMPILE_CACHE/);
  });
});
