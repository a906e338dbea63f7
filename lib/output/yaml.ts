import { DEFAULT_SCHEMA, dump, Type } from 'js-yaml';
import { ManifestObject } from '../core/manifest-object';

/**
 * Plain scalars that YAML 1.1 parsers (kubectl's go-yaml, Helm, PyYAML) read as something other than a string:
 * booleans (`yes`, `on`, `n`), octal, binary, hexadecimal and base-60 integers (`0777`, `0b1_0`, `1:20`), floats
 * with underscores, exponents or base 60 (`1_0.5`, `E1`), infinities, NaN, null and the merge and value keys.
 */
const YAML_1_1_NON_STRING = new RegExp('^(?:' + [
  '[-+]?(?:0b[01_]+|0[0-7_]+|[0-9][0-9_]*|0x[0-9a-fA-F_]+|[0-9][0-9_]*(?::[0-5]?[0-9])+)', // int
  '[-+]?(?:[0-9][0-9_]*)?(?:\\.[0-9_]*)?[eE][-+]?[0-9]+|[-+]?(?:[0-9][0-9_]*)?\\.[0-9_]*', // float
  '[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\\.[0-9_]*', // base-60 float
  '[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN)',
  'y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF', // bool
  '~|null|Null|NULL|<<|=', // null, merge, value
].join('|') + ')$');

/**
 * js-yaml's default schema (YAML 1.2 core, timestamps, merge keys) plus a type that resolves every YAML 1.1
 * non-string, so that js-yaml quotes those strings too. The type is never used to represent a value.
 */
const SCHEMA = DEFAULT_SCHEMA.extend({
  implicit: [new Type('tag:cdk8s-platform,2024:yaml-1.1-non-string', {
    kind: 'scalar',
    resolve: (data: string) => YAML_1_1_NON_STRING.test(data),
    construct: (data: string) => data,
  })],
});

/**
 * Strings that are written plain without asking js-yaml: a letter, `_` or `/`, then letters, digits and `._/-`
 * (names, label keys and values, image paths, API versions), unless YAML 1.1 reads them as something else.
 */
const PLAIN = /^[A-Za-z_/][A-Za-z0-9._/-]*$/;

/** Multi-line strings that are written as literal blocks: printable, no CR or Unicode line breaks. */
const BLOCK_CHARS = /^[\t\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd]*$/;

/** Thrown inside the fast path for anything it does not handle; the document is then written by js-yaml. */
const UNHANDLED = Symbol('unhandled');

/** js-yaml's rendering of scalars the fast path does not write itself, by value. */
const scalarCache = new Map<string, string>();
const SCALAR_CACHE_LIMIT = 50_000;

/** A one-line scalar as js-yaml writes it with the YAML 1.1-safe schema (quoted if needed). */
function quotedScalar(s: string): string {
  let text = scalarCache.get(s);
  if (text === undefined) {
    text = dump(s, { schema: SCHEMA, lineWidth: -1 }).slice(0, -1);
    if (text.includes('\n')) text = dump(s, { schema: SCHEMA, lineWidth: -1, forceQuotes: true, quotingType: '"' }).slice(0, -1);
    if (scalarCache.size >= SCALAR_CACHE_LIMIT) scalarCache.clear();
    scalarCache.set(s, text);
  }
  return text;
}

function plainOrQuoted(s: string): string {
  return PLAIN.test(s) && !YAML_1_1_NON_STRING.test(s) ? s : quotedScalar(s);
}

/** Mapping keys as written, by key: the same few field names recur in every object. */
const keyCache = new Map<string, string>();

function keyText(key: string): string {
  let text = keyCache.get(key);
  if (text === undefined) {
    text = plainOrQuoted(key);
    if (keyCache.size >= SCALAR_CACHE_LIMIT) keyCache.clear();
    keyCache.set(key, text);
  }
  return text;
}

/** Whether `s` (which contains a line break) reads back exactly from a literal block without indentation indicator. */
function isBlockSafe(s: string): boolean {
  if (!BLOCK_CHARS.test(s)) return false;
  const lines = s.split('\n');
  const first = lines.find((line) => line !== '');
  if (first === undefined || first[0] === ' ' || first[0] === '\t') return false;
  return lines.every((line) => line === '' || /\S/.test(line));
}

/** Indentation by depth, made once (`ind + '  '` at every level would allocate a new string each time). */
const INDENTS: string[] = [''];

function indent(depth: number): string {
  while (INDENTS.length <= depth) INDENTS.push(`${INDENTS[INDENTS.length - 1]}  `);
  return INDENTS[depth];
}

/** The fast emitter: one document at a time (its buffer is reused from one to the next). */
class Emitter {
  /** The text so far, in pieces (joined once: a flat string, where `+=` would build a rope of small pieces). */
  private readonly out: string[] = [];

  public document(doc: unknown): string {
    if (!isPlainObject(doc) || isEmpty(doc)) throw UNHANDLED;
    this.out.length = 0;
    this.mapping(doc, 0, false);
    const text = this.out.join('');
    this.out.length = 0;
    return text;
  }

