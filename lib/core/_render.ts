import { ApiObject, App, ImplicitTokenResolver, JsonPatch, Lazy, LazyResolver, NumberStringUnionResolver } from 'cdk8s';
import { k8s } from './_k8s';
import { convertL1, convertL1Field, convertL1Type, hasL1Conversion, L1Field, L1Type, l1Type } from './_l1-convert';
import { PassCache } from './_pass-cache';

/**
 * Rendering API objects to JSON: what `ApiObject.toJson()` returns, computed faster.
 *
 * cdk8s's `toJson()` resolves every value of an object through the app's resolvers (finding the app again for
 * each value, allocating a context and a key path per value), sanitizes the result in a second pass, and resolves
 * the metadata twice. At platform scale that is most of the synth. `renderApiObject()` does the same work in one
 * pass for apps with cdk8s's default resolvers and for objects it knows how to render (`ApiObject` itself and the
 * generated L1 classes of cdk8s-plus-27, whose conversion `_l1-convert.ts` does in one pass); anything else, or anything
 * unexpected on the way, is rendered by the object's own `toJson()`. The result is the same data, keys in the
 * same order (test/core/render.test.ts compares both on every kind of object the library renders).
 *
 * @internal
 */
export function renderApiObject(obj: ApiObject): any {
  const cached = renderPass.get(obj);
  if (cached !== undefined) return cached;
  const json = render(obj);
  renderPass.set(obj, json);
  return json;
}

/** Objects rendered in the current synth pass (see `withRenderCache()`). */
const renderPass = new PassCache<ApiObject, any>();

/**
 * Runs `fn` (a synth pass: the tree does not change meanwhile) with each object rendered at most once, however
 * often it is asked for (a pod template's config hash renders the ConfigMaps it reads, which are rendered for the
 * output too).
 *
 * @internal
 */
export function withRenderCache<T>(fn: () => T): T {
  return renderPass.run(fn);
}

function render(obj: ApiObject): any {
  const convert = conversionOf(obj);
  if (convert === undefined || !hasDefaultResolvers(obj)) return obj.toJson();
  let base: Record<string, unknown>;
  try {
    if (convert.l1 !== undefined) {
      const direct = renderL1(obj, convert.l1);
      if (direct !== undefined) return direct;
    }
    base = renderBase(obj);
  } catch (e) {
    if (e === UNHANDLED) return obj.toJson();
    // As ApiObject.toJson() reports errors (of lazy values, patches).
    throw new Error(`Failed serializing construct at path '${obj.node.path}' with name '${obj.name}': ${e}`);
  }
  return convert(base);
}

/**
 * An L1 object without JSON patches, resolved and converted in one walk (no resolved copy of its props is made
 * first): the same result as its conversion of `renderBase()`, key for key. Undefined when it has patches (they
 * apply to the resolved props, before the conversion).
 */
function renderL1(obj: ApiObject, l1: { gvk: object; type: L1Type }): Record<string, unknown> | undefined {
  const internals = obj as unknown as { props: Record<string, unknown>; patches: JsonPatch[] };
  if (typeof internals.props !== 'object' || !Array.isArray(internals.patches)) throw UNHANDLED;
  if (internals.patches.length > 0) return undefined;
  const metadata = renderL1Metadata(obj, l1.type);
  const sortKeys = !process.env.CDK8S_DISABLE_SORT;
  return cleanConvert(l1.type, { ...internals.props, metadata }, sortKeys, 'metadata', { ...l1.gvk }) as Record<string, unknown> | undefined;
}

/** Resolves lazy values and implicit tokens at the top of `value` (what `clean()` does first). */
function resolveTop(value: unknown): unknown {
  let v = value;
  for (;;) {
    if (v instanceof Lazy) {
      v = v.produce();
    } else if (v !== null && typeof v === 'object' && typeof (v as { resolve?: unknown }).resolve === 'function') {
      v = (v as { resolve: () => unknown }).resolve();
    } else {
      return v;
    }
  }
}

/**
 * `convertL1Type(type, clean(value))`, without the cleaned copy: a plain object's props are resolved in their own
 * order (as `clean()` does; those the conversion drops too, for what resolving them does), and each field is
 * converted as it is resolved, objects of a known type recursively. `cleanKey`'s value is already clean and
 * converted; `into` receives the fields (after the keys it already has).
 */
