import { L1_CONVERSIONS } from './_l1-conversions';

/**
 * What cdk8s-plus-27's generated `toJson_<type>()` functions do, in one pass, without losing a field.
 *
 * The generated functions build each object's JSON field by field (renamed, unwrapped or converted recursively) and
 * then leave undefined values out by spreading the result once per field: quadratic in the fields of each object,
 * and much of the garbage of a large synth. They also drop what their 1.27 types do not know: a field Kubernetes
 * added later (a native sidecar's `restartPolicy`, `trafficDistribution`), and a value of another shape than the
 * type's (a plain string quantity, a number for an `IntOrString`). `convertL1()` interprets a table of those
 * functions (`_l1-conversions.ts`, generated from the package by `scripts/generate-l1-conversions.ts`) with the same
 * JavaScript semantics for what they know, field for field and key for key, and keeps the rest as given:
 *
 * - a key the type does not know is written as it is given (after the known fields, in the given order; sorted when
 *   the values are resolved as cdk8s does, with `sortKeys`); renames (`clusterIp` to `clusterIP`) happen only to the
 *   props the table knows;
 * - a value of another shape than the field's (not an object where the type has an object, not a list where it
 *   has a list, a wrapper that is not `{ value }`) is written as it is given.
 *
 * A key given twice, under its prop name and as its Kubernetes name (`clusterIp` and `clusterIP`), with different
 * values, would lose one of them: the conversion throws an `L1FieldConflict` naming it. test/core/l1-convert.test.ts
 * compares the result with the generated function's on every field of every type; where they differ, the generated
 * one has dropped a value.
 *
 * @internal
 */
export function convertL1(type: string, value: unknown): unknown {
  return convertObjectField(l1Type(type) as CompiledType, value, PLAIN);
}

/** Whether the table has a conversion for `type` (`KubeDeploymentProps`, `ObjectMeta`, ...). @internal */
export function hasL1Conversion(type: string): boolean {
  return Object.prototype.hasOwnProperty.call(table(), type);
}

/**
 * How the conversion reads the values it converts: plain data as it is (`convertL1()`), or, for a caller that
 * resolves a value and converts it in the same walk (`_render.ts`), with cdk8s's lazy values and tokens resolved as
 * it goes.
 *
 * @internal
 */
export interface L1Values {
  /** `value` with the lazy values and tokens at its top resolved: what decides how it is converted. */
  top(value: unknown): unknown;
  /** `value` resolved and sanitized throughout: what a value the conversion does not change is written as. */
  deep(value: unknown): unknown;
  /** Whether keys the type does not know are written sorted (else in the given order). */
  readonly sortKeys: boolean;
}

/** Plain data: values taken as they are, keys in their order. */
const PLAIN: L1Values = { top: (v) => v, deep: (v) => v, sortKeys: false };

/**
 * The fields of a type's conversion: `byProp` finds a field by its prop name.
 *
 * @internal
 */
export interface L1Type {
  readonly fields: readonly L1Field[];
  readonly byProp: ReadonlyMap<string, number>;
}

/** One field of an `L1Type`: its Kubernetes name, its prop name, its shape, the type of nested conversions. @internal */
export interface L1Field {
  readonly json: string;
  readonly prop: string;
  readonly shape: Shape;
  readonly type?: string;
}

/** The fields of `type`. @throws if the table has no conversion for it @internal */
export function l1Type(type: string): L1Type {
  let t = compiled.get(type);
  if (t === undefined) {
    if (!hasL1Conversion(type)) throw new Error(`no conversion for type ${type}`);
    const fields: CompiledField[] = table()[type].map(([json, prop, shape, nested]) => ({ json, prop, shape, type: nested }));
    t = { fields, byProp: new Map(fields.map((f, i) => [f.prop, i])) };
    compiled.set(type, t);
  }
  return t;
}

/**
 * What the conversion makes of the field `f` whose value is `x` (plain data).
 *
 * @internal
 */
export function convertL1Field(f: L1Field, x: unknown): unknown {
  return convertField(f as CompiledField, x, PLAIN);
}

/**
 * The fields of `value`, an object of type `type` (read through `values`: plain data by default), converted into
 * `into` after the keys it already has; the value of `finalKey` is taken as it is (already resolved and converted).
 * A key that `into` already has and `value` gives as it is, with another value, is a conflict.
 *
 * @throws L1FieldConflict when a key would be written twice with different values
 * @internal
 */
