import { L1_CONVERSIONS } from './_l1-conversions';

/**
 * What cdk8s-plus-27's generated `toJson_<type>()` functions do, in one pass.
 *
 * The generated functions build each object's JSON field by field (renamed, unwrapped or converted recursively) and
 * then leave undefined values out by spreading the result once per field: quadratic in the fields of each object,
 * and much of the garbage of a large synth. `convertL1()` interprets a table of those functions
 * (`_l1-conversions.ts`, generated from the package by `scripts/generate-l1-conversions.ts`) with the same
 * JavaScript semantics, field for field and key for key (test/core/l1-convert.test.ts compares both on every field
 * of every type).
 *
 * @internal
 */
export function convertL1(type: string, value: unknown): unknown {
  return convert(fieldsOf(type), value);
}

/** Whether the table has a conversion for `type` (`KubeDeploymentProps`, `ObjectMeta`, ...). @internal */
export function hasL1Conversion(type: string): boolean {
  return Object.prototype.hasOwnProperty.call(table(), type);
}

/**
 * The fields of a type's conversion, for a caller that resolves a value and converts it in the same walk (see
 * `_render.ts`): `byProp` finds a field by its prop name.
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
 * What the generated function makes of the field `f` whose value is `x` (resolved and sanitized).
 *
 * @internal
 */
export function convertL1Field(f: L1Field, x: unknown): unknown {
  return convertField(f as CompiledField, x);
}

/** `convertL1()` for a type got with `l1Type()`. @internal */
export function convertL1Type(type: L1Type, value: unknown): unknown {
  return convert(type.fields as readonly CompiledField[], value);
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
  /** The nested conversion's fields (looked up once, on first use). */
  nested?: readonly CompiledField[];
  readonly type?: string;
}

let parsed: Record<string, readonly Field[]> | undefined;
/** Each type's fields, compiled on first use. */
const compiled = new Map<string, { readonly fields: readonly CompiledField[]; readonly byProp: ReadonlyMap<string, number> }>();

function table(): Record<string, readonly Field[]> {
  parsed ??= JSON.parse(L1_CONVERSIONS) as Record<string, readonly Field[]>;
  return parsed;
}

function fieldsOf(type: string): readonly CompiledField[] {
  return l1Type(type).fields as readonly CompiledField[];
}

function nestedOf(f: CompiledField): readonly CompiledField[] {
  f.nested ??= fieldsOf(f.type as string);
  return f.nested;
}

// The `any`s below mirror the generated JavaScript: a value of the wrong type fails (or passes) the same way there.
function convert(fields: readonly CompiledField[], obj: any): any {
  if (obj === undefined) return undefined;
  const result: Record<string, unknown> = {};
  for (let i = 0; i < fields.length; i++) {
    const f = fields[i];
    const v = convertField(f, obj[f.prop]);
    if (v !== undefined) result[f.json] = v;
  }
  return result;
}

/** One field of the generated function: `x` is the prop's value. */
function convertField(f: CompiledField, x: any): unknown {
  switch (f.shape) {
    case 'c':
      return x;
    case 'o':
      return convert(nestedOf(f), x);
    case 'ao': {
      const nested = nestedOf(f);
      return x?.map((y: unknown) => convert(nested, y));
    }
    case 'ac':
      return x?.map((y: unknown) => y);
    case 'v':
      return x?.value;
    case 'd':
      return x?.toISOString();
    default:
      return convertMap(f, x);
  }
}

/** The map shapes: entries whose value is undefined are left out, others kept even if their conversion is undefined. */
function convertMap(f: CompiledField, x: any): unknown {
  if (x === undefined) return undefined;
  const out: Record<string, unknown> = {};
  const nested = f.shape === 'mo' ? nestedOf(f) : undefined;
  for (const [key, item] of Object.entries(x) as Array<[string, any]>) {
    if (item === undefined) continue;
    let v: unknown;
    switch (f.shape) {
      case 'mc':
        v = item;
        break;
      case 'mv':
        v = item?.value;
        break;
      case 'mo':
        v = convert(nested as readonly CompiledField[], item);
        break;
      default:
        v = item?.map((y: unknown) => y);
    }
    // As the generated `{ ...r, [key]: v }`: an own property, even for the key "__proto__".
    if (key === '__proto__') Object.defineProperty(out, key, { value: v, enumerable: true, writable: true, configurable: true });
    else out[key] = v;
  }
  return out;
}
