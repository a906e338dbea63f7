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
  return type in table();
}

/** A field: its Kubernetes name, its prop name, its shape and, for nested conversions, their type. */
type Field = readonly [json: string, prop: string, shape: Shape, type?: string];

/**
 * `c`: copied; `o`: converted; `ao`, `ac`: an array of converted or copied items; `v`: unwrapped (`.value`);
 * `d`: a Date as ISO text; `mc`, `mv`, `mo`, `mac`: a map of copied, unwrapped, converted, or copied arrays.
 */
type Shape = 'c' | 'o' | 'ao' | 'ac' | 'v' | 'd' | 'mc' | 'mv' | 'mo' | 'mac';

interface CompiledField {
  readonly json: string;
  readonly prop: string;
  readonly shape: Shape;
  /** The nested conversion's fields (looked up once, on first use). */
  nested?: readonly CompiledField[];
  readonly type?: string;
}

let parsed: Record<string, readonly Field[]> | undefined;
const compiled = new Map<string, readonly CompiledField[]>();

function table(): Record<string, readonly Field[]> {
  parsed ??= JSON.parse(L1_CONVERSIONS) as Record<string, readonly Field[]>;
  return parsed;
}

function fieldsOf(type: string): readonly CompiledField[] {
  let fields = compiled.get(type);
  if (fields === undefined) {
    const entry = table()[type];
    if (entry === undefined) throw new Error(`no conversion for type ${type}`);
    fields = entry.map(([json, prop, shape, nested]) => ({ json, prop, shape, type: nested }));
    compiled.set(type, fields);
  }
  return fields;
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
    const x = obj[f.prop];
    let v: unknown;
    switch (f.shape) {
      case 'c':
        v = x;
        break;
      case 'o':
        v = convert(nestedOf(f), x);
        break;
      case 'ao': {
        const nested = nestedOf(f);
        v = x?.map((y: unknown) => convert(nested, y));
        break;
      }
      case 'ac':
        v = x?.map((y: unknown) => y);
        break;
      case 'v':
        v = x?.value;
        break;
      case 'd':
        v = x?.toISOString();
        break;
      default:
        v = convertMap(f, x);
    }
    if (v !== undefined) result[f.json] = v;
  }
  return result;
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
