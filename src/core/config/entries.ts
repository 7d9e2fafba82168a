// Checks the entries of one section (providers, identities or integrations) against the kind table: picks the
// schema by `kind`, turns keys the schema does not know into warnings, drops Atmos-only kinds with a warning,
// and converts what passes into model objects.
import type { z } from 'zod';
import { didYouMean } from './closest.ts';
import type { IssueList } from './issues.ts';
import { fromZodIssue, joinPath, showValue } from './issues.ts';
import type { KindRow, Section } from './kinds.ts';
import { isAtmosOnlyKind } from './kinds.ts';
import { nameRecord, own } from './names.ts';
import { hasControlCharacters, printableLine } from '../printable.ts';

/** The entries of a section that passed, the Atmos-only ones dropped (name -> kind), and those with errors. */
export interface SectionResult<T> {
  entries: Record<string, T>;
  dropped: Record<string, string>;
  /** Names whose entry had errors (already reported): references to them are not reported again. */
  invalid: Set<string>;
}

/** True for a plain object (not null, not an array). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

type Def = { type: string; shape?: Record<string, z.ZodType>; innerType?: z.ZodType; in?: z.ZodType };
const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** The keys an object schema accepts at `path` inside it (through optional/default wrappers); [] if not an object. */
export function keysAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  let def = defOf(schema);
  const unwrap = () => {
    while (def.innerType ?? (def.type === 'pipe' ? def.in : undefined)) def = defOf((def.innerType ?? def.in)!);
  };
  for (const step of path) {
    unwrap();
    const next = def.type === 'object' ? def.shape?.[String(step)] : undefined;
    if (!next) return [];
    def = defOf(next);
  }
  unwrap();
  return def.type === 'object' ? Object.keys(def.shape ?? {}) : [];
}

/**
 * A copy of `value` in which only the objects along `paths` are new (everything else is shared, never walked):
 * enough to delete keys at those paths without touching the caller's document. Walking the whole value instead
 * would expand every YAML alias in it (an alias bomb under an unknown key took minutes and gigabytes).
 */
function copyAlong(value: unknown, paths: ReadonlyArray<readonly PropertyKey[]>): unknown {
  const shallow = (item: unknown): unknown => (Array.isArray(item) ? [...item] : isRecord(item) ? { ...item } : item);
  const root = shallow(value);
  for (const path of paths) {
    let target = root;
    for (const step of path) {
      if (!isRecord(target) && !Array.isArray(target)) break;
      const holder = target as Record<string, unknown>;
      const key = String(step);
      if (!Object.hasOwn(holder, key)) break;
      holder[key] = shallow(holder[key]);
      target = holder[key];
    }
  }
  return root;
}

function without(value: unknown, path: readonly PropertyKey[], keys: readonly string[]): void {
  let target = value;
  for (const step of path) target = isRecord(target) && Object.hasOwn(target, String(step)) ? target[String(step)] : undefined;
  if (isRecord(target)) for (const key of keys) delete target[key];
}

/**
 * Parses `value` with a strict schema; unknown keys are warnings (errors inside `via`, where a typo would change
 * meaning) and are removed before a second pass. Returns the data, or undefined after reporting the errors.
 */
export function parseStrict<T>(schema: z.ZodType<T>, value: unknown, path: string, issues: IssueList): T | undefined {
  let result = schema.safeParse(value, { reportInput: true });
  if (result.success) return result.data;
  const unknown = result.error.issues.filter((i) => i.code === 'unrecognized_keys');
  /** `via` objects that held an unknown key: already reported, so what is left of them is not reported again. */
  const badVias: string[] = [];
  if (unknown.length > 0) {
    const cleaned = copyAlong(value, unknown.map((issue) => issue.path));
    for (const issue of unknown) {
      const at = joinPath(path, ...issue.path.map(String));
      const known = keysAt(schema, issue.path);
      for (const key of issue.keys) {
        if (issue.path[issue.path.length - 1] === 'via') {
          badVias.push(issue.path.join('\u0000'));
          issues.error(joinPath(at, key), `is not a via key${didYouMean(key, known)}`, '{ provider: NAME } or { identity: NAME }');
        } else {
          issues.warn(joinPath(at, key), `is not used by ecr-auth and is ignored${didYouMean(key, known)}`);
        }
      }
      without(cleaned, issue.path, issue.keys);
    }
    result = schema.safeParse(cleaned, { reportInput: true });
    if (result.success) return badVias.length > 0 ? undefined : result.data;
  }
  for (const issue of result.error.issues) {
    const underBadVia = badVias.some((via) => issue.path.join('\u0000').startsWith(via));
    if (issue.code !== 'unrecognized_keys' && !underBadVia) issues.errors.push(fromZodIssue(issue, path));
  }
  return undefined;
}

/** Checks every entry of one section of the document; `base` is "auth" or "" depending on the wrapping. */
export function parseSection<T>(
  section: Section,
  raw: unknown,
  base: string,
  table: Record<string, KindRow<T>>,
  issues: IssueList,
): SectionResult<T> {
  const result: SectionResult<T> = { entries: nameRecord(), dropped: nameRecord(), invalid: new Set() };
  const sectionPath = joinPath(base, section);
  if (raw === undefined || raw === null) return result;
  if (!isRecord(raw)) {
    issues.error(sectionPath, `got ${showValue(raw)}`, `a map of ${section} by name`);
    return result;
  }
  const supported = Object.keys(table);
  for (const [name, entry] of Object.entries(raw)) {
    const path = joinPath(sectionPath, printableLine(name));
    result.invalid.add(name);
    if (hasControlCharacters(name)) {
      issues.error(path, 'is a name with a control character (newline, escape...)', 'a name of plain text, like dev-admin or dev/ecr/primary');
      continue;
    }
    if (!isRecord(entry)) {
      issues.error(path, `got ${showValue(entry)}`, `an object with a kind (one of ${supported.join(', ')})`);
      continue;
    }
    const kind = entry.kind;
    if (typeof kind !== 'string') {
      issues.error(joinPath(path, 'kind'), kind === undefined ? 'is missing' : `got ${showValue(kind)}`, `one of ${supported.join(', ')}`);
      continue;
    }
    const row = own(table, kind);
    if (!row) {
      if (isAtmosOnlyKind(section, kind)) {
        issues.warn(joinPath(path, 'kind'), `${kind} is not supported by ecr-auth: this entry is set aside, with every entry that depends on it`);
        result.dropped[name] = kind;
        result.invalid.delete(name);
      } else {
        issues.error(joinPath(path, 'kind'), `unknown kind "${kind}"${didYouMean(kind, supported, '"')}`, `one of ${supported.join(', ')}`);
      }
      continue;
    }
    const parsed = parseStrict(row.schema, entry, path, issues);
    if (parsed === undefined) continue;
    const model = row.toModel(parsed as never, { name, path, issues });
    if (model === undefined) continue;
    result.entries[name] = model;
    result.invalid.delete(name);
  }
  return result;
}
