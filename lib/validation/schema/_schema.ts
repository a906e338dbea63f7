/**
 * The strict schema check: every field of an object against the Kubernetes 1.27 API definitions, as the API server
 * does with `kubectl apply --validate=strict` (the default since kubectl 1.25): unknown fields, wrong types, missing
 * required fields, values outside an enum, and integers outside their format (an int32 above 2147483647 is refused
 * when the API server decodes the object, as a wrong type is).
 *
 * The definitions are in `k8s-1.27.ts`, generated from kubernetes-models@4.5.1 by
 * `scripts/generate-schema-tables.ts`, and loaded on first use.
 *
 * @see https://kubernetes.io/docs/reference/using-api/api-concepts/#field-validation
 * @internal
 */
import { INT_RANGE } from '../../core/_props';
import { formatValue } from '../../core/errors';
import { ManifestObject } from '../../core/manifest-object';

interface Definition { readonly p: Record<string, string>; readonly r?: readonly string[] }
interface SchemaTable {
  readonly kinds: Record<string, string>;
  readonly notServed: Record<string, string>;
  readonly definitions: Record<string, Definition>;
}

let table: SchemaTable | undefined;
function schema(): SchemaTable {
  // Loaded on first use: the table is the largest module of the library.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  table ??= JSON.parse((require('./k8s-1.27') as typeof import('./k8s-1.27')).K8S_1_27_SCHEMA) as SchemaTable;
  return table;
}

/** One schema problem in an object. */
export interface SchemaProblem {
  readonly type: 'unknown-field' | 'type' | 'required' | 'enum';
  readonly field: string;
  readonly message: string;
}

/** What the table says of each apiVersion and kind asked about, by apiVersion then kind. */
const kindStatus = new Map<string, Map<string, 'served' | 'not-served' | 'unknown'>>();

function statusOf(apiVersion: string, kind: string): 'served' | 'not-served' | 'unknown' {
  let byKind = kindStatus.get(apiVersion);
  if (byKind === undefined) {
    byKind = new Map();
    kindStatus.set(apiVersion, byKind);
  }
  let status = byKind.get(kind);
  if (status === undefined) {
    const key = `${apiVersion}/${kind}`;
    const has = (table: Record<string, string>): boolean => Object.prototype.hasOwnProperty.call(table, key);
    status = has(schema().kinds) ? 'served' : has(schema().notServed) ? 'not-served' : 'unknown';
    byKind.set(kind, status);
  }
  return status;
}

/** Whether `apiVersion`/`kind` is a Kubernetes built-in (served by 1.27 or by another version). */
export function isKnownKind(apiVersion: string, kind: string): boolean {
  return statusOf(apiVersion, kind) !== 'unknown';
}

/** The apiVersions that serve `kind` in Kubernetes 1.27. */
export function servedVersionsOf(kind: string): string[] {
  return Object.keys(schema().kinds).filter((k) => k.endsWith(`/${kind}`)).map((k) => k.slice(0, k.length - kind.length - 1));
}

/** Whether `apiVersion`/`kind` is a known kind that Kubernetes 1.27 does not serve. */
export function isNotServed(apiVersion: string, kind: string): boolean {
  return statusOf(apiVersion, kind) === 'not-served';
}

const problemsCache = new WeakMap<object, SchemaProblem[]>();
const NO_PROBLEMS: SchemaProblem[] = [];

/** The schema problems of `o` (none for unknown kinds), computed once per object. */
export function schemaProblemsOf(o: ManifestObject): SchemaProblem[] {
  let problems = problemsCache.get(o);
  if (!problems) {
    problems = NO_PROBLEMS;
    const id = typeof o.apiVersion === 'string' && typeof o.kind === 'string' ? schema().kinds[`${o.apiVersion}/${o.kind}`] : undefined;
    if (id) {
      const found: SchemaProblem[] = [];
      walk(o, id, [], found);
      if (found.length > 0) problems = found;
    }
    problemsCache.set(o, problems);
  }
  return problems;
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'number') return Number.isInteger(value) ? 'an integer' : 'a number';
  return `a ${typeof value}`;
}