function cleanConvert(type: L1Type, value: unknown, sortKeys: boolean, cleanKey?: string, into: Record<string, unknown> = {}): unknown {
  const v = resolveTop(value);
  if (v === null || v === undefined) return undefined;
  if (typeof v !== 'object' || Array.isArray(v) || (v as object).constructor !== Object) {
    const converted = convertL1Type(type, clean(v, sortKeys, false)) as Record<string, unknown> | undefined;
    return converted === undefined ? undefined : Object.assign(into, converted);
  }
  const record = v as Record<string, unknown>;
  const fields = type.fields;
  const values = new Array<unknown>(fields.length);
  for (const key of Object.keys(record)) {
    const raw = record[key];
    const i = type.byProp.get(key);
    if (i === undefined) {
      clean(raw, sortKeys, false);
      continue;
    }
    const f = fields[i];
    if (f.shape === 'c' && (typeof raw === 'string' || typeof raw === 'number' || typeof raw === 'boolean')) {
      // A copied primitive (most fields): what clean() and the conversion both leave as it is.
      values[i] = raw;
    } else if (key === cleanKey) {
      values[i] = raw;
    } else if (f.shape === 'o') {
      values[i] = cleanConvert(l1Type(f.type as string), raw, sortKeys);
    } else if (f.shape === 'ao') {
      values[i] = cleanConvertArray(l1Type(f.type as string), f, raw, sortKeys);
    } else {
      values[i] = convertL1Field(f, clean(raw, sortKeys, false));
    }
  }
  for (let i = 0; i < fields.length; i++) {
    const x = values[i];
    if (x !== undefined) into[fields[i].json] = x;
  }
  return into;
}

/** A field of objects of `type` in an array: `convertL1Field(f, clean(value))` without the cleaned copy. */
function cleanConvertArray(type: L1Type, f: L1Field, value: unknown, sortKeys: boolean): unknown {
  const v = resolveTop(value);
  if (!Array.isArray(v)) return convertL1Field(f, clean(v, sortKeys, false));
  const items = new Array<unknown>(v.length);
  for (let i = 0; i < v.length; i++) items[i] = cleanConvert(type, v[i], sortKeys);
  return items;
}

/** Thrown when a value is not one the fast path handles; the object is then rendered by its own `toJson()`. */
const UNHANDLED = Symbol('unhandled');

/** A conversion of the resolved base JSON; `l1`: for the L1 classes, what `renderL1()` needs. */
type Conversion = ((base: Record<string, unknown>) => any) & { l1?: { gvk: object; type: L1Type } };
const conversions = new Map<unknown, Conversion | undefined>();

/** The L1 class's conversion of the resolved base JSON (identity for a plain ApiObject), if the class is known. */
function conversionOf(obj: ApiObject): Conversion | undefined {
  const ctor = obj.constructor;
  if (!conversions.has(ctor)) conversions.set(ctor, conversionOfClass(ctor as never));
  return conversions.get(ctor);
}

function conversionOfClass(ctor: { name: string; GVK?: object; prototype: object }): Conversion | undefined {
  if (ctor === ApiObject) return (base) => base;
  if (Object.getPrototypeOf(ctor.prototype) !== ApiObject.prototype) return undefined;
  if (!Object.prototype.hasOwnProperty.call(ctor.prototype, 'toJson')) return undefined;
  const generated = k8s as unknown as Record<string, unknown>;
  const toJsonProps = generated[`toJson_${ctor.name}Props`];
  if (generated[ctor.name] !== ctor || typeof toJsonProps !== 'function' || ctor.GVK === undefined) return undefined;
  const gvk = ctor.GVK;
  const type = `${ctor.name}Props`;
  // What the generated `toJson()` of every L1 class does with `super.toJson()`, its conversion done in one pass.
  if (hasL1Conversion(type)) {
    const conversion: Conversion = (base) => ({ ...gvk, ...(convertL1(type, base) as object) });
    conversion.l1 = { gvk, type: l1Type(type) };
    return conversion;
  }
  return (base) => ({ ...gvk, ...toJsonProps(base) });
}

const defaultResolverApps = new WeakMap<object, boolean>();