  /** A block mapping at indentation depth `depth`; `inline`: its first key follows a sequence's `- ` on the current line. */
  private mapping(obj: Record<string, unknown>, depth: number, inline: boolean): void {
    const ind = indent(depth);
    let first = inline;
    for (const key in obj) {
      if (!Object.prototype.hasOwnProperty.call(obj, key)) continue;
      if (key.length > 1000 || key.includes('\n')) throw UNHANDLED;
      if (!first) this.out.push(ind);
      this.out.push(keyText(key), ':');
      first = false;
      this.value(obj[key], depth);
    }
  }

  /** A block sequence at indentation depth `depth`; `inline`: its first item follows a `- ` on the current line. */
  private sequence(arr: readonly unknown[], depth: number, inline: boolean): void {
    const ind = indent(depth);
    for (let i = 0; i < arr.length; i++) {
      if (i > 0 || !inline) this.out.push(ind);
      this.out.push('-');
      const item = arr[i];
      if (Array.isArray(item)) {
        if (item.length === 0) this.out.push(' []\n');
        else { this.out.push(' '); this.sequence(item, depth + 1, true); }
      } else if (isPlainObject(item)) {
        if (isEmpty(item)) this.out.push(' {}\n');
        else { this.out.push(' '); this.mapping(item, depth + 1, true); }
      } else {
        this.scalar(item, depth);
      }
    }
  }

  /** The value of a mapping key at depth `depth`, after its `key:`. */
  private value(v: unknown, depth: number): void {
    if (Array.isArray(v)) {
      if (v.length === 0) this.out.push(' []\n');
      else { this.out.push('\n'); this.sequence(v, depth + 1, false); }
    } else if (isPlainObject(v)) {
      if (isEmpty(v)) this.out.push(' {}\n');
      else { this.out.push('\n'); this.mapping(v, depth + 1, false); }
    } else {
      this.scalar(v, depth);
    }
  }

  /** A scalar after `key:` or `-` at depth `depth`, whose block content (if any) is indented one level deeper. */
  private scalar(v: unknown, depth: number): void {
    if (typeof v === 'string') {
      if (!v.includes('\n')) {
        this.out.push(' ', plainOrQuoted(v), '\n');
      } else if (isBlockSafe(v)) {
        this.block(v, indent(depth + 1));
      } else {
        this.out.push(' ', quotedScalar(v), '\n');
      }
    } else if (typeof v === 'number' && Number.isSafeInteger(v) && !Object.is(v, -0)) {
      this.out.push(' ', String(v), '\n');
    } else if (typeof v === 'boolean') {
      this.out.push(v ? ' true\n' : ' false\n');
    } else if (v === null) {
      this.out.push(' null\n');
    } else {
      throw UNHANDLED;
    }
  }

  /** A literal block scalar (`|`, `|-` or `|+` by its trailing line breaks), content indented by `ind`. */
  private block(s: string, ind: string): void {
    let body = s;
    let header = '|-';
    if (s.endsWith('\n')) {
      body = s.slice(0, -1);
      header = body.endsWith('\n') || body === '' ? '|+' : '|';
    }
    this.out.push(' ', header, '\n');
    for (const line of body.split('\n')) {
      if (line === '') this.out.push('\n');
      else this.out.push(ind, line, '\n');
    }
  }
}

/** One emitter for every document: its buffer is reused (documents are written one at a time). */
const EMITTER = new Emitter();

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object') return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

function isEmpty(obj: Record<string, unknown>): boolean {
  for (const key in obj) if (Object.prototype.hasOwnProperty.call(obj, key)) return false;
  return true;
}

/**
 * Serializes one object (a Kubernetes object, or any JSON-like document such as a kustomization) as a YAML
 * document, without the `---` separator.
 *
 * Strings that a YAML 1.1 parser would read as another type are quoted; lines are never folded; keys keep their
 * order; multi-line strings are literal blocks when they read back exactly, else double-quoted. The same object
 * always gives the same bytes.
 *
 * Plain JSON data (the normal case) is written by a small block-style emitter that asks js-yaml only how to write
 * strings that are not obviously plain, and caches its answers; anything else (other value types, very long or
 * multi-line keys) is written by js-yaml itself, every string double-quoted. See BENCHMARKS.md for why.
 */
export function toYamlDocument(document: object): string {
  try {
    return EMITTER.document(document);
  } catch (e) {
    if (e !== UNHANDLED) throw e;
    // Every string double-quoted: js-yaml's literal blocks for whitespace-only lines are not read alike by all parsers.
    return dump(document, { schema: SCHEMA, lineWidth: -1, noRefs: true, forceQuotes: true, quotingType: '"' });
  }
}

/**
 * Serializes objects as a multi-document YAML stream.
 *
 * YAML 1.1 rules are used for quoting, so strings such as `"yes"`, `"on"` or `"0755"` stay strings for YAML 1.1
 * parsers too (kubectl's, Helm's, PyYAML); lines are never folded. The same objects always give the same bytes.
 */
export function toYaml(objects: readonly ManifestObject[]): string {
  return objects.map(toYamlDocument).join('---\n');
}
