import { formatValue } from '../core/errors';
import { ManifestObject } from '../core/manifest-object';

/**
 * The message of a finding: the value received (and why it is wrong, when the API server says more), then what is
 * allowed.
 *
 * @internal
 */
export function received(value: unknown, allowed: string, reasons?: readonly string[]): string {
  const why = reasons && reasons.length > 0 ? ` (${reasons.join('; ')})` : '';
  return `received ${value === undefined ? 'nothing' : formatValue(value)}${why}; allowed: ${allowed}`;
}

export { groupOf } from '../core/_api-version';

/** Whether `x` is a non-null, non-array object. @internal */
export function isObject(x: unknown): x is Record<string, any> {
  return x !== null && typeof x === 'object' && !Array.isArray(x);
}

/** The entries of `x` if it is an object, else none. @internal */
export function entriesOf(x: unknown): Array<[string, any]> {
  return isObject(x) ? Object.entries(x) : [];
}

/** `x` if it is an array, else an empty array. @internal */
export function arrayOf(x: unknown): any[] {
  return Array.isArray(x) ? x : [];
}

/** The object's namespace, `` when it has none. @internal */
export function namespaceOf(o: ManifestObject): string {
  const ns = isObject(o.metadata) ? o.metadata.namespace : undefined;
  return typeof ns === 'string' ? ns : '';
}

/** The object's name, else its `generateName`, else ``. @internal */
export function nameOf(o: ManifestObject): string {
  if (!isObject(o.metadata)) return '';
  const { name, generateName } = o.metadata;
  if (typeof name === 'string') return name;
  return typeof generateName === 'string' ? generateName : '';
}

/** `path.key`, or `key` at the root. Keys that are not identifiers are quoted: `labels["app.kubernetes.io/name"]`. @internal */
export function fieldPath(path: string, key: string): string {
  if (!/^[A-Za-z_$][\w$-]*$/.test(key)) return `${path}[${JSON.stringify(key)}]`;
  return path ? `${path}.${key}` : key;
}
