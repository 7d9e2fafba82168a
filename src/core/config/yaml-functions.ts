// Resolving the Atmos YAML functions of a parsed config (the YamlCall markers of yaml-document.ts):
//   !env VAR [DEFAULT]   the variable's value; DEFAULT (quoted when it has spaces) or null when it is not set
//   !exec COMMAND        runs COMMAND with `sh -c` in the working directory; its stdout, trimmed (JSON objects and
//                        lists are parsed); a failure names the line and the exit code, never the output
//   !include PATH        a file relative to the including file: .yaml/.yml and .json are parsed (their own functions
//                        resolved relative to them), any other file is its text
//   !repo-root [DEFAULT] the git work tree holding the working directory, else DEFAULT, else an error
//   !cwd [PATH]          the working directory, or PATH resolved against it
// Calls inside an entry that will be set aside (its kind is out of scope) are not run. What the result depends on
// (variables, the working directory, included files, commands) is returned for the remembered-config memo.
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { dirname, extname, isAbsolute, resolve } from 'node:path';
import { EcrAuthError } from '../errors.ts';
import { gitWorkTreeOf } from '../fs/git-work-tree.ts';
import type { Env } from '../paths.ts';
import { YamlCall, parseYamlDocument } from './yaml-document.ts';

/** Runs a shell command for !exec: its exit code and stdout. */
export type RunCommand = (command: string, options: { cwd: string; env: Env }) => Promise<{ code: number | null; stdout: string }>;

export interface YamlFunctionContext {
  /** The file the calls come from (!include is relative to it). */
  file: string;
  cwd: string;
  env: Env;
  /** !exec's runner; default: `sh -c` through node:child_process. */
  run?: RunCommand;
  /** True for a value (by its path in the document) whose calls must not run: an entry that will be set aside. */
  setAside?: (path: readonly (string | number)[], value: Record<string, unknown>) => boolean;
}

/** What a resolved document depends on besides its own text. */
export interface YamlInputs {
  /** Variables read by !env. */
  env: string[];
  /** True when !cwd or !repo-root was used. */
  cwd: boolean;
  /** Included files and a digest of the text each had. */
  include: Array<{ path: string; digest: string }>;
  /** True when !exec ran: the result can change at any time. */
  exec: boolean;
  /** Outputs of !exec: kept out of every message. */
  secrets: string[];
}

const MAX_INCLUDE_DEPTH = 8;
const MAX_INCLUDE_BYTES = 1024 * 1024;
const EXEC_TIMEOUT_MS = 60_000;

/** Splits an argument like the Atmos function parser: words separated by spaces, "double" or 'single' quoted. */
export function splitArguments(text: string): string[] {
  const words: string[] = [];
  const pattern = /"((?:[^"\\]|\\.)*)"|'([^']*)'|(\S+)/g;
  for (const match of text.trim().matchAll(pattern)) {
    words.push(match[1] !== undefined ? match[1].replace(/\\(.)/g, '$1') : (match[2] ?? match[3]!));
  }
  return words;
}

function callError(file: string, call: YamlCall, message: string, hint: string): EcrAuthError {
  return new EcrAuthError('E_CONFIG', `${file}:${call.line}: ${call.tag} ${message}`, { hint });
}

const runWithShell: RunCommand = async (command, { cwd, env }) => {
  const { spawn } = await import('node:child_process');
  return new Promise((done, fail) => {
    const child = spawn('sh', ['-c', command], { cwd, env: env as Record<string, string>, stdio: ['ignore', 'pipe', 'ignore'], timeout: EXEC_TIMEOUT_MS });
    const chunks: Buffer[] = [];
    let size = 0;
    child.stdout.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_INCLUDE_BYTES) chunks.push(chunk);
      else child.kill();
    });
    child.on('error', fail);
    child.on('close', (code) => done({ code: size > MAX_INCLUDE_BYTES ? -1 : code, stdout: Buffer.concat(chunks).toString('utf8') }));
  });
};

async function readIncluded(path: string): Promise<string> {
  const info = await stat(path);
  if (!info.isFile()) throw new Error('is not a regular file');
  if (info.size > MAX_INCLUDE_BYTES) throw new Error(`is larger than ${MAX_INCLUDE_BYTES} bytes`);
  return readFile(path, 'utf8');
}

class Resolver {
  readonly inputs: YamlInputs = { env: [], cwd: false, include: [], exec: false, secrets: [] };
  private readonly ctx: YamlFunctionContext;
  constructor(ctx: YamlFunctionContext) {
    this.ctx = ctx;
  }

  async value(value: unknown, file: string, path: (string | number)[], stack: string[]): Promise<unknown> {
    if (value instanceof YamlCall) return this.call(value, file, stack);
    if (Array.isArray(value)) {
      const out: unknown[] = [];
      for (const [index, item] of value.entries()) out.push(await this.value(item, file, [...path, index], stack));
      return out;
    }
    if (typeof value === 'object' && value !== null) {
      const record = value as Record<string, unknown>;
      if (this.ctx.setAside?.(path, record)) return withoutCalls(record);
      const out: Record<string, unknown> = Object.create(null);
      for (const [key, item] of Object.entries(record)) out[key] = await this.value(item, file, [...path, key], stack);
      return { ...out };
    }
    return value;
  }