/**
 * The integers of each format, as the API server decodes them. An int64 is checked on the number JSON or YAML text
 * was read as: 2^63 itself passes, since the largest int64 (2^63 - 1) is read as 2^63; anything beyond it is out of
 * range however it was rounded.
 */
const INT_BOUNDS = {
  int32: INT_RANGE.int32,
  int64: { min: -(2 ** 63), max: 2 ** 63 },
} as const;

const TYPE_WORDS: Record<string, string> = {
  string: 'a string', number: 'a number', boolean: 'true or false',
  int32: `an integer from ${INT_RANGE.int32.min} to ${INT_RANGE.int32.max} (int32)`,
  int64: 'an integer from -9223372036854775808 to 9223372036854775807 (int64)',
  'int-or-string': `a string or an integer from ${INT_RANGE.int32.min} to ${INT_RANGE.int32.max} (int32)`,
  quantity: 'a quantity: a string such as "100m" or a number',
};

function typeWords(code: string): string {
  if (code in TYPE_WORDS) return TYPE_WORDS[code];
  if (code.startsWith('[]')) return 'a list';
  if (code.startsWith('{}')) return 'an object (a map)';
  if (code.startsWith('enum:')) return `one of ${code.slice(5).split('|').map((v) => JSON.stringify(v)).join(', ')}`;
  return `an object (${shortName(code)})`;
}

/** `IoK8sApiCoreV1ContainerPort` → `ContainerPort`. */
function shortName(id: string): string {
  const m = /V\d+(?:(?:alpha|beta)\d+)?([A-Z].*)$/.exec(id);
  return m ? m[1] : id;
}

/** The field path of `parts`, e.g. `spec.template.metadata.labels["app.kubernetes.io/name"]`, built only to report. */
function pathOf(parts: ReadonlyArray<string | number>): string {
  let path = '';
  for (const part of parts) {
    if (typeof part === 'number') path += `[${part}]`;
    else if (path === '') path = part;
    else path += /^[A-Za-z_$][\w$-]*$/.test(part) ? `.${part}` : `[${JSON.stringify(part)}]`;
  }
  return path;
}

/**
 * Checks a value against one type, appending problems to `out`. `parts` is the field path, pushed and popped as the
 * check descends (no string is built unless there is a problem to report).
 */
type Checker = (value: unknown, parts: Array<string | number>, out: SchemaProblem[]) => void;

/** The checker of each type code, made on first use: the table is read once per type, not once per value. */
const checkers = new Map<string, Checker>();

function walk(value: unknown, code: string, parts: Array<string | number>, out: SchemaProblem[]): void {
  checkerOf(code)(value, parts, out);
}

function checkerOf(code: string): Checker {
  let checker = checkers.get(code);
  if (checker === undefined) {
    checker = compile(code);
    checkers.set(code, checker);
  }
  return checker;
}

