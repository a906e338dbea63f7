/**
 * The strict schema check: every field of an object against the API definitions of the Kubernetes version validated
 * for, as the API server does with `kubectl apply --validate=strict` (the default since kubectl 1.25): unknown
 * fields, wrong types, missing required fields, values outside an enum, and integers outside their format (an int32
 * above 2147483647 is refused when the API server decodes the object, as a wrong type is). And which apiVersions each
 * version serves.
 *
 * The definitions are generated from Kubernetes' official definitions of each supported version by
 * `scripts/generate-schema-tables.ts` (its doc comment says how, enums included): `k8s-definitions.ts` holds every
 * distinct definition once, `k8s-1.X.ts` the entries of each version, `k8s-kinds.ts` every built-in kind and which
 * versions serve it. Each is loaded on first use, and a version's table only when that version is validated for.
 * Everything cached is cached per version (checkers, problems of an object) or does not depend on it.
 *
 * @see https://kubernetes.io/docs/reference/using-api/api-concepts/#field-validation
 * @internal
 */
import { INT_RANGE } from '../../core/_props';
import { formatValue } from '../../core/errors';
import { DEFAULT_KUBERNETES_VERSION } from '../../core/kubernetes-version';
import { ManifestObject } from '../../core/manifest-object';
import { REMOVED_APIS } from './_removed-apis';

/** One definition: the type code of each field, and the required fields. */
interface Definition { readonly p: Record<string, string>; readonly r?: readonly string[] }
type PoolEntry = [name: string, fields: Record<string, string>, required?: string[]];

/** `K8S_KINDS`: the supported versions and, per kind, its definition and one availability character per version. */
interface KindsTable {
  readonly versions: readonly string[];
  readonly kinds: Record<string, [definition: string, availability: string]>;
}

let pool: readonly PoolEntry[] | undefined;
function definitionPool(): readonly PoolEntry[] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  pool ??= (JSON.parse((require('./k8s-definitions') as typeof import('./k8s-definitions')).K8S_DEFINITIONS) as { definitions: PoolEntry[] }).definitions;
  return pool;
}

let kindsTable: KindsTable | undefined;
function kindsOf(): KindsTable {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  kindsTable ??= JSON.parse((require('./k8s-kinds') as typeof import('./k8s-kinds')).K8S_KINDS) as KindsTable;
  return kindsTable;
}

/** The position of `version` in the tables' versions. @throws if the tables have no such version */
function indexOfVersion(version: string): number {
  const i = kindsOf().versions.indexOf(version);
  if (i < 0) throw new Error(`no API definitions for Kubernetes ${JSON.stringify(version)}; allowed: ${kindsOf().versions.join(', ')}`);
  return i;
}

/**
 * Checks a value against one type, appending problems to `out`. `parts` is the field path, pushed and popped as the
 * check descends (no string is built unless there is a problem to report).
 */
type Checker = (value: unknown, parts: Array<string | number>, out: SchemaProblem[]) => void;

/** The schema of one Kubernetes version, and everything computed from it. */
interface VersionSchema {
  readonly version: string;
  /** The position of the version in `K8S_KINDS.versions`. */
  readonly index: number;
  /** Each definition of the version, by name. */
  readonly definitions: ReadonlyMap<string, Definition>;
  /** The checker of each type code, made on first use: the table is read once per type, not once per value. */
  readonly checkers: Map<string, Checker>;
  /** The problems of each object checked for this version. */
  readonly problems: WeakMap<object, SchemaProblem[]>;
}

const schemas = new Map<string, VersionSchema>();

/** The schema of `version`, loaded on first use. */
function schemaOf(version: string): VersionSchema {
  let schema = schemas.get(version);
  if (schema === undefined) {
    const index = indexOfVersion(version);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const module = require(`./k8s-${version}`) as Record<string, string>;
    const table = JSON.parse(module[`K8S_${version.replace('.', '_')}`]) as { definitions: number[] };
    const entries = definitionPool();
    const definitions = new Map<string, Definition>();
    for (const i of table.definitions) {
      const [name, p, r] = entries[i];
      definitions.set(name, r ? { p, r } : { p });
    }
    schema = { version, index, definitions, checkers: new Map(), problems: new WeakMap() };
    schemas.set(version, schema);
  }
  return schema;
}