  private async call(call: YamlCall, file: string, stack: string[]): Promise<unknown> {
    const { env, cwd } = this.ctx;
    const args = splitArguments(call.arg);
    switch (call.tag) {
      case '!env': {
        if (args.length < 1 || args.length > 2) {
          throw callError(file, call, `takes a variable name and an optional default, got ${args.length} words`,
            'write `!env NAME` or `!env NAME default`; quote a default that has spaces: !env \'NAME "a default"\'');
        }
        if (!this.inputs.env.includes(args[0]!)) this.inputs.env.push(args[0]!);
        const found = env[args[0]!];
        return found !== undefined ? found : (args[1] ?? null);
      }
      case '!cwd':
        this.inputs.cwd = true;
        if (args.length > 1) throw callError(file, call, 'takes at most one path', 'write `!cwd` or `!cwd ./relative/path`');
        return args[0] === undefined ? resolve(cwd) : resolve(cwd, args[0]);
      case '!repo-root': {
        this.inputs.cwd = true;
        const root = await gitWorkTreeOf(cwd);
        if (root !== undefined) return root;
        if (call.arg.trim() !== '') return args.join(' ');
        throw callError(file, call, `found no git repository at or above ${resolve(cwd)}`, 'run from inside the repository, or give a default: `!repo-root /some/path`');
      }
      case '!include':
        return this.include(call, file, args, stack);
      case '!exec':
        return this.exec(call, file);
    }
  }

  private async include(call: YamlCall, file: string, args: string[], stack: string[]): Promise<unknown> {
    if (args.length !== 1) {
      throw callError(file, call, args.length === 0 ? 'needs a file path' : 'takes one local file path (remote sources and yq expressions are not supported)',
        'write `!include path/relative/to/this/file.yaml`');
    }
    const target = isAbsolute(args[0]!) ? args[0]! : resolve(dirname(file), args[0]!);
    if (stack.includes(target) || stack.length >= MAX_INCLUDE_DEPTH) {
      throw callError(file, call, `${target} includes itself (or nests deeper than ${MAX_INCLUDE_DEPTH})`, 'break the cycle of !include');
    }
    let text: string;
    try {
      text = await readIncluded(target);
    } catch (error) {
      const reason = (error as { code?: string }).code === 'ENOENT' ? 'does not exist' : (error as Error).message;
      throw callError(file, call, `cannot read ${target}: ${reason}`, 'point it at an existing file, relative to the file that includes it');
    }
    this.inputs.include.push({ path: target, digest: createHash('sha256').update(text).digest('hex') });
    const ext = extname(target).toLowerCase();
    if (ext === '.json') {
      try {
        return JSON.parse(text) as unknown;
      } catch (error) {
        throw callError(file, call, `${target} is not valid JSON: ${(error as Error).message}`, 'fix the included file');
      }
    }
    if (ext === '.yaml' || ext === '.yml') {
      return this.value(await parseYamlDocument(target, text), target, [], [...stack, target]);
    }
    return text;
  }

  private async exec(call: YamlCall, file: string): Promise<unknown> {
    this.inputs.exec = true;
    const command = call.arg.trim();
    if (command === '') throw callError(file, call, 'needs a command', 'write `!exec some-command args`');
    const run = this.ctx.run ?? runWithShell;
    let result: { code: number | null; stdout: string };
    try {
      result = await run(command, { cwd: this.ctx.cwd, env: this.ctx.env });
    } catch (error) {
      throw callError(file, call, `could not start its command: ${(error as Error).message}`, 'check that `sh` and the command exist');
    }
    if (result.code !== 0) {
      throw callError(file, call, `command failed (exit ${result.code ?? 'on a signal'}); its output is not shown, as it may hold secrets`,
        'run the command yourself to see what went wrong');
    }
    const output = result.stdout.trim();
    if (output.length >= 4) this.inputs.secrets.push(output);
    if (/^[[{]/.test(output)) {
      try {
        const parsed = JSON.parse(output) as unknown;
        this.inputs.secrets.push(...leaves(parsed).filter((text) => text.length >= 4));
        return parsed;
      } catch {
        return output;
      }
    }
    return output;
  }
}

/** The strings and numbers inside a parsed value, as text. */
function leaves(value: unknown): string[] {
  if (typeof value === 'string' || typeof value === 'number') return [String(value)];
  if (Array.isArray(value)) return value.flatMap(leaves);
  if (typeof value === 'object' && value !== null) return Object.values(value).flatMap(leaves);
  return [];
}

/** A copy of a set-aside value with its calls left as their text (`!env NAME`): they are never run. */
function withoutCalls(value: unknown): unknown {
  if (value instanceof YamlCall) return `${value.tag} ${value.arg}`.trim();
  if (Array.isArray(value)) return value.map(withoutCalls);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([key, item]) => [key, withoutCalls(item)]));
  }
  return value;
}

/** True when a parsed document holds any YAML function call. */
export function hasYamlCalls(value: unknown): boolean {
  if (value instanceof YamlCall) return true;
  if (Array.isArray(value)) return value.some(hasYamlCalls);
  if (typeof value === 'object' && value !== null) return Object.values(value).some(hasYamlCalls);
  return false;
}

/** Resolves every YAML function call of a parsed document; throws E_CONFIG naming the file and line of a failure. */
export async function resolveYamlFunctions(value: unknown, ctx: YamlFunctionContext): Promise<{ value: unknown; inputs: YamlInputs }> {
  const resolver = new Resolver(ctx);
  const resolved = await resolver.value(value, ctx.file, [], [resolve(ctx.file)]);
  return { value: resolved, inputs: resolver.inputs };
}
