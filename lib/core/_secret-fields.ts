/**
 * The fields of Kubernetes objects that hold secret values, in one place: validation findings (for synth and `check`)
 * and `diff` hide what these fields hold, and nothing else decides what is secret.
 *
 * A field is addressed by its path segments (keys and list indexes), whether it was written as a finding's field
 * path (`data["tls.key"]`, `stringData.pin`) or as a diff's JSON pointer (`/data/tls.key`).
 */
import { groupOf } from './_api-version';
import { PathSegment } from './_field-path';

/** What is printed instead of a secret value. @internal */
export const HIDDEN = '(hidden)';

/** Stands for any key or list index in a pattern. */
const ANY: unique symbol = Symbol('any key or index');

/** The path of a secret-bearing field; `ANY` matches any one segment. */
type Pattern = ReadonlyArray<string | typeof ANY>;

/** kubectl's copy of the whole object as last applied: it repeats every secret value of it. */
const LAST_APPLIED: Pattern = ['metadata', 'annotations', 'kubectl.kubernetes.io/last-applied-configuration'];

/** The Secret's `data`, whose values are base64: their decoded text is secret too. */
const SECRET_DATA: Pattern = ['data'];

const EXTERNAL_TARGET: Pattern = ['target', 'template'];

/** The secret-bearing fields, by `group/kind` (the core group is empty). */
const BY_KIND: ReadonlyMap<string, readonly Pattern[]> = new Map<string, Pattern[]>([
  ['/Secret', [SECRET_DATA, ['stringData']]],
  // encryptedData, the deprecated single-blob data, and the plain template of the Secret it unseals to
  ['bitnami.com/SealedSecret', [['spec', 'encryptedData'], ['spec', 'data'], ['spec', 'template', 'data'], ['spec', 'template', 'stringData']]],
  ['external-secrets.io/ExternalSecret', [
    ['spec', ...EXTERNAL_TARGET, 'data'], ['spec', ...EXTERNAL_TARGET, 'templateFrom', ANY, 'literal'],
  ]],
  ['external-secrets.io/ClusterExternalSecret', [
    ['spec', 'externalSecretSpec', ...EXTERNAL_TARGET, 'data'], ['spec', 'externalSecretSpec', ...EXTERNAL_TARGET, 'templateFrom', ANY, 'literal'],
  ]],
].map(([key, patterns]) => [key as string, [...(patterns as Pattern[]), LAST_APPLIED]]));

/** Every kind's fields, for the items of a `kind: List`, whose items may be of any kind. */
const ANY_KIND: readonly Pattern[] = [...new Set([...BY_KIND.values()].flat())];

/**
 * The secret-bearing fields of objects of `apiVersion` and `kind`: a Secret's `data` and `stringData`, a
 * SealedSecret's (bitnami.com) `spec.encryptedData` and `spec.template.data`, an ExternalSecret's
 * (external-secrets.io) `spec.target.template.data` and `templateFrom[].literal`, and the
 * `kubectl.kubernetes.io/last-applied-configuration` annotation of each; in a list (`List`, `SecretList`...), those of
 * its items.
 */
function patternsOf(apiVersion: unknown, kind: unknown): readonly Pattern[] {
  if (typeof kind !== 'string') return [];
  const group = groupOf(apiVersion);
  const own = BY_KIND.get(`${group}/${kind}`);
  if (own) return own;
  if (!kind.endsWith('List')) return [];
  const items = kind === 'List' && group === '' ? ANY_KIND : BY_KIND.get(`${group}/${kind.slice(0, -'List'.length)}`) ?? [];
  return items.map((p) => ['items', ANY, ...p]);
}

function matches(segment: PathSegment, element: string | typeof ANY): boolean {
  return element === ANY || String(segment) === element;
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return x !== null && typeof x === 'object';
}

/** Whether `value` has something at `rest` (a pattern's remainder below it). */
function reaches(value: unknown, rest: Pattern): boolean {
  if (rest.length === 0) return value !== undefined;
  if (!isRecord(value)) return false;
  const [first, ...more] = rest;
  if (first === ANY) return Object.keys(value).some((k) => reaches(value[k], more));
  return Object.prototype.hasOwnProperty.call(value, first) && reaches(value[first], more);
}