/** One schema problem in an object. */
export interface SchemaProblem {
  readonly type: 'unknown-field' | 'type' | 'required' | 'enum';
  readonly field: string;
  readonly message: string;
}

/** A kind of the tables (its definition and availability), a kind removed before them, or neither. */
type KindEntry =
  | { readonly known: 'table'; readonly definition: string; readonly availability: string }
  | { readonly known: 'removed'; readonly removedIn: string; readonly note?: string }
  | { readonly known: 'no' };

const UNKNOWN: KindEntry = { known: 'no' };

/** What the tables say of each apiVersion and kind asked about, by apiVersion then kind (the same for every version). */
const kindEntries = new Map<string, Map<string, KindEntry>>();

function kindEntry(apiVersion: string, kind: string): KindEntry {
  let byKind = kindEntries.get(apiVersion);
  if (byKind === undefined) {
    byKind = new Map();
    kindEntries.set(apiVersion, byKind);
  }
  let entry = byKind.get(kind);
  if (entry === undefined) {
    const key = `${apiVersion}/${kind}`;
    const has = (table: object): boolean => Object.prototype.hasOwnProperty.call(table, key);
    const kinds = kindsOf().kinds;
    if (has(kinds)) entry = { known: 'table', definition: kinds[key][0], availability: kinds[key][1] };
    else if (has(REMOVED_APIS)) entry = { known: 'removed', ...REMOVED_APIS[key] };
    else entry = UNKNOWN;
    byKind.set(kind, entry);
  }
  return entry;
}

/**
 * Whether `apiVersion`/`kind` is a Kubernetes built-in: a kind of any supported version (served or not), or one
 * removed before them.
 */
export function isKnownKind(apiVersion: string, kind: string): boolean {
  return kindEntry(apiVersion, kind).known !== 'no';
}

/**
 * What a Kubernetes version does with objects of one apiVersion and kind:
 * - `served`: it serves them (`removedIn`: the first later supported version that does not);
 * - `not-enabled`: it has them in an alpha or beta API that it serves only when the cluster enables it;
 * - `removed`: it does not serve them, and an earlier version did (`removedIn`: the first version that did not);
 * - `not-yet`: it does not serve them, and a later supported version does (`addedIn`: the first version that has
 *   them; `addedNotEnabled` when that version has them but does not serve them by default);
 * - `unknown`: not a built-in kind (a custom resource).
 *
 * `use` is the apiVersion to use instead: one that the version serves for the kind (for `served` with a later
 * removal, one that the removing version serves, served from `useFrom` when that is later than the version asked
 * about).
 */
export interface ApiVersionStatus {
  /** What the version does with the objects. */
  readonly status: 'served' | 'not-enabled' | 'removed' | 'not-yet' | 'unknown';
  /** The version that removed the apiVersion, or the first later supported version that does not serve it. @default none */
  readonly removedIn?: string;
  /** The first supported version that has the apiVersion (`not-yet`). @default none */
  readonly addedIn?: string;
  /** Whether the apiVersion is not served by default in `addedIn` (an alpha or beta API). @default false */
  readonly addedNotEnabled?: boolean;
  /** The apiVersion to use instead. @default none: no apiVersion serves the kind */
  readonly use?: string;
  /** The first version that serves `use`, when it is later than the version asked about. @default none */
  readonly useFrom?: string;
  /** Why there is no apiVersion to use, or what replaces the kind. @default none */
  readonly note?: string;
}

const UNKNOWN_STATUS: ApiVersionStatus = { status: 'unknown' };

