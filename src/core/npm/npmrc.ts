// Our lines in an .npmrc (npm and pnpm read it): `registry=` or `@scope:registry=`, and `//host/path/:_authToken=`.
// Pure text-to-text functions working line by line: a line of ours replaces the line with the same key where it
// stands (the replaced line is returned so logout can put it back), a new one is appended; every other line, its
// comments, order, spacing and line endings stay byte for byte.

/** One `key=value` line we own. */
export interface NpmrcLine {
  key: string;
  value: string;
}

export interface NpmrcChange {
  text: string;
  /** For each key we set: the foreign line it replaced, if there was one (restored at logout). */
  replaced: Map<string, string>;
}

const keyOf = (line: string): string | undefined => {
  const trimmed = line.replace(/\r$/, '').trimStart();
  if (trimmed === '' || trimmed.startsWith('#') || trimmed.startsWith(';')) return undefined;
  const eq = trimmed.indexOf('=');
  return eq < 0 ? trimmed.trim() : trimmed.slice(0, eq).trim();
};
const valueOf = (line: string): string => {
  const text = line.replace(/\r$/, '');
  return text.slice(text.indexOf('=') + 1).trim();
};

/** Lines without their '\n' (a '\r' stays with its line), and the ending new lines get: the last line's. */
function split(text: string | undefined): { lines: string[]; cr: string; finalEol: boolean } {
  if (text === undefined || text === '') return { lines: [], cr: '', finalEol: true };
  const lines = text.split('\n');
  const finalEol = lines.at(-1) === '';
  if (finalEol) lines.pop();
  return { lines, cr: lines.at(-1)?.endsWith('\r') ? '\r' : '', finalEol };
}
const join = (lines: string[], finalEol: boolean) => (lines.length === 0 ? '' : lines.join('\n') + (finalEol ? '\n' : ''));

/** The .npmrc with our lines set. Pure. */
export function upsertNpmrc(text: string | undefined, ours: NpmrcLine[]): NpmrcChange {
  const { lines, cr, finalEol } = split(text);
  // a file without a final new line gets one before our lines are appended
  let appended = false;
  const replaced = new Map<string, string>();
  for (const { key, value } of ours) {
    const at = lines.findIndex((l) => keyOf(l) === key);
    if (at < 0) {
      lines.push(`${key}=${value}${cr}`);
      appended = true;
    } else {
      const line = `${key}=${value}${lines[at]!.endsWith('\r') ? '\r' : ''}`;
      if (lines[at] !== line) replaced.set(key, lines[at]!);
      lines[at] = line;
    }
  }
  return { text: join(lines, finalEol || appended), replaced };
}

/**
 * The .npmrc without our lines: a line is removed only while it still has the value we wrote (`isOurs`); a foreign
 * line we had replaced is put back in its place. Undefined when nothing changed. Pure.
 */
export function removeFromNpmrc(text: string | undefined, ours: Array<{ key: string; isOurs(value: string): boolean; previous?: string }>): string | undefined {
  if (text === undefined) return undefined;
  const { lines, finalEol } = split(text);
  let changed = false;
  for (const { key, isOurs, previous } of ours) {
    const at = lines.findIndex((l) => keyOf(l) === key);
    if (at < 0 || !isOurs(valueOf(lines[at]!))) continue;
    changed = true;
    if (previous === undefined) lines.splice(at, 1);
    else lines[at] = previous;
  }
  return changed ? join(lines, finalEol) : undefined;
}

/** The value of a key in an .npmrc, if set. Pure. */
export function npmrcValue(text: string | undefined, key: string): string | undefined {
  const line = split(text).lines.find((l) => keyOf(l) === key);
  return line === undefined ? undefined : valueOf(line);
}
