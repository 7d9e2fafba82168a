// Parsing a YAML config file: the text becomes plain data in which each Atmos YAML function (`!env`, `!exec`,
// `!include`, `!repo-root`, `!cwd`) is a YamlCall holding its tag, its argument text and its line, to be resolved
// later by yaml-functions.ts (parsing does no I/O). Any other tag is an error naming the tag and its line.
// Syntax errors name the line and column. The `yaml` package is loaded lazily: a remembered config never needs it.
import { EcrAuthError } from '../errors.ts';

/** The YAML functions ecr-auth resolves, as Atmos spells them. */
export const YAML_FUNCTIONS = ['!env', '!exec', '!include', '!repo-root', '!cwd'] as const;
export type YamlFunction = (typeof YAML_FUNCTIONS)[number];

/** One YAML function call found in a document, not yet resolved. */
export class YamlCall {
  readonly tag: YamlFunction;
  /** The argument text after the tag, as YAML delivered it (quotes of a quoted scalar removed). */
  readonly arg: string;
  /** 1-based line of the tag in its file (0 until known). */
  line = 0;
  constructor(tag: YamlFunction, arg: string) {
    this.tag = tag;
    this.arg = arg;
  }
}

/** The shape of a yaml-package error we read (code, message, offsets). */
interface YamlProblem {
  code: string;
  message: string;
  pos: [number, number];
}

const WORDS: Record<string, string> = { BAD_INDENT: 'bad indentation', DUPLICATE_KEY: 'duplicated mapping key' };

function syntaxError(file: string, detail: string, at: { line: number; col: number } | undefined): EcrAuthError {
  const where = at ? `${file}:${at.line}:${at.col}` : file;
  return new EcrAuthError('E_CONFIG', `${where}: invalid YAML: ${detail}`, { hint: 'fix the syntax at that line' });
}

function unknownTagError(file: string, tag: string, line: number): EcrAuthError {
  return new EcrAuthError('E_CONFIG', `${file}:${line}: unknown YAML tag ${tag}`, {
    hint: `ecr-auth resolves the YAML functions ${YAML_FUNCTIONS.join(', ')}; remove the tag or quote the value ('${tag} ...') to keep it as text`,
  });
}

/**
 * Parses YAML text into plain data with YamlCall markers; throws E_CONFIG naming `file` and the line for a syntax
 * error or an unknown tag. Aliases are bounded by the parser (at most 100 alias expansions).
 */
export async function parseYamlDocument(file: string, text: string): Promise<unknown> {
  const YAML = await import('yaml');
  const customTags = YAML_FUNCTIONS.map((tag) => ({
    tag,
    resolve: (value: string) => new YamlCall(tag, value),
    identify: (value: unknown) => value instanceof YamlCall && value.tag === tag,
  }));
  const lines = new YAML.LineCounter();
  const doc = YAML.parseDocument(text, { customTags, lineCounter: lines, prettyErrors: false, uniqueKeys: true, merge: true });
  const problem = doc.errors[0] as YamlProblem | undefined;
  if (problem) {
    const at = lines.linePos(problem.pos[0]);
    throw syntaxError(file, `${WORDS[problem.code] ?? problem.code.toLowerCase().replaceAll('_', ' ')}: ${problem.message}`, at);
  }
  let unknown: { tag: string; line: number } | undefined;
  const known = (tag: string) => tag.startsWith('tag:yaml.org,2002:') || (YAML_FUNCTIONS as readonly string[]).includes(tag);
  const visit = (node: { tag?: string; range?: [number, number, number] | null }) => {
    if (!unknown && node.tag && !known(node.tag)) unknown = { tag: node.tag, line: lines.linePos(node.range?.[0] ?? 0).line };
  };
  let misplaced: { tag: string; line: number; what: string } | undefined;
  const visitCollection = (node: { tag?: string; range?: [number, number, number] | null }, what: string) => {
    if (!misplaced && node.tag && (YAML_FUNCTIONS as readonly string[]).includes(node.tag)) {
      misplaced = { tag: node.tag, line: lines.linePos(node.range?.[0] ?? 0).line, what };
    }
    visit(node);
  };
  YAML.visit(doc, {
    Scalar(_key, node) {
      visit(node);
      if (node.value instanceof YamlCall) node.value.line = lines.linePos(node.range?.[0] ?? 0).line;
    },
    Map(_key, node) {
      visitCollection(node, 'a map');
    },
    Seq(_key, node) {
      visitCollection(node, 'a list');
    },
  });
  if (unknown) throw unknownTagError(file, unknown.tag, unknown.line);
  if (misplaced) {
    throw new EcrAuthError('E_CONFIG', `${file}:${misplaced.line}: ${misplaced.tag} takes text after it, not ${misplaced.what}`, {
      hint: `write it on one line, like \`key: ${misplaced.tag} VALUE\``,
    });
  }
  try {
    return doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    const message = (error as Error).message;
    if (/alias count/i.test(message)) {
      // the yaml package's guard against alias bombs (a few hundred bytes that expand to millions of values)
      throw new EcrAuthError('E_CONFIG', `${file}: its YAML aliases (*name) expand too far (more than 100 alias expansions): refused as an alias bomb`, {
        hint: 'write the repeated parts out, or use fewer aliases: a config never needs this many',
      });
    }
    throw syntaxError(file, message, undefined);
  }
}