export function convertL1Object(type: L1Type, value: Record<string, unknown>, into: Record<string, unknown> = {},
  values: L1Values = PLAIN, finalKey?: string): Record<string, unknown> {
  return convertObject(type as CompiledType, value, values, into, finalKey);
}

/**
 * A key that the conversion would write twice with different values: the Kubernetes name of a known prop, also
 * given as it is (`clusterIp` and `clusterIP`). Thrown to the caller, which names the object; `path` is the key's
 * path from the converted value (keys and list indexes, outermost first).
 *
 * @internal
 */
export class L1FieldConflict extends Error {
  /** The path of the key written twice, from the value converted. */
  public readonly path: Array<string | number>;

  constructor(
    /** The key written twice (a Kubernetes name). */
    key: string,
    /** The prop written as `key` first (undefined: a key the caller had set). */
    public readonly writtenAs: string | undefined,
    /** Its value. */
    public readonly written: unknown,
    /** The key that would write it again. */
    public readonly givenAs: string,
    /** Its value. */
    public readonly given: unknown,
  ) {
    super(`${key} is given twice`);
    this.name = 'L1FieldConflict';
    this.path = [key];
  }
}

/** A field: its Kubernetes name, its prop name, its shape and, for nested conversions, their type. */
type Field = readonly [json: string, prop: string, shape: Shape, type?: string];

/**
 * `c`: copied; `o`: converted; `ao`, `ac`: an array of converted or copied items; `v`: unwrapped (`.value`);
 * `d`: a Date as ISO text; `mc`, `mv`, `mo`, `mac`: a map of copied, unwrapped, converted, or copied arrays.
 * @internal
 */
export type Shape = 'c' | 'o' | 'ao' | 'ac' | 'v' | 'd' | 'mc' | 'mv' | 'mo' | 'mac';

interface CompiledField {
  readonly json: string;
  readonly prop: string;
  readonly shape: Shape;
  /** The nested conversion (looked up once, on first use). */
  nested?: CompiledType;
  readonly type?: string;
}

interface CompiledType {
  readonly fields: readonly CompiledField[];
  readonly byProp: ReadonlyMap<string, number>;
}

let parsed: Record<string, readonly Field[]> | undefined;
/** Each type's fields, compiled on first use. */
const compiled = new Map<string, CompiledType>();

function table(): Record<string, readonly Field[]> {
  parsed ??= JSON.parse(L1_CONVERSIONS) as Record<string, readonly Field[]>;
  return parsed;
}

function nestedOf(f: CompiledField): CompiledType {
  f.nested ??= l1Type(f.type as string) as CompiledType;
  return f.nested;
}

/**
 * Whether `x` is a plain object (what the conversion converts field by field, and resolving copies key by key): made
 * by `{}` or `Object.create(null)`. Its prototype is asked, not its `constructor`, which a key may shadow.
 *
 * @internal
 */
export function isPlain(x: unknown): x is Record<string, unknown> {
  if (x === null || typeof x !== 'object') return false;
  const proto = Object.getPrototypeOf(x);
  return proto === Object.prototype || proto === null;
}

function convertObject(t: CompiledType, obj: Record<string, unknown>, r: L1Values, into: Record<string, unknown>, finalKey?: string): Record<string, unknown> {
  const fields = t.fields;
  const values = new Array<unknown>(fields.length);
  let given: Array<[string, unknown]> | undefined;
  // In the object's own key order: lazy values are produced in that order, as cdk8s produces them.
  for (const key of Object.keys(obj)) {
    const raw = obj[key];
    const i = t.byProp.get(key);
    if (i === undefined) {
      // A key the caller has written already (apiVersion and kind), with the same value: nothing to add.
      if (raw !== undefined && into[key] === raw) continue;
      const x = r.deep(raw);
      if (x !== undefined) (given ??= []).push([key, x]);
    } else {
      values[i] = key === finalKey ? raw : convertField(fields[i], raw, r);
    }
  }
  for (let i = 0; i < fields.length; i++) {
    const x = values[i];
    if (x !== undefined) into[fields[i].json] = x;
  }
  if (given !== undefined) writeGiven(t, into, given, r.sortKeys);
  return into;
}

