// Names from the config and from argv are data, never object keys that could reach Object.prototype: an identity
// called `__proto__`, `constructor` or `hasOwnProperty` must be an identity like any other, or unknown, never a
// prototype, a function or a silently empty section. Records keyed by such names are created without a prototype
// and read only through `own`, which answers own properties alone (so a plain object built by a JS config or a
// test is safe too).

/** An empty record for values keyed by user-given names: no prototype, so every key is only ever data. */
export function nameRecord<T>(entries?: Iterable<readonly [string, T]>): Record<string, T> {
  const record = Object.create(null) as Record<string, T>;
  if (entries) for (const [name, value] of entries) record[name] = value;
  return record;
}

/** The value stored under `name` itself (never one inherited from a prototype), or undefined. */
export function own<T>(record: Readonly<Record<string, T>> | undefined, name: string): T | undefined {
  return record !== undefined && Object.hasOwn(record, name) ? record[name] : undefined;
}

/** The same record's entries, in a null-prototype copy (e.g. after a JSON round trip gave it Object.prototype). */
export function asNameRecord<T>(record: Readonly<Record<string, T>>): Record<string, T> {
  return nameRecord(Object.entries(record));
}
