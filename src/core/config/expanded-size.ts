// A guard against YAML alias bombs (and their JS equivalents): a parsed document whose anchors and aliases share
// values is small in memory, but anything that walks it as a tree (a copy, a schema check, a serializer) walks
// every alias again, exponentially. The size of the document as a tree is counted here in linear time, each
// shared value counted once per reference without walking it again; past the limit the config is refused.

/** More values than any real config holds (a big one has a few hundred); a document past it is refused. */
export const MAX_EXPANDED_VALUES = 100_000;

/** What a document holds beyond the limit: too many values once aliases are expanded, or a value inside itself. */
export type ExpansionProblem = { kind: 'too-large'; count: number } | { kind: 'cycle' };

/** Counts the values of `raw` as a tree (aliases expanded) without expanding them; a problem past `limit`. */
export function expansionProblem(raw: unknown, limit: number = MAX_EXPANDED_VALUES): ExpansionProblem | undefined {
  const sizes = new Map<object, number>();
  const open = new Set<object>();
  let cycle = false;
  const sizeOf = (value: unknown): number => {
    if (typeof value !== 'object' || value === null) return 1;
    const known = sizes.get(value);
    if (known !== undefined) return known;
    if (open.has(value)) {
      cycle = true;
      return Infinity;
    }
    open.add(value);
    let total = 1;
    for (const item of Array.isArray(value) ? value : Object.values(value)) {
      total += sizeOf(item);
      if (total > limit || cycle) break; // stop early: the answer is already known
    }
    open.delete(value);
    sizes.set(value, total);
    return total;
  };
  const count = sizeOf(raw);
  if (cycle) return { kind: 'cycle' };
  return count > limit ? { kind: 'too-large', count } : undefined;
}
