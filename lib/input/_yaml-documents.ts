import type * as YamlModule from 'yaml';
import type { Document, Pair, ScalarTag, Tags } from 'yaml';
import { yamlErrorMessage } from '../core/_yaml-error';

let yamlPackage: typeof YamlModule | undefined;

/** The `yaml` package, loaded when YAML is first read: an app that reads none (most synths) does not load it. */
function yaml(): typeof YamlModule {
  return (yamlPackage ??= require('yaml') as typeof YamlModule);
}

/** One YAML document of a stream, as JSON data. @internal */
export interface YamlDocument {
  readonly type: 'document';
  /** The document's value: plain JSON data (objects, arrays, strings, finite numbers, booleans, null). */
  readonly value: unknown;
  /** The line its content starts on (1-based). */
  readonly line: number;
  /**
   * The line of the field at `path` in the document (a map key's own line, a list item's first line), or of the
   * deepest field along it that exists; only when the stream was asked to locate fields.
   */
  readonly locate?: (path: ReadonlyArray<string | number>) => number;
}

/** A document of a stream that is not valid YAML, or not JSON data. @internal */
export interface YamlProblem {
  readonly type: 'problem';
  /** The line it is on (1-based). */
  readonly line: number;
  /** What is wrong, in one line. */
  readonly message: string;
}

/** What a YAML stream gives, in order. @internal */
export type YamlItem = YamlDocument | YamlProblem;

const TAG = 'tag:yaml.org,2002:';

/**
 * YAML 1.1 tags that are not JSON data. kubectl reads YAML through go-yaml into JSON: a timestamp stays the string
 * as written, `!!omap` and `!!pairs` are lists of one-key maps, and `!!set` a map whose values are null. Without
 * these tags (and with `resolveKnownTags: false`) `yaml` reads them the same way: as the plain map or list they are
 * written as, with a warning that is ignored. `yaml`'s own would give a Date, a Map or a Set, which JSON (and so the
 * diff) shows as `{}`.
 */
const NOT_JSON = new Set([`${TAG}omap`, `${TAG}pairs`, `${TAG}set`, `${TAG}timestamp`, `${TAG}binary`]);

/** `!!binary` is refused: kubectl would send the decoded bytes as a string, which no Kubernetes field takes. */
const BINARY: ScalarTag = {
  tag: `${TAG}binary`,
  default: false,
  resolve(value, onError) {
    onError('a !!binary value is not JSON data; write its base64 text as a plain string (Secret data is base64 already)');
    return value;
  },
};

/** A scalar tag that reports a number JSON cannot hold (`.nan`, `.inf`, `1e999`) as an error, as kubectl does. */
function finiteOnly(tag: ScalarTag): ScalarTag {
  const resolve = tag.resolve.bind(tag);
  return {
    ...tag,
    resolve(value, onError, options) {
      const resolved = resolve(value, onError, options);
      const n = yaml().isScalar(resolved) ? resolved.value : resolved;
      if (typeof n === 'number' && !Number.isFinite(n)) onError('a number JSON cannot hold (NaN or infinite, as .nan, .inf or 1e999)');
      return resolved;
    },
  };
}

/** The tags of each schema (YAML 1.1, or another a `%YAML` directive asks for), by its last tag. */
const jsonTags = new Map<unknown, Tags>();

/** A schema's tags, less those that are not JSON data (worked out once per schema: documents each make one). */
function jsonOnly(tags: Tags): Tags {
  const key = tags[tags.length - 1];
  let result = jsonTags.get(key);
  if (!result) {
    result = [
      ...tags.filter((t) => typeof t === 'object' && !NOT_JSON.has(t.tag)).map((t) => (typeof t === 'object' && 'resolve' in t && !t.collection ? finiteOnly(t as ScalarTag) : t)),
      BINARY,
    ];
    jsonTags.set(key, result);
  }
  return result.slice();
}

/** How far the parser may be handed text at a time, at the least. */
const MIN_FEED = 64 * 1024;

/**
 * A document with more YAML tokens than a stream allows: its syntax tree would take too much memory (about 300 bytes
 * a token: a list of 8 million one-letter items in 32 MiB would take gigabytes).
 *
 * @internal
 */
export class DocumentTooLarge extends Error {
  constructor(readonly line: number, readonly maxTokens: number) {
    super(`the document at line ${line} has more than ${maxTokens} YAML tokens`);
    this.name = 'DocumentTooLarge';
  }
}

