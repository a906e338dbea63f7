/**
 * Characters a terminal may act on instead of showing: C0 and C1 control characters (escape sequences, carriage
 * return, backspace, bell...), DEL, Unicode line and paragraph separators, and the bidirectional formatting
 * characters that reorder what is shown (the "Trojan Source" characters).
 */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** The same, but for a line feed. */
const CONTROL_BUT_NEWLINE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function escapeOne(c: string): string {
  const named = NAMED[c];
  if (named) return named;
  const code = c.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/**
 * `text` made safe to print on a terminal: every control character is written as an escape (`\x1b`, `\n`,
 * `\u202e`), so that a value read from a file or an object (a name, a kind, a file name) can neither move the
 * cursor, clear the screen, set the window title nor fake a line of output. Printable text, including any other
 * Unicode, is left as it is.
 *
 * @param keepNewlines leave line feeds as they are: for a whole message whose lines are the program's own (values
 *   inside it must have been escaped already)
 * @internal
 */
export function forTerminal(text: string, keepNewlines = false): string {
  return text.replace(keepNewlines ? CONTROL_BUT_NEWLINE : CONTROL, escapeOne);
}