/** Whether the object's app has exactly cdk8s's built-in resolvers, in their order. */
function hasDefaultResolvers(obj: ApiObject): boolean {
  const app = App.of(obj.chart);
  let known = defaultResolverApps.get(app);
  if (known === undefined) {
    const r = app.resolvers;
    known = r.length === 3 && r[0] instanceof LazyResolver && r[1] instanceof ImplicitTokenResolver &&
      r[2] instanceof NumberStringUnionResolver;
    defaultResolverApps.set(app, known);
  }
  return known;
}

/** What `ApiObject.prototype.toJson()` returns. */
function renderBase(obj: ApiObject): Record<string, unknown> {
  const internals = obj as unknown as { props: Record<string, unknown>; patches: JsonPatch[] };
  if (typeof internals.props !== 'object' || !Array.isArray(internals.patches)) throw UNHANDLED;
  const metadata = renderMetadata(obj);
  const sortKeys = !process.env.CDK8S_DISABLE_SORT;
  const data: Record<string, unknown> = { ...internals.props, metadata };
  // The metadata is already resolved and sanitized, and both are idempotent on plain data: it is kept as it is.
  let json = clean(data, sortKeys, false, 'metadata') as Record<string, unknown>;
  if (internals.patches.length > 0) json = JsonPatch.apply(json, ...internals.patches);
  const result: Record<string, unknown> = {};
  for (const key of ['apiVersion', 'kind', 'metadata', ...Object.keys(json)]) {
    if (key in json) result[key] = json[key];
  }
  return result;
}

/**
 * The metadata of an L1 object, as its conversion makes it of `renderMetadata()`: built directly in the common
 * case (no additional attributes or owner references; labels, annotations and finalizers of plain strings), else
 * converted from `renderMetadata()`.
 *
 * cdk8s keeps the options the metadata was made with as its "additional attributes", name, namespace, labels and
 * annotations included; `toJson()` overrides those with the metadata's own. Only other keys are additional.
 */
function renderL1Metadata(obj: ApiObject, type: L1Type): unknown {
  const field = type.fields[type.byProp.get('metadata') as number];
  const md = obj.metadata as unknown as {
    _additionalAttributes: Record<string, unknown>;
    name?: unknown; namespace?: unknown; annotations: unknown; finalizers: unknown; ownerReferences: unknown; labels: unknown;
  };
  const simple = field !== undefined && field.type === 'ObjectMeta' && typeof md._additionalAttributes === 'object' &&
    md._additionalAttributes !== null && Object.keys(md._additionalAttributes).every((k) => OWN_METADATA_FIELDS.has(k)) &&
    (md.ownerReferences === undefined || (Array.isArray(md.ownerReferences) && md.ownerReferences.length === 0)) &&
    (md.name === undefined || typeof md.name === 'string') && (md.namespace === undefined || typeof md.namespace === 'string');
  if (!simple) return field === undefined ? renderMetadata(obj) : convertL1Field(field, renderMetadata(obj));
  const annotations = sortedStrings(md.annotations);
  const finalizers = stringList(md.finalizers);
  const labels = sortedStrings(md.labels);
  if (annotations === NOT_SIMPLE || finalizers === NOT_SIMPLE || labels === NOT_SIMPLE) return convertL1Field(field, renderMetadata(obj));
  // ObjectMeta's fields in its conversion's order; empty ones left out, as clean() leaves them out of metadata.
  const out: Record<string, unknown> = {};
  if (annotations !== undefined) out.annotations = annotations;
  if (finalizers !== undefined) out.finalizers = finalizers;
  if (labels !== undefined) out.labels = labels;
  if (md.name !== undefined) out.name = md.name;
  if (md.namespace !== undefined) out.namespace = md.namespace;
  return Object.keys(out).length === 0 ? undefined : out;
}

/** The fields `ApiObjectMetadataDefinition.toJson()` takes from the metadata itself, not its additional attributes. */
const OWN_METADATA_FIELDS = new Set(['name', 'namespace', 'annotations', 'finalizers', 'ownerReferences', 'labels']);

/** A value `renderL1Metadata()` does not build itself. */
const NOT_SIMPLE = Symbol('not simple');

