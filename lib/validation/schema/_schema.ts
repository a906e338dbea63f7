/**
 * The strict schema check: every field of an object against the Kubernetes 1.27 API definitions, as the API server
 * does with `kubectl apply --validate=strict` (the default since kubectl 1.25): unknown fields, wrong types, missing
 * required fields and values outside an enum.
 *
 * The definitions are in `k8s-1.27.ts`, generated from kubernetes-models@4.5.1 by
 * `scripts/generate-schema-tables.ts`, and loaded on first use.
 *
 * @see https://kubernetes.io/docs/reference/using-api/api-concepts/#field-validation
 * @internal
 */
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

/** Whether `apiVersion`/`kind` is a Kubernetes built-in (served by 1.27 or by another version). */
export function isKnownKind(apiVersion: string, kind: string): boolean {
  const key = `${apiVersion}/${kind}`;
  return key in schema().kinds || key in schema().notServed;
}

/** The apiVersions that serve `kind` in Kubernetes 1.27. */
export function servedVersionsOf(kind: string): string[] {
  return Object.keys(schema().kinds).filter((k) => k.endsWith(`/${kind}`)).map((k) => k.slice(0, k.length - kind.length - 1));
}

/** Whether `apiVersion`/`kind` is a known kind that Kubernetes 1.27 does not serve. */
export function isNotServed(apiVersion: string, kind: string): boolean {
  return `${apiVersion}/${kind}` in schema().notServed;
}

const problemsCache = new WeakMap<object, SchemaProblem[]>();
const NO_PROBLEMS: SchemaProblem[] = [];
const enumSets = new Map<string, Set<string>>();

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

const TYPE_WORDS: Record<string, string> = {
  string: 'a string', integer: 'an integer', number: 'a number', boolean: 'true or false',
  'int-or-string': 'an integer or a string',
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
 * Checks `value` against the type `code`, appending problems to `out`. `parts` is the field path, pushed and popped
 * as the walk descends (no string is built unless there is a problem to report).
 */
function walk(value: unknown, code: string, parts: Array<string | number>, out: SchemaProblem[]): void {
  if (value === null || value === undefined || code === 'any') return;
  switch (code) {
    case 'string':
      if (typeof value !== 'string') typeProblem(value, code, parts, out);
      return;
    case 'integer':
      if (typeof value !== 'number' || !Number.isInteger(value)) typeProblem(value, code, parts, out);
      return;
    case 'number':
      if (typeof value !== 'number') typeProblem(value, code, parts, out);
      return;
    case 'boolean':
      if (typeof value !== 'boolean') typeProblem(value, code, parts, out);
      return;
    case 'int-or-string':
      if (typeof value !== 'string' && !(typeof value === 'number' && Number.isInteger(value))) typeProblem(value, code, parts, out);
      return;
    case 'quantity':
      if (typeof value !== 'string' && !(typeof value === 'number' && Number.isFinite(value))) typeProblem(value, code, parts, out);
      return;
    default:
  }
  const first = code.charCodeAt(0);
  if (first === 101 /* e */ && code.startsWith('enum:')) {
    let values = enumSets.get(code);
    if (!values) {
      values = new Set(code.slice(5).split('|'));
      enumSets.set(code, values);
    }
    if (typeof value !== 'string') typeProblem(value, 'string', parts, out);
    else if (!values.has(value)) {
      out.push({ type: 'enum', field: pathOf(parts), message: `received ${formatValue(value)}; allowed: ${typeWords(code)}` });
    }
    return;
  }
  if (first === 91 /* [ */) {
    if (!Array.isArray(value)) return typeProblem(value, code, parts, out);
    const item = code.slice(2);
    for (let i = 0; i < value.length; i++) {
      parts.push(i);
      walk(value[i], item, parts, out);
      parts.pop();
    }
    return;
  }
  if (typeof value !== 'object' || Array.isArray(value)) return typeProblem(value, code, parts, out);
  const record = value as Record<string, unknown>;
  if (first === 123 /* { */) {
    const item = code.slice(2);
    if (item === 'string') {
      for (const key in record) {
        const v = record[key];
        if (typeof v !== 'string' && v !== null && v !== undefined) {
          parts.push(key);
          typeProblem(v, item, parts, out);
          parts.pop();
        }
      }
      return;
    }
    for (const key in record) {
      parts.push(key);
      walk(record[key], item, parts, out);
      parts.pop();
    }
    return;
  }
  const def = schema().definitions[code];
  const fields = def.p;
  for (const key in record) {
    const fieldCode = fields[key];
    parts.push(key);
    if (fieldCode === undefined) out.push({ type: 'unknown-field', field: pathOf(parts), message: unknownFieldMessage(key, code, def) });
    else walk(record[key], fieldCode, parts, out);
    parts.pop();
  }
  if (def.r) {
    for (const key of def.r) {
      if (record[key] === undefined || record[key] === null) {
        parts.push(key);
        out.push({ type: 'required', field: pathOf(parts), message: `received nothing; allowed: ${typeWords(fields[key])}: ${shortName(code)} requires "${key}"` });
        parts.pop();
      }
    }
  }
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