/** Writes the keys the type does not know, as given. */
function writeGiven(t: CompiledType, into: Record<string, unknown>, given: Array<[string, unknown]>, sortKeys: boolean): void {
  if (sortKeys && given.length > 1) given.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)); // the default sort, as cdk8s's
  for (const [key, x] of given) {
    if (Object.prototype.hasOwnProperty.call(into, key)) {
      if (Object.is(into[key], x)) continue;
      throw new L1FieldConflict(key, t.fields.find((f) => f.json === key)?.prop, into[key], key, x);
    }
    setOwn(into, key, x);
  }
}

/**
 * `out[key] = v` as an own property, also for the key "__proto__" (as the generated `{ ...r, [key]: v }`).
 *
 * @internal
 */
export function setOwn(out: Record<string, unknown>, key: string, v: unknown): void {
  if (key === '__proto__') Object.defineProperty(out, key, { value: v, enumerable: true, writable: true, configurable: true });
  else out[key] = v;
}

/** A nested conversion's error, with the segment it happened below. */
function below(e: unknown, segment: string | number): unknown {
  if (e instanceof L1FieldConflict) e.path.unshift(segment);
  return e;
}

/** An object field (shape `o`): a plain object is converted, anything else written as given. */
function convertObjectField(t: CompiledType, raw: unknown, r: L1Values): unknown {
  const x = r.top(raw);
  return isPlain(x) ? convertObject(t, x, r, {}) : r.deep(x);
}

/** One field: `raw` is the prop's value, read through `r`. */
function convertField(f: CompiledField, raw: unknown, r: L1Values): unknown {
  switch (f.shape) {
    case 'c':
      // A copied primitive (most fields): what resolving and the conversion both leave as it is.
      return typeof raw === 'string' || typeof raw === 'number' || typeof raw === 'boolean' ? raw : r.deep(raw);
    case 'o':
      try {
        return convertObjectField(nestedOf(f), raw, r);
      } catch (e) {
        throw below(e, f.json);
      }
    case 'ao': {
      const x = r.top(raw);
      if (!Array.isArray(x)) return r.deep(x);
      const nested = nestedOf(f);
      const items = new Array<unknown>(x.length);
      for (let i = 0; i < x.length; i++) {
        try {
          items[i] = convertObjectField(nested, x[i], r);
        } catch (e) {
          throw below(below(e, i), f.json);
        }
      }
      return items;
    }
    default:
      return convertPlainField(f, r.deep(raw));
  }
}

/** The shapes other than `c`, `o` and `ao`, of a resolved value `x`. */
function convertPlainField(f: CompiledField, x: any): unknown {
  switch (f.shape) {
    case 'ac':
      return Array.isArray(x) ? x.map((y: unknown) => y) : x;
    case 'v':
      return unwrap(x);
    case 'd':
      return x !== null && typeof x === 'object' && typeof x.toISOString === 'function' ? x.toISOString() : x;
    default:
      try {
        return convertMap(f, x);
      } catch (e) {
        throw below(e, f.json);
      }
  }
}

/**
 * The value of an `IntOrString` or `Quantity`: of a wrapper (an instance, or `{ value }` as cdk8s resolves one);
 * anything else (a plain string or number, an object with other keys) as given.
 */
function unwrap(x: any): unknown {
  if (x === null || typeof x !== 'object' || Array.isArray(x)) return x;
  if (!isPlain(x)) return 'value' in x ? x.value : x;
  for (const key in x) if (key !== 'value') return x;
  return 'value' in x ? x.value : x;
}

/**
 * The map shapes: entries whose value is undefined are left out, others kept even if their conversion is undefined.
 * A value that is not a plain object is written as given.
 */
function convertMap(f: CompiledField, x: unknown): unknown {
  if (!isPlain(x)) return x;
  const out: Record<string, unknown> = {};
  const nested = f.shape === 'mo' ? nestedOf(f) : undefined;
  for (const key of Object.keys(x)) {
    const item = x[key] as any;
    if (item === undefined) continue;
    let v: unknown;
    switch (f.shape) {
      case 'mc':
        v = item;
        break;
      case 'mv':
        v = unwrap(item);
        break;
      case 'mo':
        try {
          v = convertObjectField(nested as CompiledType, item, PLAIN);
        } catch (e) {
          throw below(e, key);
        }
        break;
      default:
        v = Array.isArray(item) ? item.map((y: unknown) => y) : item;
    }
    setOwn(out, key, v);
  }
  return out;
}