/** A plain map of strings with its keys sorted (undefined when it has none), else NOT_SIMPLE. */
function sortedStrings(value: unknown): Record<string, string> | undefined | typeof NOT_SIMPLE {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || (value as object).constructor !== Object) return NOT_SIMPLE;
  const map = value as Record<string, unknown>;
  const keys = Object.keys(map);
  let sorted = true;
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i];
    if (typeof map[k] !== 'string' || k === '__proto__') return NOT_SIMPLE;
    if (i > 0 && keys[i - 1] >= k) sorted = false;
  }
  if (keys.length === 0) return undefined;
  if (!sorted) keys.sort();
  const out: Record<string, string> = {};
  for (const k of keys) out[k] = map[k] as string;
  return out;
}

/** A list of strings, copied (undefined when empty), else NOT_SIMPLE. */
function stringList(value: unknown): string[] | undefined | typeof NOT_SIMPLE {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || value.some((x) => typeof x !== 'string')) return NOT_SIMPLE;
  return value.length === 0 ? undefined : [...value];
}

/** What `ApiObjectMetadataDefinition.toJson()` returns. */
function renderMetadata(obj: ApiObject): unknown {
  const md = obj.metadata as unknown as {
    _additionalAttributes: Record<string, unknown>;
    name?: string; namespace?: string; annotations: unknown; finalizers: unknown; ownerReferences: unknown; labels: unknown;
  };
  if (typeof md._additionalAttributes !== 'object') throw UNHANDLED;
  return clean({
    ...md._additionalAttributes,
    name: md.name,
    namespace: md.namespace,
    annotations: md.annotations,
    finalizers: md.finalizers,
    ownerReferences: md.ownerReferences,
    labels: md.labels,
  }, true, true);
}

/**
 * cdk8s's `resolve()` with its default resolvers, then its `sanitizeValue()`, in one pass: lazy values produced,
 * implicit tokens (`resolve()`) and number-or-string unions (`.value`) resolved, null and undefined dropped from
 * objects, keys sorted (if `sortKeys`), and empty arrays and objects dropped (if `filterEmpty`). The value of
 * `cleanKey` (of `value` itself, not below it), already clean, is taken as it is.
 */
function clean(value: unknown, sortKeys: boolean, filterEmpty: boolean, cleanKey?: string): unknown {
  if (value === null || value === undefined) return undefined;
  if (typeof value !== 'object') {
    // A primitive: no default resolver replaces one (strings and numbers have no resolve() or value).
    if (typeof value === 'function') throw UNHANDLED;
    return value;
  }
  const resolved = resolveTop(value);
  if (resolved !== value) return clean(resolved, sortKeys, filterEmpty);
  const v = value as { value?: unknown; constructor?: unknown };
  if (Array.isArray(value)) {
    if (filterEmpty && value.length === 0) return undefined;
    const items = new Array(value.length);
    for (let i = 0; i < value.length; i++) items[i] = clean(value[i], sortKeys, filterEmpty);
    return items;
  }
  if (v.constructor !== Object) {
    if (typeof v.value === 'number' || typeof v.value === 'string') return clean({ value: v.value }, sortKeys, filterEmpty);
    // cdk8s refuses other objects; let it say so in its own words.
    throw UNHANDLED;
  }
  // Resolved in the object's own key order (as cdk8s does: lazy values are produced in that order), then sorted.
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  const n = keys.length;
  let inOrder = true;
  for (let i = 1; i < n && inOrder; i++) inOrder = keys[i - 1] < keys[i];
  const result: Record<string, unknown> = {};
  let empty = true;
  if (inOrder || !sortKeys) {
    for (let i = 0; i < n; i++) {
      const key = keys[i];
      const x = key === cleanKey ? record[key] : clean(record[key], sortKeys, filterEmpty);
      if (x !== undefined && x !== null) {
        result[key] = x;
        empty = false;
      }
    }
  } else {
    const values = new Map<string, unknown>();
    for (let i = 0; i < n; i++) {
      const key = keys[i];
      values.set(key, key === cleanKey ? record[key] : clean(record[key], sortKeys, filterEmpty));
    }
    for (const key of keys.sort()) { // the default sort, as cdk8s's sanitizeValue
      const x = values.get(key);
      if (x !== undefined && x !== null) {
        result[key] = x;
        empty = false;
      }
    }
  }
  if (filterEmpty && empty) return undefined;
  return result;
}
