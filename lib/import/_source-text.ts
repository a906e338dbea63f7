/**
 * TypeScript source text for the import generator: literals printed the way this repository's code is written
 * (single quotes, unquoted keys where allowed, one line when it fits, two-space indentation otherwise), and code
 * fragments (`Probe.http('/')`) placed among them.
 */

/** A fragment of code, printed as is inside a literal. */
export class Code {
  constructor(public readonly text: string) {}
}

/** A fragment of code, printed as is inside a literal. */
export function code(text: string): Code {
  return new Code(text);
}

/** A value the printer writes: JSON data, code fragments, and undefined entries (left out). */
export type Printable = string | number | boolean | null | undefined | Code | readonly Printable[] | { readonly [key: string]: Printable };

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const WIDTH = 120;

/** A string as a single-quoted TypeScript literal. */
export function quote(text: string): string {
  const escaped = JSON.stringify(text).slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'");
  return `'${escaped}'`;
}

/** An object key: bare when it is an identifier, quoted otherwise. */
export function key(name: string): string {
  return IDENTIFIER.test(name) ? name : quote(name);
}

/**
 * `value` as TypeScript source in a line indented by `indent` spaces, starting at column `column` (default: the
 * indentation): on one line when it fits in the width (with the `,` or `);` after it), else one entry per line.
 */
export function print(value: Printable, indent = 0, column = indent): string {
  const flat = printFlat(value);
  if (column + flat.length + 2 <= WIDTH || !isComposite(value)) return flat;
  const inner = ' '.repeat(indent + 2);
  const end = ' '.repeat(indent);
  if (Array.isArray(value)) {
    const items = (value as readonly Printable[]).filter((v) => v !== undefined).map((v) => `${inner}${print(v, indent + 2)},`);
    return `[\n${items.join('\n')}\n${end}]`;
  }
  const entries = Object.entries(value as Record<string, Printable>).filter(([, v]) => v !== undefined);
  return `{\n${entries.map(([k, v]) => `${inner}${key(k)}: ${print(v, indent + 2, indent + 2 + key(k).length + 2)},`).join('\n')}\n${end}}`;
}

/** `prefix` and `value` (printed to fit after it) and `suffix`, as one statement of a constructor's body. */
export function statement(prefix: string, value: Printable, suffix = ');'): string {
  return `${prefix}${print(value, 4, 4 + prefix.length)}${suffix}`;
}

function isComposite(value: Printable): boolean {
  return value !== null && typeof value === 'object' && !(value instanceof Code);
}

function printFlat(value: Printable): string {
  if (value instanceof Code) return value.text;
  if (value === null) return 'null';
  if (typeof value === 'string') return quote(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value === undefined) return 'undefined';
  if (Array.isArray(value)) return `[${(value as readonly Printable[]).filter((v) => v !== undefined).map(printFlat).join(', ')}]`;
  const entries = Object.entries(value as Record<string, Printable>).filter(([, v]) => v !== undefined);
  return entries.length === 0 ? '{}' : `{ ${entries.map(([k, v]) => `${key(k)}: ${printFlat(v)}`).join(', ')} }`;
}

/**
 * A comment block (`// ...` lines) wrapped at the width, at `indent` spaces; lines after the first of a paragraph
 * start `hanging` spaces further in (for list items).
 */
export function comment(text: string, indent: number, hanging = 0): string[] {
  const pad = ' '.repeat(indent);
  const lines: string[] = [];
  // Every line terminator JavaScript knows (not only \n) starts a new comment line: a name or path read from the input
  // can never end a comment and become code.
  for (const paragraph of text.split(/\r\n?|[\n\u2028\u2029]/)) {
    let line = '';
    const start = () => (lines.length > 0 && line === '' && hanging > 0 ? ' '.repeat(hanging) : '');
    let first = true;
    for (const word of paragraph.split(' ')) {
      if (line !== '' && pad.length + 3 + line.length + 1 + word.length > WIDTH) {
        lines.push(`${pad}// ${line}`);
        line = '';
        first = false;
      }
      line = line === '' ? `${first ? '' : start()}${word}` : `${line} ${word}`;
    }
    lines.push(line === '' ? `${pad}//` : `${pad}// ${line}`);
  }
  return lines;
}

/** A TypeScript identifier (camelCase, or PascalCase when `upper`) from a Kubernetes name. */
export function identifier(name: string, upper = false): string {
  const words = name.split(/[^A-Za-z0-9]+/).filter((w) => w !== '');
  let id = words.map((w, i) => (i === 0 && !upper ? w.charAt(0).toLowerCase() : w.charAt(0).toUpperCase()) + w.slice(1)).join('');
  if (id === '' || /^[0-9]/.test(id)) id = `${upper ? 'N' : 'n'}${id}`;
  return id;
}