/** The checker of the type `code`: null and undefined always pass (the field is absent). */
function compile(code: string): Checker {
  switch (code) {
    case 'any':
      return () => undefined;
    case 'string':
      return (v, parts, out) => {
        if (v !== null && v !== undefined && typeof v !== 'string') typeProblem(v, code, parts, out);
      };
    case 'int32':
    case 'int64': {
      const { min, max } = INT_BOUNDS[code];
      return (v, parts, out) => {
        if (v !== null && v !== undefined && (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max)) typeProblem(v, code, parts, out);
      };
    }
    case 'number':
      return (v, parts, out) => {
        if (v !== null && v !== undefined && typeof v !== 'number') typeProblem(v, code, parts, out);
      };
    case 'boolean':
      return (v, parts, out) => {
        if (v !== null && v !== undefined && typeof v !== 'boolean') typeProblem(v, code, parts, out);
      };
    case 'int-or-string':
      return (v, parts, out) => {
        if (v === null || v === undefined || typeof v === 'string') return;
        if (typeof v === 'number' && Number.isInteger(v) && v >= INT_BOUNDS.int32.min && v <= INT_BOUNDS.int32.max) return;
        typeProblem(v, code, parts, out);
      };
    case 'quantity':
      return (v, parts, out) => {
        if (v === null || v === undefined || typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v))) return;
        typeProblem(v, code, parts, out);
      };
    default:
  }
  if (code.startsWith('enum:')) {
    const values = new Set(code.slice(5).split('|'));
    return (v, parts, out) => {
      if (v === null || v === undefined) return;
      if (typeof v !== 'string') typeProblem(v, 'string', parts, out);
      else if (!values.has(v)) out.push({ type: 'enum', field: pathOf(parts), message: `received ${formatValue(v)}; allowed: ${typeWords(code)}` });
    };
  }
  if (code.startsWith('[]')) {
    const itemCode = code.slice(2);
    let item: Checker | undefined;
    return (v, parts, out) => {
      if (v === null || v === undefined) return;
      if (!Array.isArray(v)) return typeProblem(v, code, parts, out);
      item ??= checkerOf(itemCode);
      for (let i = 0; i < v.length; i++) {
        parts.push(i);
        item(v[i], parts, out);
        parts.pop();
      }
    };
  }
  const isObjectValue = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && !Array.isArray(v);
  if (code.startsWith('{}')) {
    const itemCode = code.slice(2);
    if (itemCode === 'string') {
      return (v, parts, out) => {
        if (v === null || v === undefined) return;
        if (!isObjectValue(v)) return typeProblem(v, code, parts, out);
        for (const key in v) {
          const x = v[key];
          if (typeof x !== 'string' && x !== null && x !== undefined) {
            parts.push(key);
            typeProblem(x, itemCode, parts, out);
            parts.pop();
          }
        }
      };
    }
    let item: Checker | undefined;
    return (v, parts, out) => {
      if (v === null || v === undefined) return;
      if (!isObjectValue(v)) return typeProblem(v, code, parts, out);
      item ??= checkerOf(itemCode);
      for (const key in v) {
        parts.push(key);
        item(v[key], parts, out);
        parts.pop();
      }
    };
  }
  // A definition: each field by its own checker (made on first use: definitions refer to each other, and to
  // themselves).
  const def = schema().definitions[code];
  const fieldCheckers = new Map<string, Checker>();
  return (v, parts, out) => {
    if (v === null || v === undefined) return;
    if (!isObjectValue(v)) return typeProblem(v, code, parts, out);
    for (const key in v) {
      parts.push(key);
      let field = fieldCheckers.get(key);
      if (field === undefined) {
        // Own fields only: a field named "constructor" or "toString" is unknown, not Object.prototype's.
        const fieldCode = Object.prototype.hasOwnProperty.call(def.p, key) ? def.p[key] : undefined;
        if (fieldCode !== undefined) {
          field = checkerOf(fieldCode);
          fieldCheckers.set(key, field);
        }
      }
      if (field === undefined) out.push({ type: 'unknown-field', field: pathOf(parts), message: unknownFieldMessage(key, code, def) });
      else field(v[key], parts, out);
      parts.pop();
    }
    if (def.r) {
      for (const key of def.r) {
        if (v[key] === undefined || v[key] === null) {
          parts.push(key);
          out.push({ type: 'required', field: pathOf(parts), message: `received nothing; allowed: ${typeWords(def.p[key])}: ${shortName(code)} requires "${key}"` });
          parts.pop();
        }
      }
    }
  };
}

function typeProblem(value: unknown, code: string, parts: ReadonlyArray<string | number>, out: SchemaProblem[]): void {
  out.push({ type: 'type', field: pathOf(parts), message: `received ${formatValue(value)} (${describe(value)}); allowed: ${typeWords(code)}` });
}

function unknownFieldMessage(key: string, code: string, def: Definition): string {
  const fields = Object.keys(def.p).sort();
  const near = fields.map((f) => [f, distance(f.toLowerCase(), key.toLowerCase())] as const)
    .filter(([, d]) => d <= Math.max(2, Math.floor(key.length / 4))).sort((a, b) => a[1] - b[1])[0];
  const hint = near ? ` (did you mean "${near[0]}"?)` : '';
  return `received the unknown field "${key}"${hint}; allowed: the fields of ${shortName(code)} in Kubernetes 1.27: ${fields.join(', ')}`;
}

/** Levenshtein distance, for "did you mean" hints on unknown fields only. */
function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length];
}