/**
 * Reads a YAML stream given in pieces, with `yaml`'s own streaming API (`Parser` and `Composer`), one document at a
 * time: neither the whole text nor its syntax tree is held, only the document being read (and the next, until it
 * is complete). Documents are read as YAML 1.1, as kubectl reads them (`yes` is a boolean), into JSON data.
 *
 * @internal
 */
export class YamlDocuments {
  private readonly lines = new LineIndex();
  private readonly lexer = new (yaml().Lexer)();
  private readonly parser = new (yaml().Parser)((offset) => this.lines.add(offset));
  private readonly composer = new (yaml().Composer)({
    version: '1.1',
    customTags: jsonOnly,
    resolveKnownTags: false,
    logLevel: 'error',
    prettyErrors: false,
  });
  /** Text not handed to the parser yet, and its length. */
  private pending: string[] = [];
  private pendingLength = 0;
  /** How much text the parser has been given. */
  private fed = 0;
  /** The tokens of the document being read, and the offset it starts at. */
  private tokens = 0;
  private documentStart = 0;

  /**
   * @param locateFields whether documents can locate their fields (`YamlDocument.locate`)
   * @param maxTokens the most YAML tokens (lexemes) a document may have, which bounds the memory its syntax tree
   *   takes; more throw `DocumentTooLarge`
   */
  constructor(private readonly locateFields: boolean, private readonly maxTokens: number) {
    this.lines.add(0);
  }

  /** The documents completed by the next piece of text. */
  public write(text: string): YamlItem[] {
    if (text === '') return [];
    this.pending.push(text);
    this.pendingLength += text.length;
    // Only whole lines are fed (see feed()): until a piece ends a line, nothing new can be read.
    if (!text.includes('\n')) return [];
    // The lexer reads a token cut by the end of a piece again from its start with the next piece; handing it at
    // least as much new text as it holds keeps a long token (a huge scalar) linear instead of quadratic.
    const held = this.fed - this.parser.offset;
    if (this.pendingLength < Math.max(MIN_FEED, held)) return [];
    return this.feed(true);
  }

  /** The documents left at the end of the stream. */
  public end(): YamlItem[] {
    const items = this.feed(false);
    for (const doc of this.composer.end(false)) this.convert(doc, items);
    for (const error of this.composer.streamInfo().errors) items.push(this.problem(error.pos[0], `invalid YAML: ${yamlErrorMessage(error.message)}`));
    return items;
  }

  private feed(incomplete: boolean): YamlItem[] {
    let text = this.pending.length === 1 ? this.pending[0] : this.pending.join('');
    this.pending = [];
    this.pendingLength = 0;
    if (incomplete) {
      // The lexer is handed whole lines only: cut inside the indentation of a line that continues a multi-line plain
      // scalar, it reads the indentation as a new, nested mapping ("Nested mappings are not allowed in compact
      // mappings"). The rest of the line waits for the next piece (a line is then read once, whole: still linear).
      const end = text.lastIndexOf('\n') + 1;
      if (end < text.length) {
        this.pending.push(text.slice(end));
        this.pendingLength = text.length - end;
        text = text.slice(0, end);
      }
      if (text === '') return [];
    }
    this.fed += text.length;
    const items: YamlItem[] = [];
    // the lexer and the parser, token by token (as `Parser.parse()` does), to count the tokens of each document
    for (const lexeme of this.lexer.lex(text, incomplete)) {
      if (++this.tokens > this.maxTokens) throw new DocumentTooLarge(this.lines.line(this.documentStart), this.maxTokens);
      for (const token of this.parser.next(lexeme)) {
        if (token.type === 'document') {
          this.tokens = 0;
          this.documentStart = this.parser.offset;
        }
        for (const doc of this.composer.next(token)) this.convert(doc, items);
      }
    }
    if (!incomplete) {
      for (const token of this.parser.end()) {
        for (const doc of this.composer.next(token)) this.convert(doc, items);
      }
    }
    return items;
  }

  private problem(offset: number, message: string): YamlProblem {
    return { type: 'problem', line: this.lines.line(offset), message };
  }

  private convert(doc: Document.Parsed, items: YamlItem[]): void {
    const line = this.lines.line(doc.contents?.range[0] ?? doc.range[0]);
    if (doc.errors.length > 0) {
      for (const error of doc.errors) items.push(this.problem(error.pos[0], `invalid YAML: ${yamlErrorMessage(error.message)}`));
    } else {
      try {
        const value = doc.toJS({ maxAliasCount: 1000 }) as unknown;
        items.push({ type: 'document', value, line, ...(this.locateFields ? { locate: this.locator(doc, value, line) } : {}) });
      } catch (e) {
        items.push({ type: 'problem', line, message: `invalid YAML: ${yamlErrorMessage(e instanceof Error ? e.message : String(e))}` });
      }
    }
    this.lines.forget(doc.range[2]);
  }

