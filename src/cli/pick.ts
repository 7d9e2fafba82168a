// Choosing an identity the way Atmos users expect: `-i` with no value, or several identities marked default: true,
// ask on a terminal (a numbered list on stderr, the answer read from stdin); without a terminal it is a usage error
// that lists the choices.
import { createInterface } from 'node:readline';
import type { CoreContext } from '../core/context.ts';
import { severalDefaultsError } from '../core/identity/subject.ts';
import { usageError } from './args.ts';
import type { Runtime } from './command.ts';

/** Reads one line from stdin after printing `question` on stderr; undefined at end of input. */
async function ask(rt: Runtime, question: string): Promise<string | undefined> {
  rt.io.stderr.write(question);
  const lines = createInterface({ input: rt.io.stdin, terminal: false });
  try {
    for await (const line of lines) return line.trim();
    return undefined;
  } finally {
    lines.close();
  }
}

/** Asks which of `choices` to use; a number or a name is accepted, anything else asks again (three times at most). */
export async function pickOne(rt: Runtime, what: string, choices: readonly string[]): Promise<string> {
  const menu = choices.map((name, index) => `  ${index + 1}) ${name}\n`).join('');
  for (let attempt = 0; attempt < 3; attempt++) {
    const answer = await ask(rt, `Choose ${what}:\n${menu}> `);
    if (answer === undefined) break;
    const byNumber = /^\d+$/.test(answer) ? choices[Number(answer) - 1] : undefined;
    const chosen = byNumber ?? choices.find((name) => name === answer);
    if (chosen !== undefined) return chosen;
    rt.io.stderr.write(`"${answer}" is not one of them\n`);
  }
  throw usageError(`no ${what} chosen`, `name one with --identity (${choices.join(', ')})`);
}

/**
 * The identity a command runs as: the one named; for a bare `-i`/`--identity` (value ""), one picked on a terminal;
 * with nothing named and several default: true identities, one of those picked on a terminal. Undefined leaves the
 * choice to the core (the single default, or the only identity). Without a terminal, a choice to make is an error.
 */
export async function chooseIdentity(rt: Runtime, ctx: CoreContext, given: string | undefined): Promise<string | undefined> {
  if (given !== undefined && given !== '') return given;
  const { config } = ctx;
  if (given === '') {
    const names = Object.keys(config.identities);
    if (names.length === 0) throw usageError('there is no identity to choose from', 'add one to the config, or drop -i/--identity');
    if (!ctx.interaction.human) {
      throw usageError('-i/--identity needs a value here: there is no terminal to pick one on', `name one: --identity ${names.join(' | ')}`);
    }
    return pickOne(rt, 'an identity', names);
  }
  const defaults = config.defaultIdentities;
  if (config.defaultIdentity === undefined && defaults && defaults.length > 1) {
    if (!ctx.interaction.human) throw severalDefaultsError(defaults);
    return pickOne(rt, 'an identity (several are marked default: true)', defaults);
  }
  return undefined;
}
