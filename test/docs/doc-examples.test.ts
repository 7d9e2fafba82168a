// Every example in README.md, docs/ and examples/**/README.md is checked, so an example that rots fails CI:
// - YAML: parses; an ecr-auth config (an `auth:` document, or one with providers/identities/integrations) passes
//   validateConfig with no error and no warning; a CI workflow's `run:` lines are checked as shell;
// - JSON: parses (a `"key": {...}` fragment as the object it belongs in); an Nx target using an ecr-auth executor
//   names one that exists and only options its schema.json declares;
// - shell (```bash blocks and 4-space indented blocks): every `ecr-auth` command is in the CLI's command table and
//   uses only flags that command or every command accepts; `nx g ecr-auth:<gen>` flags are in the generator's
//   schema; `npm run <script>` names a script of the package.json beside the document.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { GLOBAL_OPTIONS } from '../../src/cli/args.ts';
import { COMMANDS } from '../../src/cli/commands/index.ts';
import { validateConfig } from '../../src/core/config/validate.ts';

const REPO = join(import.meta.dirname, '..', '..');

interface Block {
  file: string;
  lang: string;
  text: string;
}

function documents(): string[] {
  const found = ['README.md', ...readdirSync(join(REPO, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];
  const walk = (dir: string) => {
    for (const entry of readdirSync(join(REPO, dir), { withFileTypes: true })) {
      const path = `${dir}/${entry.name}`;
      if (entry.isDirectory() && entry.name !== 'node_modules') walk(path);
      else if (entry.name.endsWith('.md')) found.push(path);
    }
  };
  walk('examples');
  return found;
}

/** Fenced blocks with their language, and 4-space indented blocks (after a blank line) as shell. */
export function blocksOf(file: string, markdown: string): Block[] {
  const blocks: Block[] = [];
  // a fence may be indented (inside a list item): its lines lose that indent
  for (const match of markdown.matchAll(/^( *)```(\w*)\n([\s\S]*?)^\1```/gm)) {
    const indent = new RegExp(`^ {0,${match[1]!.length}}`, 'gm');
    blocks.push({ file, lang: match[2] || 'text', text: match[3]!.replace(indent, '') });
  }
  const outsideFences = markdown.replace(/^( *)```[\s\S]*?^\1```/gm, '');
  for (const match of outsideFences.matchAll(/\n\n((?: {4}\S.*\n)+)/g)) {
    blocks.push({ file, lang: 'bash', text: match[1]!.replace(/^ {4}/gm, '') });
  }
  return blocks;
}

const ALL = documents().flatMap((file) => blocksOf(file, readFileSync(join(REPO, file), 'utf8')));

/** Shell lines of a block: continuations joined, comments and shown output (✓ ...) dropped, split at && ; |. */
export function shellCommands(text: string): string[][] {
  const lines = text.replace(/\\\n\s*/g, ' ').split('\n');
  const commands: string[][] = [];
  for (const raw of lines) {
    const line = raw.replace(/(^|\s)#.*$/, '').trim();
    if (line === '' || /^[✓✗!›$]/.test(line)) continue;
    for (const part of line.split(/&&|;|\|/)) {
      const words = part.trim().match(/"[^"]*"|'[^']*'|\S+/g) ?? [];
      if (words.length > 0) commands.push(words);
    }
  }
  return commands;
}

/** The `ecr-auth ...` argv of a command line, however it is launched (npx, yarn, deno run, a checkout). */
export function ecrAuthArgs(words: string[]): string[] | undefined {
  const at = words.findIndex((w) => w === 'ecr-auth' || w === 'npm:ecr-auth' || w === 'src/cli/main.ts' || w === 'dist/cli/main.js');
  if (at === -1) return undefined;
  const launcher = words.slice(0, at);
  if (!launcher.every((w) => ['npx', 'yarn', 'pnpm', 'deno', 'run', 'node'].includes(w) || w.startsWith('-'))) return undefined;
  return words.slice(at + 1);
}

/** What is wrong with an `ecr-auth` argv: an unknown command, or a flag neither it nor every command accepts. */
export function ecrAuthProblems(args: string[]): string[] {
  const [name, ...rest] = args;
  if (name === undefined || name === '--version' || name === '--help' || name === '-h') return [];
  const command = COMMANDS.get(name);
  if (!command) return [`unknown command ${name}`];
  const problems: string[] = [];
  for (const word of rest) {
    if (word === '--') break;
    if (!word.startsWith('--')) continue;
    const flag = word.slice(2).split('=')[0]!;
    if (!(flag in command.options) && !(flag in GLOBAL_OPTIONS)) problems.push(`${name}: unknown flag --${flag}`);
  }
  return problems;
}

function schemaProperties(path: string): Set<string> {
  const schema = JSON.parse(readFileSync(join(REPO, path), 'utf8')) as { properties: Record<string, { aliases?: string[] }> };
  return new Set(Object.entries(schema.properties).flatMap(([key, spec]) => [key, ...(spec.aliases ?? [])]));
}

function shellProblems(block: Block, text = block.text): string[] {
  const problems: string[] = [];
  const scriptsBeside = (() => {
    const pkg = join(REPO, dirname(block.file), 'package.json');
    return existsSync(pkg) ? new Set(Object.keys(JSON.parse(readFileSync(pkg, 'utf8')).scripts ?? {})) : undefined;
  })();
  for (const words of shellCommands(text)) {
    const args = ecrAuthArgs(words);
    if (args) problems.push(...ecrAuthProblems(args));
    const g = words.indexOf('g');
    if ((words[0] === 'nx' || words[1] === 'nx') && g !== -1 && words[g + 1]?.startsWith('ecr-auth:')) {
      const generator = words[g + 1]!.slice('ecr-auth:'.length);
      const schema = `src/generators/${generator}/schema.json`;
      if (!existsSync(join(REPO, schema))) problems.push(`unknown generator ecr-auth:${generator}`);
      else {
        const known = schemaProperties(schema);
        for (const word of words.slice(g + 2)) if (word.startsWith('--') && !known.has(word.slice(2).split('=')[0]!)) problems.push(`ecr-auth:${generator}: unknown option ${word}`);
      }
    }
    if (words[0] === 'npm' && words[1] === 'run' && scriptsBeside && words[2] && !scriptsBeside.has(words[2])) problems.push(`npm run ${words[2]}: no such script beside ${block.file}`);
  }
  return problems.map((p) => `${block.file}: ${p}`);
}

const isConfig = (doc: unknown) =>
  typeof doc === 'object' && doc !== null && ('auth' in doc || 'providers' in doc || 'identities' in doc || 'integrations' in doc);

describe('examples in the documentation', () => {
  it('finds the examples (README, docs/, examples/)', () => {
    expect(ALL.filter((b) => b.lang === 'yaml').length).toBeGreaterThanOrEqual(2);
    expect(ALL.filter((b) => b.lang === 'json').length).toBeGreaterThanOrEqual(1);
    expect(ALL.filter((b) => b.lang === 'bash').length).toBeGreaterThanOrEqual(7);
    expect(new Set(ALL.map((b) => b.file))).toContain('docs/ci.md');
  });

  it('every YAML block parses; every config in one validates with no error or warning', () => {
    let configs = 0;
    for (const block of ALL.filter((b) => b.lang === 'yaml' || b.lang === 'yml')) {
      const doc = parse(block.text);
      if (isConfig(doc)) {
        configs += 1;
        const { errors, warnings } = validateConfig(doc, block.file);
        expect(errors, `${block.file}:\n${block.text}`).toEqual([]);
        expect(warnings, `${block.file}:\n${block.text}`).toEqual([]);
      }
      // a CI workflow's run: steps are shell
      const runs = JSON.stringify(doc).match(/"run":"((?:[^"\\]|\\.)*)"/g) ?? [];
      for (const run of runs) expect(shellProblems(block, JSON.parse(`{${run}}`).run)).toEqual([]);
    }
    expect(configs).toBeGreaterThanOrEqual(1);
  });

  it('every JSON block parses; ecr-auth executors in it exist and get only options their schema declares', () => {
    for (const block of ALL.filter((b) => b.lang === 'json')) {
      const text = block.text.trim();
      const doc = JSON.parse(text.startsWith('"') ? `{${text}}` : text) as unknown;
      const targets = JSON.stringify(doc).includes('"executor"') ? Object.values(doc as Record<string, { executor?: string; options?: object }>) : [];
      for (const target of targets) {
        if (!target.executor?.startsWith('ecr-auth:')) continue;
        const name = target.executor.slice('ecr-auth:'.length);
        const schema = `src/executors/${name}/schema.json`;
        expect(existsSync(join(REPO, schema)), `${block.file}: executor ${target.executor}`).toBe(true);
        const known = schemaProperties(schema);
        expect(Object.keys(target.options ?? {}).filter((key) => !known.has(key)), block.file).toEqual([]);
      }
    }
  });

  it('every shell example uses commands and flags that exist', () => {
    const problems = ALL.filter((b) => b.lang === 'bash' || b.lang === 'sh' || b.lang === 'shell').flatMap((b) => shellProblems(b));
    expect(problems).toEqual([]);
  });

  it('the checks catch a rotten example', () => {
    expect(ecrAuthProblems(['lgoin'])).toEqual(['unknown command lgoin']);
    expect(ecrAuthProblems(['ecr-login', '--registry', 'x', '--no-such-flag'])).toEqual(['ecr-login: unknown flag --no-such-flag']);
    expect(ecrAuthProblems(['exec', '--', 'docker', '--anything'])).toEqual([]);
    expect(ecrAuthArgs(['deno', 'run', '-A', 'npm:ecr-auth', 'login'])).toEqual(['login']);
    expect(shellCommands('npx ecr-auth login   # once\n✓ ECR login: x\nnx g ecr-auth:init --a 1 \\\n  --b 2')).toEqual([
      ['npx', 'ecr-auth', 'login'],
      ['nx', 'g', 'ecr-auth:init', '--a', '1', '--b', '2'],
    ]);
    const bad = validateConfig(parse('auth:\n  identities:\n    d:\n      kind: aws/assume-role\n      via: { identity: d }\n      principal: { assume_role: "arn:aws:iam::111111111111:role/D", external_id: x }\n'));
    expect(bad.errors.length).toBeGreaterThan(0);
    expect(relative(REPO, join(REPO, 'README.md'))).toBe('README.md');
  });
});