/** An object's type, as secret-bearing fields depend on it. @internal */
export interface ObjectType {
  /** The object's apiVersion. */
  readonly apiVersion?: unknown;
  /** The object's kind. */
  readonly kind?: unknown;
}

/** Whether objects of this type have secret-bearing fields. @internal */
export function hasSecretFields(type: ObjectType): boolean {
  return patternsOf(type.apiVersion, type.kind).length > 0;
}

/**
 * Whether `value`, found at `path` of an object of `type`, is secret or holds a secret: `path` is a secret-bearing
 * field or inside one (`data`, `data["tls.key"]`, `stringData.list[0]`), or `value` contains one
 * (`metadata.annotations` holding the last-applied configuration, the whole object).
 *
 * @internal
 */
export function holdsSecret(type: ObjectType, path: readonly PathSegment[], value: unknown): boolean {
  for (const pattern of patternsOf(type.apiVersion, type.kind)) {
    const n = Math.min(path.length, pattern.length);
    let i = 0;
    while (i < n && matches(path[i], pattern[i])) i++;
    if (i < n) continue;
    if (path.length >= pattern.length || reaches(value, pattern.slice(path.length))) return true;
  }
  return false;
}

/** The value at `path` of `root`, if any. @internal */
export function valueAt(root: unknown, path: readonly PathSegment[]): unknown {
  let value = root;
  for (const segment of path) {
    if (!isRecord(value) || !Object.prototype.hasOwnProperty.call(value, segment)) return undefined;
    value = (value as Record<string, unknown>)[segment];
  }
  return value;
}

/** Raw text shorter than this is not looked for in messages (it would match ordinary words); quoted text always is. */
const MIN_RAW = 6;
/** How deep last-applied configurations are read inside last-applied configurations. */
const MAX_NESTING = 2;
const BASE64 = /^[A-Za-z0-9+/=\r\n]+$/;

/** The leaf values at and below `value`. */
function leaves(value: unknown, out: unknown[]): void {
  if (isRecord(value)) for (const v of Object.values(value)) leaves(v, out);
  else if (value !== undefined && value !== null) out.push(value);
}

/**
 * Every value held at `rest` below `value` (a pattern's remainder), with the base64-decoded text of Secret data and
 * the values in a last-applied configuration (read as an object of its own `kind`, else of `type`).
 */
function collect(type: ObjectType, value: unknown, rest: Pattern, decode: boolean, nesting: number, out: Set<string>): void {
  if (rest.length > 0) {
    if (!isRecord(value)) return;
    const [first, ...more] = rest;
    const keys = first === ANY ? Object.keys(value) : Object.prototype.hasOwnProperty.call(value, first) ? [first] : [];
    for (const k of keys) collect(type, value[k], more, decode, nesting, out);
    return;
  }
  const found: unknown[] = [];
  leaves(value, found);
  for (const leaf of found) {
    const text = typeof leaf === 'string' ? leaf : JSON.stringify(leaf) ?? String(leaf);
    if (text === '') continue;
    out.add(text);
    if (decode && typeof leaf === 'string' && BASE64.test(leaf)) {
      const decoded = Buffer.from(leaf, 'base64').toString('utf8');
      if (decoded !== '') out.add(decoded);
    }
    if (typeof leaf === 'string' && nesting < MAX_NESTING && leaf.startsWith('{')) {
      let copy: unknown;
      try {
        copy = JSON.parse(leaf);
      } catch {
        continue;
      }
      if (isRecord(copy)) collectAll(typeof copy.kind === 'string' ? copy : type, copy, nesting + 1, out);
    }
  }
}

/** Every secret value of `o`, an object of `type`. */
function collectAll(type: ObjectType, o: Record<string, unknown>, nesting: number, out: Set<string>): void {
  for (const pattern of patternsOf(type.apiVersion, type.kind)) {
    // A Secret's data, also as the item of a list: its values are base64.
    const decode = pattern === SECRET_DATA || (pattern.length === 3 && pattern[0] === 'items' && pattern[2] === 'data');
    collect(type, o, pattern, decode, nesting, out);
  }
}

/**
 * Every secret value `o` holds (see `holdsSecret()`), as text: strings as they are, numbers and booleans as JSON, the
 * decoded text of a Secret's base64 `data`, and the values in its last-applied configuration.
 *
 * @internal
 */
