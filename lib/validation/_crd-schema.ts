import { isIPv4, isIPv6 } from 'net';
import { formatValue } from '../core/errors';
import { PathSegment } from '../core/_field-path';
import { pathOf } from './schema/_schema';

// A custom resource checked against the structural schema of its CustomResourceDefinition version
// (`openAPIV3Schema`), as the API server does (k8s.io/apiextensions-apiserver: pruning, then kube-openapi's schema
// validation): compiled once per CRD version, each subschema on first use.

/** What a CRD schema check found: the kind of problem (the rule that reports it), the field and the message. @internal */
export interface CrdProblem {
  readonly type: 'unknown-field' | 'required' | 'type' | 'enum' | 'value';
  readonly field: string;
  readonly message: string;
}

/** A compiled schema node: records the problems of `value` at `parts` in `out`. */
type Checker = (value: unknown, parts: PathSegment[], out: CrdProblem[]) => void;

/** The part of a JSONSchemaProps (apiextensions.k8s.io/v1) the check reads. */
interface SchemaProps {
  readonly type?: string;
  readonly format?: string;
  readonly enum?: readonly unknown[];
  readonly nullable?: boolean;
  readonly required?: readonly string[];
  readonly properties?: Readonly<Record<string, SchemaProps>>;
  readonly additionalProperties?: SchemaProps | boolean;
  readonly items?: SchemaProps;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly exclusiveMinimum?: boolean;
  readonly exclusiveMaximum?: boolean;
  readonly multipleOf?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly pattern?: string;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly uniqueItems?: boolean;
  readonly minProperties?: number;
  readonly maxProperties?: number;
  readonly 'x-kubernetes-preserve-unknown-fields'?: boolean;
  readonly 'x-kubernetes-int-or-string'?: boolean;
  readonly 'x-kubernetes-embedded-resource'?: boolean;
  readonly 'x-kubernetes-validations'?: readonly unknown[];
  readonly 'x-kubernetes-list-type'?: string;
  readonly 'x-kubernetes-list-map-keys'?: readonly string[];
}

/**
 * The string formats checked, and what each allows. The API server checks the formats of kube-openapi's strfmt
 * registry (`k8s.io/kube-openapi/pkg/validation/strfmt`, read by apiextensions-apiserver's `validation.go`, only on
 * strings): bsonobjectid, uri, email, hostname, ipv4, ipv6, cidr, mac, uuid, uuid3, uuid4, uuid5, isbn, isbn10,
 * isbn13, creditcard, ssn, hexcolor, rgbcolor, byte, password, date, duration, datetime (date-time). Those whose
 * check is a regular expression or a parse with an exact equivalent here are checked; uri, email, hostname, isbn*,
 * creditcard, rgbcolor and duration (parsed by Go functions whose edge cases differ) are not, so that nothing the API
 * server accepts is refused. int32, int64, float and double are not string formats: no range is checked for them.
 */
