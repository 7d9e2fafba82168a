// Docker's config.json as text: the entries ecr-auth owns (auths[host], credHelpers[host]) are edited in place and
// every other byte stays as it was: number text like 12345678901234567890 or 1.0 (which a JSON.parse/stringify
// round trip would change), key order, spacing, and duplicate keys. Docker reads the file with Go's encoding/json,
// which decodes a repeated "auths" (or "credHelpers") object into the same map, so the entries of both count (a
// repeated host inside one object: the later one wins, whole). `goSections` reads the file that way.
// The text handed in has already been accepted by JSON.parse (config-model.ts), so the scanner can be small.

/** One member of a JSON object: key text span and value span (end exclusive). */
interface Member {
  key: string;
  start: number;
  valueStart: number;
  valueEnd: number;
}

/** An object: its braces and members in order (duplicates included). */
interface ObjectSpan {
  open: number;
  close: number;
  members: Member[];
}

function skipSpace(text: string, i: number): number {
  while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r' || text[i] === '\uFEFF')) i++;
  return i;
}

function stringEnd(text: string, i: number): number {
  for (let j = i + 1; j < text.length; j++) {
    if (text[j] === '\\') j++;
    else if (text[j] === '"') return j + 1;
  }
  throw new Error('unterminated string');
}

/** The end (exclusive) of the JSON value starting at i; iterative so deep nesting cannot exhaust the stack. */
function valueEnd(text: string, i: number): number {
  const first = text[i];
  if (first === '"') return stringEnd(text, i);
  if (first !== '{' && first !== '[') {
    let j = i;
    while (j < text.length && !',}] \t\n\r'.includes(text[j]!)) j++;
    return j;
  }
  let depth = 0;
  for (let j = i; j < text.length; ) {
    const c = text[j]!;
    if (c === '"') {
      j = stringEnd(text, j);
      continue;
    }
    if (c === '{' || c === '[') depth++;
    else if ((c === '}' || c === ']') && --depth === 0) return j + 1;
    j++;
  }
  return text.length;
}

function scanObject(text: string, open: number): ObjectSpan {
  const members: Member[] = [];
  let i = skipSpace(text, open + 1);
  while (text[i] !== '}') {
    const start = i;
    const keyEnd = stringEnd(text, i);
    const key = JSON.parse(text.slice(i, keyEnd)) as string;
    i = skipSpace(text, keyEnd) + 1; // past ':'
    const valueStart = skipSpace(text, i);
    const end = valueEnd(text, valueStart);
    members.push({ key, start, valueStart, valueEnd: end });
    i = skipSpace(text, end);
    if (text[i] === ',') i = skipSpace(text, i + 1);
  }
  return { open, close: i, members };
}

function topLevel(text: string): ObjectSpan {
  return scanObject(text, skipSpace(text, 0));
}

/** The objects under `section` at the top level, in file order (more than one when the key is repeated). */
function sectionObjects(text: string, section: string): ObjectSpan[] {
  return topLevel(text)
    .members.filter((m) => m.key === section && text[m.valueStart] === '{')
    .map((m) => scanObject(text, m.valueStart));
}

/**
 * False when no section key can be repeated: each is written at most once and no \u escape could spell one. The
 * usual file then skips the character scan, which costs a cached login several milliseconds per thousand entries.
 */
function mayRepeatSection(text: string): boolean {
  const twice = (needle: string) => text.indexOf(needle) !== text.lastIndexOf(needle);
  return text.includes('\\u') || twice('"auths"') || twice('"credHelpers"');
}

/** The auths / credHelpers maps as Docker's Go decoder sees them: repeated section objects merged, later keys winning. */
export function goSections(text: string, parsed: Record<string, unknown>): Record<string, unknown> {
  if (!mayRepeatSection(text)) return parsed;
  const merged: Record<string, unknown> = { ...parsed };
  for (const section of ['auths', 'credHelpers']) {
    const objects = sectionObjects(text, section);
    if (objects.length < 2) continue;
    const map = Object.create(null) as Record<string, unknown>; // host names are data (a "__proto__" key stays a key)
    for (const object of objects) {
      for (const member of object.members) map[member.key] = JSON.parse(text.slice(member.valueStart, member.valueEnd)) as unknown;
    }
    merged[section] = map;
  }
  return merged;
}

/** The indentation of the line holding position i. */
function indentAt(text: string, i: number): string {
  const lineStart = text.lastIndexOf('\n', i - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart))![0];
}

/** `value` as Docker writes it (tab-indented), its lines after the first indented to sit at `indent`. */
function formatValue(value: unknown, indent: string, compact: boolean): string {
  return compact ? JSON.stringify(value) : JSON.stringify(value, null, '\t').replace(/\n/g, `\n${indent}`);
}

