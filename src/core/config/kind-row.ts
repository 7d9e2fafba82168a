// What a config row of one kind is (its schema and its conversion into the model), and the small conversions the
// rows share. Free of zod at run time: a kind module imports these without loading the schema library, which only
// validation loads (the cached path never validates).
import type { z } from 'zod';
import { tryParseDuration } from '../duration.ts';
import type { IssueList } from './issues.ts';
import { joinPath } from './issues.ts';
import type { EnvEntry, Via } from './model.ts';
import type { SchemaKit } from './schema.ts';

/** Where an entry sits and where to report what its conversion notices. */
export interface EntryScope {
  name: string;
  path: string;
  issues: IssueList;
}

/** One supported kind: its schema, and the conversion of a checked entry (undefined after reporting an error). */
export interface KindRow<Out> {
  schema: z.ZodType;
  toModel(input: never, scope: EntryScope): Out | undefined;
}

/**
 * The config row a kind module declares: its schema, built from the kit at validation (so zod stays unloaded
 * otherwise), and the conversion of a checked entry into the model (undefined after reporting an error).
 */
export interface ConfigRow<Out> {
  schema(kit: SchemaKit): z.ZodType;
  toModel(input: never, scope: EntryScope): Out | undefined;
}

/** `via` as written ({ provider } or { identity }) into the model. */
export function via(input: { provider?: string | undefined; identity?: string | undefined }): Via {
  return input.provider !== undefined ? { provider: input.provider } : { identity: input.identity! };
}

/** A 12-digit account id as a string; a number is padded back to 12 digits with a warning. */
export function accountId(value: string | number, path: string, issues: IssueList): string {
  if (typeof value === 'string') return value;
  const text = String(value).padStart(12, '0');
  issues.warn(path, `is a number: write it as a string ("${text}") so YAML keeps any leading zeros`);
  return text;
}

/** A duration as written, in whole seconds. */
export function seconds(value: string | number | undefined): number | undefined {
  if (value === undefined) return undefined;
  return Math.round(tryParseDuration(value)! / 1000);
}

/** `{ key: value }`, or `{}` when value is undefined (exactOptionalPropertyTypes). */
export function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

/** An identity's env: entries as a list of { key, value } (Atmos's shape or a map), values as text. */
export function envEntries(input: Array<{ key: string; value: string | number | boolean }> | Record<string, string | number | boolean> | undefined): EnvEntry[] | undefined {
  if (input === undefined) return undefined;
  const pairs = Array.isArray(input) ? input.map((e) => [e.key, e.value] as const) : Object.entries(input);
  return pairs.map(([key, value]) => ({ key, value: String(value) }));
}

/** `via`, or Atmos's direct `provider:` association; undefined (after an error) when neither is given. */
export function identityVia(
  i: { via?: { provider?: string | undefined; identity?: string | undefined } | undefined; provider?: string | undefined },
  path: string,
  issues: IssueList,
): Via | undefined {
  if (i.via !== undefined) {
    if (i.provider !== undefined) issues.warn(joinPath(path, 'provider'), 'is ignored: via is given');
    return via(i.via);
  }
  if (i.provider !== undefined) return { provider: i.provider };
  issues.error(joinPath(path, 'via'), 'is missing', '{ provider: NAME } or { identity: NAME }');
  return undefined;
}