/** The status of `apiVersion`/`kind` in Kubernetes `version` (a supported version). */
export function apiVersionStatus(apiVersion: string, kind: string, version: string): ApiVersionStatus {
  const entry = kindEntry(apiVersion, kind);
  if (entry.known === 'no') return UNKNOWN_STATUS;
  const { versions } = kindsOf();
  const t = indexOfVersion(version);
  const group = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
  if (entry.known === 'removed') return { status: 'removed', removedIn: entry.removedIn, note: entry.note, ...replacement(kind, group, t, t) };
  const a = entry.availability;
  if (a[t] === 'S') {
    const gone = a.slice(t + 1).search(/[^S]/);
    if (gone < 0) return { status: 'served' };
    const r = t + 1 + gone;
    return { status: 'served', removedIn: versions[r], ...replacement(kind, group, r, t, apiVersion) };
  }
  if (a[t] === 'P') return { status: 'not-enabled', ...replacement(kind, group, t, t, apiVersion) };
  const last = a.slice(0, t).search(/[^-]-*$/);
  if (last >= 0) return { status: 'removed', removedIn: versions[last + 1], ...replacement(kind, group, t, t) };
  const first = t + 1 + a.slice(t + 1).search(/[^-]/);
  return { status: 'not-yet', addedIn: versions[first], addedNotEnabled: a[first] === 'P', ...replacement(kind, group, t, t, apiVersion) };
}

/**
 * The apiVersion to use for `kind` in the version at `at` (one that it serves): of the same group first, then GA
 * before beta before alpha, then the latest; `useFrom` when it is served only after the version at `asked`.
 */
function replacement(kind: string, group: string, at: number, asked: number, except?: string): Pick<ApiVersionStatus, 'use' | 'useFrom'> {
  const { versions, kinds } = kindsOf();
  let best: { apiVersion: string; rank: number[]; availability: string } | undefined;
  for (const [key, [, availability]] of Object.entries(kinds)) {
    if (!key.endsWith(`/${kind}`) || availability[at] !== 'S') continue;
    const apiVersion = key.slice(0, key.length - kind.length - 1);
    if (apiVersion === except) continue;
    const g = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
    const m = /v(\d+)(?:(alpha|beta)(\d+))?$/.exec(apiVersion)!;
    const rank = [g === group ? 1 : 0, m[2] === undefined ? 2 : m[2] === 'beta' ? 1 : 0, Number(m[1]), Number(m[3] ?? 0)];
    if (!best || isHigher(rank, best.rank)) best = { apiVersion, rank, availability };
  }
  if (!best) return {};
  const from = best.availability.indexOf('S');
  return from > asked ? { use: best.apiVersion, useFrom: versions[from] } : { use: best.apiVersion };
}

/** Whether the rank `a` is above `b`, comparing them element by element. */
function isHigher(a: readonly number[], b: readonly number[]): boolean {
  const i = a.findIndex((x, j) => x !== b[j]);
  return i >= 0 && a[i] > b[i];
}

/** The apiVersions that serve `kind` in Kubernetes `version`. */
export function servedVersionsOf(kind: string, version: string): string[] {
  const t = indexOfVersion(version);
  return Object.entries(kindsOf().kinds).filter(([key, [, a]]) => key.endsWith(`/${kind}`) && a[t] === 'S')
    .map(([key]) => key.slice(0, key.length - kind.length - 1));
}

const NO_PROBLEMS: SchemaProblem[] = [];

/**
 * The schema problems of `o` in Kubernetes `version` (none for kinds that the version does not have), computed once
 * per object and version.
 */
export function schemaProblemsOf(o: ManifestObject, version: string = DEFAULT_KUBERNETES_VERSION): SchemaProblem[] {
  const schema = schemaOf(version);
  let problems = schema.problems.get(o);
  if (!problems) {
    problems = NO_PROBLEMS;
    const entry = typeof o.apiVersion === 'string' && typeof o.kind === 'string' ? kindEntry(o.apiVersion, o.kind) : UNKNOWN;
    if (entry.known === 'table' && entry.availability[schema.index] !== '-') {
      const found: SchemaProblem[] = [];
      checkerOf(schema, entry.definition)(o, [], found);
      if (found.length > 0) problems = found;
    }
    schema.problems.set(o, problems);
  }
  return problems;
}

/**
 * The first supported version after `version` whose definition `definition` has `field`, if any: for the hint on
 * an unknown field that a later version defines.
 */