export function secretValuesOf(o: unknown): string[] {
  if (!isRecord(o)) return [];
  const out = new Set<string>();
  collectAll(o, o, 0, out);
  return [...out];
}

/** The forms in which `secret` may appear in a message: raw, JSON-quoted, and quoted inside a quoted JSON string. */
function formsOf(secret: string): string[] {
  const quoted = JSON.stringify(secret);
  const forms = [quoted, JSON.stringify(quoted).slice(1, -1)];
  if (secret.length >= MIN_RAW) forms.push(secret);
  return forms;
}

/** A cut-off start of a form must have at least this many characters to be recognized. */
const MIN_CUT = 4;

/**
 * `text` with every occurrence of a secret value replaced by `(hidden)`: raw (when long enough not to be an ordinary
 * word), JSON-quoted, quoted twice (inside a JSON string), and cut off with `...` as `formatValue()` shortens values.
 *
 * @internal
 */
export function hideSecretValues(text: string, secrets: readonly string[]): string {
  const forms = [...new Set(secrets.flatMap(formsOf))].sort((a, b) => b.length - a.length);
  let out = text;
  for (const form of forms) {
    if (out.includes(form)) out = out.split(form).join(HIDDEN);
    if (form.length <= MIN_CUT) continue;
    // A shortened value: the start of the form, then "...".
    const start = form.slice(0, MIN_CUT);
    for (let at = out.indexOf(start); at >= 0; at = out.indexOf(start, at + 1)) {
      let n = MIN_CUT;
      while (n < form.length && out[at + n] === form[n]) n++;
      if (out.startsWith('...', at + n)) out = `${out.slice(0, at)}${HIDDEN}${out.slice(at + n + 3)}`;
    }
  }
  return out;
}

const NAMED_ITEM = '[name=';
/** More readings of one pointer than this: too ambiguous to read, so treated as secret. */
const MAX_READINGS = 64;

/**
 * Every reading of a diff's JSON pointer as segments: `/data/tls.key` → `data`, `tls.key`;
 * `/spec/containers[name=api]/image` → `spec`, `containers`, `api`, `image` (an item of a list of named objects, by
 * its name). A name is not escaped, so it may hold `/` or `]`, and a key may hold `[name=`: each way of reading such
 * a pointer is one reading. `undefined` when there are too many readings to list.
 *
 * @internal
 */
export function pointerReadings(pointer: string): PathSegment[][] | undefined {
  const memo = new Map<number, PathSegment[][] | undefined>();
  const from = (at: number): PathSegment[][] | undefined => {
    if (at >= pointer.length) return [[]];
    if (memo.has(at)) return memo.get(at);
    const out: PathSegment[][] = [];
    const follow = (segment: PathSegment, next: number): boolean => {
      const rest = from(next);
      if (!rest) return false;
      for (const r of rest) out.push([segment, ...r]);
      return out.length <= MAX_READINGS;
    };
    let ok = true;
    if (pointer.startsWith(NAMED_ITEM, at)) {
      // The name ends at a "]" that ends the pointer or starts the next segment.
      for (let close = pointer.indexOf(']', at); ok && close >= 0; close = pointer.indexOf(']', close + 1)) {
        const next = close + 1;
        if (next === pointer.length || pointer[next] === '/' || pointer.startsWith(NAMED_ITEM, next)) ok = follow(pointer.slice(at + NAMED_ITEM.length, close), next);
      }
    }
    if (ok && (pointer[at] === '/' || out.length === 0)) {
      // A key ends at the next "/", or where "[name=" may start an item.
      const start = pointer[at] === '/' ? at + 1 : at;
      const slash = pointer.indexOf('/', start);
      const end = slash < 0 ? pointer.length : slash;
      for (let item = pointer.indexOf(NAMED_ITEM, at + 1); ok && item >= 0 && item < end; item = pointer.indexOf(NAMED_ITEM, item + 1)) {
        ok = follow(unescapeKey(pointer.slice(start, item)), item);
      }
      if (ok) ok = follow(unescapeKey(pointer.slice(start, end)), end);
    }
    const result = ok ? out : undefined;
    memo.set(at, result);
    return result;
  };
  return from(0);
}

/** JSON pointer unescaping of one key (`~1` → `/`, `~0` → `~`). */
function unescapeKey(key: string): string {
  return key.replace(/~1/g, '/').replace(/~0/g, '~');
}