  /**
   * Finds fields by path in `value`, with one line per field of `value` kept in a list (in the order `eachField()`
   * visits them), not the document's syntax tree: a number a field.
   */
  private locator(doc: Document.Parsed, value: unknown, line: number): (path: ReadonlyArray<string | number>) => number {
    const lines = this.fieldLines(doc, value);
    return (path) => {
      // the fields along the path that exist, by the map or list that holds each
      const wanted = new Map<object, string | number>();
      let v = value;
      for (const part of path) {
        if (v === null || typeof v !== 'object') break;
        const key = Array.isArray(v) ? (typeof part === 'number' && part < v.length ? part : undefined) : Object.prototype.hasOwnProperty.call(v, part) ? String(part) : undefined;
        if (key === undefined || wanted.has(v)) break;
        wanted.set(v, key);
        v = (v as Record<string | number, unknown>)[key];
      }
      let at = line;
      let index = 0;
      let found = 0;
      eachField(value, (container, key) => {
        if (wanted.get(container) === key) {
          if (lines[index] > 0) at = lines[index];
          if (++found === wanted.size) return true;
        }
        index++;
        return false;
      });
      return at;
    };
  }

  /** The line of each field of `value`, in the order `eachField()` visits them (0 where it is not known: a merged key). */
  private fieldLines(doc: Document.Parsed, value: unknown): number[] {
    const lines: number[] = [];
    const nodes = new Map<object, unknown>([[value as object, doc.contents]]);
    const pairsOf = new Map<unknown, Map<string, Pair>>();
    eachField(value, (container, key, child) => {
      const node = nodes.get(container);
      let line = 0;
      let childNode: unknown;
      if (yaml().isMap(node)) {
        let pairs = pairsOf.get(node);
        if (!pairs) {
          pairs = new Map();
          for (const pair of node.items) if (yaml().isScalar(pair.key)) pairs.set(String(pair.key.value), pair);
          pairsOf.set(node, pairs);
        }
        const pair = pairs.get(String(key));
        if (pair && yaml().isScalar(pair.key) && pair.key.range) line = this.lines.line(pair.key.range[0]);
        childNode = pair?.value;
      } else if (yaml().isSeq(node) && typeof key === 'number') {
        childNode = node.items[key];
        const range = (childNode as { range?: [number, number, number] } | null | undefined)?.range;
        if (range) line = this.lines.line(range[0]);
      }
      if (yaml().isAlias(childNode)) childNode = childNode.resolve(doc);
      if (child !== null && typeof child === 'object' && childNode && !nodes.has(child)) nodes.set(child, childNode);
      lines.push(line);
      return false;
    });
    return lines;
  }
}

/**
 * Visits every field of a JSON value depth first: each key of a map (in `Object.keys` order) and each item of a list,
 * then what it holds; a map or list met again (an alias) is not entered again. Stops when `visit` returns true.
 *
 * @returns whether `visit` stopped it
 */
function eachField(value: unknown, visit: (container: object, key: string | number, child: unknown) => boolean, seen = new Set<object>()): boolean {
  if (value === null || typeof value !== 'object' || seen.has(value)) return false;
  seen.add(value);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      if (visit(value, i, value[i]) || eachField(value[i], visit, seen)) return true;
    }
  } else {
    for (const key of Object.keys(value)) {
      const child = (value as Record<string, unknown>)[key];
      if (visit(value, key, child) || eachField(child, visit, seen)) return true;
    }
  }
  return false;
}

/**
 * The lines of a stream, by offset, for the part of it still being read: the starts of lines before the last
 * document read are forgotten (counted, not kept), so the index stays as small as one document.
 */
class LineIndex {
  /** Offsets at which lines start, from the first line still kept. */
  private starts: number[] = [];
  /** How many lines were forgotten before `starts[0]`. */
  private forgotten = 0;

  public add(offset: number): void {
    this.starts.push(offset);
  }

  /** The line (1-based) of `offset`. */
  public line(offset: number): number {
    let lo = 0;
    let hi = this.starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.starts[mid] <= offset) lo = mid + 1;
      else hi = mid;
    }
    return this.forgotten + Math.max(lo, 1);
  }

  /** Forgets the lines that end before `offset`. */
  public forget(offset: number): void {
    let n = 0;
    while (n + 1 < this.starts.length && this.starts[n + 1] <= offset) n++;
    if (n > 0) {
      this.starts = this.starts.slice(n);
      this.forgotten += n;
    }
  }
}
