// Text from outside (names in the config or on the command line, AWS error bodies) made safe for a terminal line:
// control characters (ESC sequences, carriage returns, C1 controls, bidi overrides) are shown escaped, so such a
// text can never move the cursor, recolour the output or forge a line of its own ("✓ ECR login: ...").

const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const CONTROLS_AND_LINES = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const escape = (c: string) => (c === '\n' ? '\\n' : c === '\t' ? '\\t' : c === '\r' ? '\\r' : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

/** True when `text` holds a control character (newline and tab included). */
export function hasControlCharacters(text: string): boolean {
  return new RegExp(CONTROLS_AND_LINES.source).test(text);
}

/** One line of text: every control character escaped, newlines and tabs included. */
export function printableLine(text: string): string {
  return text.replace(CONTROLS_AND_LINES, escape);
}

/** Text of our own making that may span lines: newlines and tabs kept, every other control character escaped. */
export function printableText(text: string): string {
  return text.replace(CONTROLS, escape);
}
