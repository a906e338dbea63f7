import { isPlainRecord } from '../core/_props';
import { formatValue, PlatformError } from '../core/errors';
import { isDns1123Label } from '../core/names';

/**
 * A deep partial of `T`: what one environment changes in the base values. Plain objects are merged key by key;
 * arrays, class instances (e.g. a `ServiceType`) and other values replace the base value as a whole.
 */
export type Overrides<T> = {
  readonly [K in keyof T]?: OverrideOf<T[K]>;
};

type Primitive = string | number | boolean | bigint | symbol | undefined | null;
// eslint-disable-next-line @typescript-eslint/ban-types
type Whole = Primitive | Function | readonly unknown[] | Date | RegExp | Map<unknown, unknown> | Set<unknown>;
type OverrideOf<V> = V extends Whole ? V : V extends object ? (PlainObject<V> extends true ? Overrides<V> : V) : V;
// Class instances with methods are replaced whole; records of data are merged.
type PlainObject<V> = { [K in keyof V]-?: V[K] extends (...args: any[]) => any ? false : true }[keyof V] extends true ? true : false;

/**
 * `overrides` merged over `base`, without changing either: plain objects are merged key by key (recursively),
 * everything else (arrays, class instances, strings, numbers...) replaces the base value; an override of
 * `undefined` keeps the base value.
 *
 * Keys are read as own properties only, so `constructor` or `toString` are ordinary keys. A `__proto__` key (as
 * `JSON.parse()` makes one) in an object being merged, base or override, is refused: set as a key it would replace
 * the result's prototype, and kept as data it would do so in the next object it is copied into with
 * `Object.assign()`.
 *
 * @throws PlatformError when an override replaces a class instance (e.g. a `ServiceType`) with a plain object, or
 * when a plain object has a `__proto__` key, naming the path
 * @example
 * mergeValues({ replicas: 2, resources: { cpu: '100m', memory: '128Mi' } }, { resources: { cpu: '1' } })
 * // => { replicas: 2, resources: { cpu: '1', memory: '128Mi' } }
 */
export function mergeValues<T>(base: T, overrides: Overrides<T>): T {
  return merge(base, overrides, 'values') as T;
}

function merge(base: unknown, override: unknown, at: string): unknown {
  if (override === undefined) return base;
  if (isPlainRecord(override)) {
    if (base === undefined || base === null) return merge({}, override, at);
    if (!isPlainRecord(base)) {
      const what = typeof base === 'object' ? `a whole ${base.constructor?.name ?? 'object'} value` : `a ${typeof base}`;
      throw new PlatformError(`Invalid environment override at ${at}: received ${formatValue(override)}; allowed: ${what} (only plain objects are merged key by key)`);
    }
    refuseProtoKey(base, at);
    refuseProtoKey(override, at);
    const result: Record<string, unknown> = { ...base };
    for (const [k, v] of Object.entries(override)) result[k] = merge(hasOwn(base, k) ? base[k] : undefined, v, `${at}.${k}`);
    return result;
  }
  return override;
}

const hasOwn = (o: object, key: string): boolean => Object.prototype.hasOwnProperty.call(o, key);

/** Throws when `o` has an own `__proto__` key (which only `JSON.parse()`, a computed key or `defineProperty` make). */
function refuseProtoKey(o: Record<string, unknown>, at: string): void {
  if (hasOwn(o, '__proto__')) {
    throw new PlatformError(`Invalid environment values at ${at}.__proto__: received the key "__proto__"; allowed: any key but "__proto__" (set as a key, it replaces the object's prototype)`);
  }
}

/**
 * The values of each environment: `base` with that environment's `overrides` merged over it (see `mergeValues()`),
 * in the order the environments are given.
 *
 * @param base the values every environment shares
 * @param overrides what each environment changes, by environment name (a DNS-1123 label); `{}` keeps the base
 * @throws PlatformError when an environment name is invalid or there is no environment
 * @example
 * const envs = defineEnvironments(
 *   { replicas: 2, host: 'shop.example.com', imageTag: '1.8.0' },
 *   { dev: { replicas: 1, host: 'shop.dev.example.com', imageTag: 'main' }, staging: {}, prod: { replicas: 3 } },
 * );
 * for (const [name, values] of Object.entries(envs)) new ShopStack(new Environment(app, name), 'shop', values);
 */
export function defineEnvironments<T, E extends string>(base: T, overrides: Record<E, Overrides<T>>): Record<E, T> {
  if (!isPlainRecord(overrides) || Object.keys(overrides).length === 0) {
    throw new PlatformError(`defineEnvironments(): overrides received ${formatValue(overrides)}; allowed: an object with one entry per environment name, e.g. { dev: {...}, prod: {} }`);
  }
  const result = {} as Record<E, T>;
  for (const [name, o] of Object.entries(overrides) as Array<[E, Overrides<T>]>) {
    const reasons = isDns1123Label(name);
    if (reasons.length > 0) {
      throw new PlatformError(`defineEnvironments(): environment name received ${formatValue(name)} (${reasons.join('; ')}); allowed: a DNS-1123 label, e.g. "dev", "staging", "prod"`);
    }
    result[name] = merge(base, o, name) as T;
  }
  return result;
}