export function fieldAddedIn(definition: string, field: string, version: string): string | undefined {
  const { versions } = kindsOf();
  for (const later of versions.slice(indexOfVersion(version) + 1)) {
    const def = schemaOf(later).definitions.get(definition);
    if (def && Object.prototype.hasOwnProperty.call(def.p, field)) return later;
  }
  return undefined;
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

/** `core.v1.ContainerPort` → `ContainerPort`. */
function shortName(definition: string): string {
  return definition.slice(definition.lastIndexOf('.') + 1);
}

/** The field path of `parts`, e.g. `spec.template.metadata.labels["app.kubernetes.io/name"]`, built only to report. @internal */
export function pathOf(parts: ReadonlyArray<string | number>): string {
  let path = '';
  for (const part of parts) {
    if (typeof part === 'number') path += `[${part}]`;
    else if (path === '') path = part;
    else path += /^[A-Za-z_$][\w$-]*$/.test(part) ? `.${part}` : `[${JSON.stringify(part)}]`;
  }
  return path;
}

function checkerOf(schema: VersionSchema, code: string): Checker {
  let checker = schema.checkers.get(code);
  if (checker === undefined) {
    checker = compile(schema, code);
    schema.checkers.set(code, checker);
  }
  return checker;
}

/** The checker of the type `code` in `schema`: null and undefined always pass (the field is absent). */
function compile(schema: VersionSchema, code: string): Checker {
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
      else if (!values.has(v)) out.push({ type: 'enum', field: pathOf(parts), message: `received ${formatValue(v)}; allowed: ${typeWords(code)} (Kubernetes ${schema.version})` });
    };
  }
  if (code.startsWith('[]')) {
    const itemCode = code.slice(2);
    let item: Checker | undefined;
    return (v, parts, out) => {
      if (v === null || v === undefined) return;
      if (!Array.isArray(v)) return typeProblem(v, code, parts, out);
      item ??= checkerOf(schema, itemCode);
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
      item ??= checkerOf(schema, itemCode);
      for (const key in v) {
        parts.push(key);
        item(v[key], parts, out);
        parts.pop();
      }
    };
  }
  // A definition: each field by its own checker (made on first use: definitions refer to each other, and to
  // themselves).
  const def = schema.definitions.get(code);
  if (def === undefined) throw new Error(`Kubernetes ${schema.version} has no definition ${code}`);
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
          field = checkerOf(schema, fieldCode);
          fieldCheckers.set(key, field);
        }
      }
      if (field === undefined) out.push({ type: 'unknown-field', field: pathOf(parts), message: unknownFieldMessage(key, code, def, schema.version) });
      else field(v[key], parts, out);
      parts.pop();
    }
    if (def.r) {
      for (const key of def.r) {
        if (v[key] === undefined || v[key] === null) {
          parts.push(key);
          out.push({ type: 'required', field: pathOf(parts), message: `received nothing; allowed: ${typeWords(def.p[key])}: ${shortName(code)} requires "${key}" in Kubernetes ${schema.version}` });
          parts.pop();
        }
      }
    }
  };
}

function typeProblem(value: unknown, code: string, parts: ReadonlyArray<string | number>, out: SchemaProblem[]): void {
  out.push({ type: 'type', field: pathOf(parts), message: `received ${formatValue(value)} (${describe(value)}); allowed: ${typeWords(code)}` });
}

function unknownFieldMessage(key: string, code: string, def: Definition, version: string): string {
  const fields = Object.keys(def.p).sort();
  const near = fields.map((f) => [f, distance(f.toLowerCase(), key.toLowerCase())] as const)
    .filter(([, d]) => d <= Math.max(2, Math.floor(key.length / 4))).sort((a, b) => a[1] - b[1])[0];
  const later = fieldAddedIn(code, key, version);
  const hint = later ? ` ("${key}" is a field of ${shortName(code)} from Kubernetes ${later})` : near ? ` (did you mean "${near[0]}"?)` : '';
  return `received the unknown field "${key}"${hint}; allowed: the fields of ${shortName(code)} in Kubernetes ${version}: ${fields.join(', ')}`;
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
