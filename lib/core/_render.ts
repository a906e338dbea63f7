import { ApiObject, App, ImplicitTokenResolver, JsonPatch, Lazy, LazyResolver, NumberStringUnionResolver } from 'cdk8s';
import { k8s } from './_k8s';
import { convertL1, hasL1Conversion } from './_l1-convert';
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
    base = renderBase(obj);
  } catch (e) {
    if (e === UNHANDLED) return obj.toJson();
    // As ApiObject.toJson() reports errors (of lazy values, patches).
    throw new Error(`Failed serializing construct at path '${obj.node.path}' with name '${obj.name}': ${e}`);
  }
  return convert(base);
}

/** Thrown when a value is not one the fast path handles; the object is then rendered by its own `toJson()`. */
const UNHANDLED = Symbol('unhandled');

type Conversion = (base: Record<string, unknown>) => any;
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
  if (hasL1Conversion(type)) return (base) => ({ ...gvk, ...(convertL1(type, base) as object) });
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
  if (value instanceof Lazy) return clean(value.produce(), sortKeys, filterEmpty);
  const v = value as { resolve?: unknown; value?: unknown; constructor?: unknown };
  if (typeof v.resolve === 'function') return clean((v.resolve as () => unknown)(), sortKeys, filterEmpty);
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