function splice(text: string, start: number, end: number, insert: string): string {
  return text.slice(0, start) + insert + text.slice(end);
}

/** Removes one member (and the comma that went with it) from an object. */
function removeMember(text: string, object: ObjectSpan, index: number): string {
  const member = object.members[index]!;
  if (object.members.length === 1) return splice(text, object.open + 1, object.close, '');
  const next = object.members[index + 1];
  if (next) return splice(text, member.start, next.start, '');
  const previous = object.members[index - 1]!;
  return splice(text, previous.valueEnd, member.valueEnd, '');
}

/** Appends a member at the end of an object, indented like its siblings (or one level below the object's line). */
function appendMember(text: string, object: ObjectSpan, key: string, value: unknown): string {
  const last = object.members.at(-1);
  if (last) {
    const indent = indentAt(text, last.start);
    const member = `${JSON.stringify(key)}: ${formatValue(value, indent, !text.includes('\n'))}`;
    const newline = text.slice(0, last.start).endsWith(indent) && text.slice(0, last.start - indent.length).endsWith('\n');
    return splice(text, last.valueEnd, last.valueEnd, newline ? `,\n${indent}${member}` : `, ${member}`);
  }
  const outer = indentAt(text, object.open);
  const indent = `${outer}\t`;
  if (!text.includes('\n')) return splice(text, object.open + 1, object.close, `${JSON.stringify(key)}: ${formatValue(value, indent, true)}`);
  return splice(text, object.open + 1, object.close, `\n${indent}${JSON.stringify(key)}: ${formatValue(value, indent, false)}\n${outer}`);
}

/** Sets section[key] = value (undefined: removes it) in the text, touching no other byte than needed. */
export function editSectionEntry(text: string, section: string, key: string, value: unknown): string {
  let out = text;
  // every occurrence but the one kept is removed, from the last object backwards so spans stay valid
  let objects = sectionObjects(out, section);
  let keep: { object: number; member: number } | undefined;
  if (value !== undefined) {
    for (let o = objects.length - 1; o >= 0 && keep === undefined; o--) {
      const m = objects[o]!.members.map((x) => x.key).lastIndexOf(key);
      if (m >= 0) keep = { object: o, member: m };
    }
  }
  for (let o = objects.length - 1; o >= 0; o--) {
    const members = objects[o]!.members;
    for (let m = members.length - 1; m >= 0; m--) {
      if (members[m]!.key !== key || (keep?.object === o && keep.member === m)) continue;
      out = removeMember(out, sectionObjects(out, section)[o]!, m);
    }
  }
  if (value === undefined) return out;
  objects = sectionObjects(out, section);
  if (keep !== undefined) {
    const object = objects[keep.object]!;
    const member = object.members.find((x) => x.key === key)!;
    const replaced = formatValue(value, indentAt(out, member.start), !out.includes('\n'));
    return splice(out, member.valueStart, member.valueEnd, replaced);
  }
  const target = objects.at(-1);
  if (target) return appendMember(out, target, key, value);
  return appendMember(out, topLevel(out), section, { [key]: value });
}

const SECTIONS = ['auths', 'credHelpers'] as const;

/**
 * The new text of config.json for a change from `before` to `after` (both as parseDockerConfig reads `text`):
 * the entries of auths and credHelpers that differ are edited in place, every other byte is kept. A change
 * anywhere else (none of ecr-auth's edits make one) falls back to Docker's own formatting of the whole file.
 */
export function rewriteDockerConfigText(text: string, before: Record<string, unknown>, after: Record<string, unknown>): string {
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  const others = (config: Record<string, unknown>) => Object.keys(config).filter((k) => !(SECTIONS as readonly string[]).includes(k));
  const otherKeys = new Set([...others(before), ...others(after)]);
  const whole = () => JSON.stringify(after, null, '\t');
  // a leading BOM is dropped (Go's decoder, and so Docker, refuses it); nothing else changes
  const body = text.replace(/^\uFEFF/, '');
  if (body.trim() === '') return whole();
  for (const key of otherKeys) if (!same(before[key], after[key])) return whole();
  let out = body;
  for (const section of SECTIONS) {
    const was = (before[section] ?? {}) as Record<string, unknown>;
    const now = (after[section] ?? {}) as Record<string, unknown>;
    if (after[section] === undefined && before[section] !== undefined) return whole();
    for (const key of new Set([...Object.keys(was), ...Object.keys(now)])) {
      const next = Object.hasOwn(now, key) ? now[key] : undefined;
      const previous = Object.hasOwn(was, key) ? was[key] : undefined;
      if (next === undefined ? previous !== undefined : !same(previous, next)) out = editSectionEntry(out, section, key, next);
    }
  }
  return out;
}