const FORMATS: Record<string, { readonly test: (s: string) => boolean; readonly allowed: string }> = {
  bsonobjectid: { test: (s) => /^[0-9a-f]{24}$/i.test(s), allowed: 'a BSON object id: 24 hexadecimal digits' },
  ipv4: { test: (s) => isIPv4(s), allowed: 'an IPv4 address, e.g. "10.0.0.1"' },
  ipv6: { test: (s) => isIPv6(s), allowed: 'an IPv6 address, e.g. "fd00::1"' },
  cidr: { test: isCidr, allowed: 'a CIDR, e.g. "10.0.0.0/8"' },
  mac: { test: (s) => /^(?:[0-9a-f]{2}(?:[:-][0-9a-f]{2}){5,19}|[0-9a-f]{4}(?:\.[0-9a-f]{4}){2,9})$/i.test(s), allowed: 'a MAC address, e.g. "00:00:5e:00:53:01"' },
  uuid: { test: (s) => /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i.test(s), allowed: 'a UUID' },
  uuid3: { test: (s) => /^[0-9a-f]{8}-?[0-9a-f]{4}-?3[0-9a-f]{3}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i.test(s), allowed: 'a version 3 UUID' },
  uuid4: { test: (s) => /^[0-9a-f]{8}-?[0-9a-f]{4}-?4[0-9a-f]{3}-?[89ab][0-9a-f]{3}-?[0-9a-f]{12}$/i.test(s), allowed: 'a version 4 UUID' },
  uuid5: { test: (s) => /^[0-9a-f]{8}-?[0-9a-f]{4}-?5[0-9a-f]{3}-?[89ab][0-9a-f]{3}-?[0-9a-f]{12}$/i.test(s), allowed: 'a version 5 UUID' },
  ssn: { test: (s) => /^\d{3}[- ]?\d{2}[- ]?\d{4}$/.test(s), allowed: 'a U.S. social security number' },
  hexcolor: { test: (s) => /^#?(?:[0-9a-f]{3}|[0-9a-f]{6})$/i.test(s), allowed: 'a hexadecimal color, e.g. "#FFFFFF"' },
  byte: { test: (s) => /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(s), allowed: 'base64-encoded data' },
  date: { test: (s) => /^\d{4}-\d{2}-\d{2}$/.test(s) && isCalendarDate(s), allowed: 'a date (RFC 3339 full-date), e.g. "2006-01-02"' },
  'date-time': { test: isDateTime, allowed: 'a date and time (RFC 3339), e.g. "2006-01-02T15:04:05Z"' },
  datetime: { test: isDateTime, allowed: 'a date and time (RFC 3339), e.g. "2006-01-02T15:04:05Z"' },
};

function isCidr(s: string): boolean {
  const slash = s.indexOf('/');
  if (slash < 0 || !/^\d{1,3}$/.test(s.slice(slash + 1))) return false;
  const ip = s.slice(0, slash);
  const bits = Number(s.slice(slash + 1));
  return (isIPv4(ip) && bits <= 32) || (isIPv6(ip) && bits <= 128);
}

function isCalendarDate(s: string): boolean {
  const [y, m, d] = s.slice(0, 10).split('-').map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

function isDateTime(s: string): boolean {
  return /^\d{4}-\d{2}-\d{2}[Tt ]([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)(\.\d+)?([Zz]|[+-]([01]\d|2[0-3]):[0-5]\d)$/.test(s) && isCalendarDate(s);
}

/** The fields every custom resource (and embedded resource) has whatever its schema: checked by other rules. */
const OBJECT_FIELDS = new Set(['apiVersion', 'kind', 'metadata']);

/** A compiled CRD version schema. @internal */
export interface CompiledCrdSchema {
  /** The problems of a custom resource (its apiVersion, kind and metadata are left to the other rules). */
  check(o: Record<string, unknown>): CrdProblem[];
  /** How many `x-kubernetes-validations` rules (CEL) the schema holds: they are not evaluated. */
  readonly celRules: number;
}

/**
 * Compiles `schema` (a CRD version's `schema.openAPIV3Schema`); `what` names it in messages, e.g.
 * `ServiceMonitor monitoring.coreos.com/v1`.
 *
 * @internal
 */
export function compileCrdSchema(schema: unknown, what: string): CompiledCrdSchema {
  const root = isRecord(schema) ? schema as SchemaProps : {};
  const check = compile(root, what, true);
  return {
    check(o) {
      const out: CrdProblem[] = [];
      check(o, [], out);
      return out;
    },
    celRules: countCelRules(root),
  };
}

function countCelRules(s: SchemaProps): number {
  let n = Array.isArray(s['x-kubernetes-validations']) ? s['x-kubernetes-validations'].length : 0;
  if (isRecord(s.properties)) for (const p of Object.values(s.properties)) if (isRecord(p)) n += countCelRules(p);
  if (isRecord(s.additionalProperties)) n += countCelRules(s.additionalProperties);
  if (isRecord(s.items)) n += countCelRules(s.items);
  return n;
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return x !== null && typeof x === 'object' && !Array.isArray(x);
}

const TYPE_WORDS: Record<string, string> = {
  object: 'an object', array: 'a list', string: 'a string', integer: 'an integer', number: 'a number', boolean: 'true or false',
};

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value !== null && typeof value === 'object') return 'an object';
  if (typeof value === 'number') return Number.isInteger(value) ? 'an integer' : 'a number';
  return `a ${typeof value}`;
}

/** A value as a key, for enums and uniqueItems: JSON with object keys sorted. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (isRecord(value)) return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`).join(',')}}`;
  return JSON.stringify(value) ?? 'null';
}

/** The regular expression of `pattern` (ECMA 262, as CRDs give it), or undefined when JavaScript cannot compile it. */
function regExpOf(pattern: string): RegExp | undefined {
  try {
    return new RegExp(pattern, 'u');
  } catch {
    try {
      return new RegExp(pattern);
    } catch {
      return undefined;
    }
  }
}

function typeOk(type: string | undefined, v: unknown): boolean {
  switch (type) {
    case 'object': return isRecord(v);
    case 'array': return Array.isArray(v);
    case 'string': return typeof v === 'string';
    case 'integer': return typeof v === 'number' && Number.isInteger(v);
    case 'number': return typeof v === 'number' && Number.isFinite(v);
    case 'boolean': return typeof v === 'boolean';
    default: return true;
  }
}

/** The checker of the schema node `s`; `root` for the object itself (apiVersion, kind and metadata are left alone). */
function compile(s: SchemaProps, what: string, root = false): Checker {
  const checks: Checker[] = [];
  const intOrString = s['x-kubernetes-int-or-string'] === true;
  const type = intOrString ? undefined : s.type;
  const problem = (type: CrdProblem['type'], parts: readonly PathSegment[], out: CrdProblem[], message: string): void => {
    out.push({ type, field: pathOf(parts), message });
  };

  if (Array.isArray(s.enum)) {
    const values = new Set(s.enum.map(canonical));
    const words = s.enum.map((v) => formatValue(v)).join(', ');
    checks.push((v, parts, out) => {
      if (!values.has(canonical(v))) problem('enum', parts, out, `received ${formatValue(v)}; allowed: one of ${words} (${what})`);
    });
  }
  // strings
  const stringChecks: Array<(v: string, parts: PathSegment[], out: CrdProblem[]) => void> = [];
  if (typeof s.minLength === 'number' || typeof s.maxLength === 'number') {
    const min = s.minLength ?? 0;
    const max = s.maxLength ?? Infinity;
    stringChecks.push((v, parts, out) => {
      const length = [...v].length; // characters (code points), as Go's utf8.RuneCountInString
      if (length < min || length > max) {
        problem('value', parts, out, `received ${formatValue(v)} (${length} characters); allowed: a string of ${lengthWords(min, max, 'character')} (${what})`);
      }
    });
  }
  if (typeof s.pattern === 'string') {
    const re = regExpOf(s.pattern);
    const pattern = s.pattern;
    if (re) stringChecks.push((v, parts, out) => { if (!re.test(v)) problem('value', parts, out, `received ${formatValue(v)}; allowed: a string matching ${JSON.stringify(pattern)} (${what})`); });
  }
  const format = typeof s.format === 'string' ? FORMATS[s.format] : undefined;
  if (format) {
    const name = s.format!;
    stringChecks.push((v, parts, out) => { if (!format.test(v)) problem('value', parts, out, `received ${formatValue(v)}; allowed: ${format.allowed} (format "${name}", ${what})`); });
  }
  if (stringChecks.length > 0) checks.push((v, parts, out) => { if (typeof v === 'string') for (const c of stringChecks) c(v, parts, out); });
  // numbers
  if (typeof s.minimum === 'number' || typeof s.maximum === 'number' || typeof s.multipleOf === 'number') {
    const { minimum, maximum, multipleOf } = s;
    const exMin = s.exclusiveMinimum === true;
    const exMax = s.exclusiveMaximum === true;
    checks.push((v, parts, out) => {
      if (typeof v !== 'number') return;
      const low = typeof minimum === 'number' && (exMin ? v <= minimum : v < minimum);
      const high = typeof maximum === 'number' && (exMax ? v >= maximum : v > maximum);
      if (low || high) {
        const bounds = [typeof minimum === 'number' ? `${exMin ? 'greater than' : 'at least'} ${minimum}` : '',
          typeof maximum === 'number' ? `${exMax ? 'less than' : 'at most'} ${maximum}` : ''].filter((b) => b !== '').join(' and ');
        problem('value', parts, out, `received ${v}; allowed: a number ${bounds} (${what})`);
      }
      if (typeof multipleOf === 'number' && multipleOf > 0 && !Number.isInteger(v / multipleOf)) problem('value', parts, out, `received ${v}; allowed: a multiple of ${multipleOf} (${what})`);
    });
  }
  // lists (uniqueItems, and x-kubernetes-list-type set and map, as the API server checks them)
  if (type === 'array' || s.items !== undefined) {
    const min = s.minItems ?? 0;
    const max = s.maxItems ?? Infinity;
    const unique = s.uniqueItems === true || s['x-kubernetes-list-type'] === 'set';
    const mapKeys = s['x-kubernetes-list-type'] === 'map' && Array.isArray(s['x-kubernetes-list-map-keys']) ? s['x-kubernetes-list-map-keys'] : undefined;
    let item: Checker | undefined;
    checks.push((v, parts, out) => {
      if (!Array.isArray(v)) return;
      if (v.length < min || v.length > max) problem('value', parts, out, `received a list of ${v.length} item(s); allowed: ${lengthWords(min, max, 'item')} (${what})`);
      if (unique) {
        const seen = new Map<string, number>();
        v.forEach((x, i) => {
          const key = canonical(x);
          const first = seen.get(key);
          if (first === undefined) seen.set(key, i);
          else problem('value', [...parts, i], out, `received ${formatValue(x)}, the same as item ${first}; allowed: items that are all different (${what})`);
        });
      }
      if (mapKeys) {
        // x-kubernetes-list-type: map: no two items with the same values of the key fields
        const seen = new Map<string, number>();
        v.forEach((x, i) => {
          if (!isRecord(x)) return;
          const key = canonical(mapKeys.map((k) => x[k] ?? null));
          const first = seen.get(key);
          if (first === undefined) seen.set(key, i);
          else problem('value', [...parts, i], out, `received an item with the same ${mapKeys.map((k) => `${k} (${formatValue(x[k] ?? null)})`).join(', ')} as item ${first}; allowed: items whose ${mapKeys.join(', ')} differ (x-kubernetes-list-type: map, ${what})`);
        });
      }
      if (!isRecord(s.items)) return;
      item ??= compile(s.items, what);
      for (let i = 0; i < v.length; i++) {
        parts.push(i);
        item(v[i], parts, out);
        parts.pop();
      }
    });
  }
  // objects
  if (type === 'object' || s.properties !== undefined || s.additionalProperties !== undefined) {
    const properties = isRecord(s.properties) ? s.properties : {};
    const fields = new Map<string, Checker>();
    const preserve = s['x-kubernetes-preserve-unknown-fields'] === true || s.additionalProperties === true;
    const embedded = root || s['x-kubernetes-embedded-resource'] === true;
    let additional: Checker | undefined;
    const required = Array.isArray(s.required) ? s.required.filter((r): r is string => typeof r === 'string') : [];
    const min = s.minProperties ?? 0;
    const max = s.maxProperties ?? Infinity;
    const names = Object.keys(properties).sort();
    checks.push((v, parts, out) => {
      if (!isRecord(v)) return;
      for (const key in v) {
        if (embedded && OBJECT_FIELDS.has(key)) continue;
        parts.push(key);
        if (Object.prototype.hasOwnProperty.call(properties, key)) {
          let field = fields.get(key);
          if (!field) {
            field = compile(isRecord(properties[key]) ? properties[key] : {}, what);
            fields.set(key, field);
          }
          field(v[key], parts, out);
        } else if (isRecord(s.additionalProperties)) {
          additional ??= compile(s.additionalProperties, what);
          additional(v[key], parts, out);
        } else if (!preserve) {
          problem('unknown-field', parts, out, `received the unknown field "${key}"; allowed: ${names.length === 0 ? 'no fields' : `the fields ${names.join(', ')}`} (${what}: the API server drops unknown fields)`);
        }
        parts.pop();
      }
      for (const key of required) {
        const value = v[key];
        if (value === undefined || (value === null && !(isRecord(properties[key]) && properties[key].nullable === true))) {
          parts.push(key);
          const sub = isRecord(properties[key]) ? properties[key] : {};
          problem('required', parts, out, `received nothing; allowed: ${TYPE_WORDS[typeof sub.type === 'string' ? sub.type : ''] ?? 'a value'}: ${what} requires "${key}"`);
          parts.pop();
        }
      }
      const count = Object.keys(v).length;
      if (count < min || count > max) problem('value', parts, out, `received an object of ${count} field(s); allowed: ${lengthWords(min, max, 'field')} (${what})`);
    });
  }

  const nullable = s.nullable === true;
  return (v, parts, out) => {
    // null: allowed when nullable; otherwise the API server prunes it (and `required` says if it was needed)
    if (v === undefined || v === null) return;
    if (intOrString && !(typeof v === 'string' || (typeof v === 'number' && Number.isInteger(v)))) {
      problem('type', parts, out, `received ${formatValue(v)} (${describe(v)}); allowed: an integer or a string (${what})`);
      return;
    }
    if (!typeOk(type, v)) {
      problem('type', parts, out, `received ${formatValue(v)} (${describe(v)}); allowed: ${TYPE_WORDS[type!] ?? type}${nullable ? ' or null' : ''} (${what})`);
      return;
    }
    for (const c of checks) c(v, parts, out);
  };
}

function lengthWords(min: number, max: number, unit: string): string {
  if (max === Infinity) return `at least ${min} ${unit}(s)`;
  if (min === 0) return `at most ${max} ${unit}(s)`;
  return min === max ? `exactly ${min} ${unit}(s)` : `${min} to ${max} ${unit}(s)`;
}
