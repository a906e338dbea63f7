import { ManifestObject } from '../core/manifest-object';

/** `Kind/namespace/name`, or `Kind/name` for an object without a namespace. */
export function objectRef(o: ManifestObject): string {
  return `${o.kind}/${o.metadata.namespace ? `${o.metadata.namespace}/` : ''}${o.metadata.name}`;
}

/** The objects, each as `objectRef()`, comma-separated; "no objects" for none. */
export function describeObjects(objects: readonly ManifestObject[]): string {
  return objects.map(objectRef).join(', ') || 'no objects';
}

/** `Kind "name"`, with ` in namespace "ns"` when a namespace is given. */
export function describeWanted(kind: string, name: string, namespace?: string): string {
  return `${kind} "${name}"${namespace !== undefined ? ` in namespace "${namespace}"` : ''}`;
}

/** A jest asymmetric matcher, such as `expect.any(String)` or `expect.stringContaining('x')`. */
interface AsymmetricMatcher {
  asymmetricMatch(other: unknown): boolean;
}

function isAsymmetric(x: unknown): x is AsymmetricMatcher {
  return x !== null && typeof x === 'object' && typeof (x as AsymmetricMatcher).asymmetricMatch === 'function';
}

function isPlainObject(x: unknown): x is Record<string, unknown> {
  return x !== null && typeof x === 'object' && !Array.isArray(x);
}

/**
 * Whether `actual` matches the pattern `expected`, as jest's `toMatchObject` does: objects match when each key of
 * the pattern matches (a key the pattern sets to `undefined` also matches when absent); arrays match element for
 * element and must have the same length; asymmetric matchers decide for themselves; anything else must be equal.
 */
export function matchesPattern(actual: unknown, expected: unknown): boolean {
  if (isAsymmetric(expected)) return expected.asymmetricMatch(actual);
  if (Array.isArray(expected)) {
    return Array.isArray(actual) && actual.length === expected.length && expected.every((e, i) => matchesPattern(actual[i], e));
  }
  if (isPlainObject(expected)) {
    return isPlainObject(actual) && Object.keys(expected).every((k) =>
      (k in actual ? matchesPattern(actual[k], expected[k]) : expected[k] === undefined));
  }
  return Object.is(actual, expected);
}

/**
 * The part of `actual` that the pattern `expected` talks about: the keys of each pattern object, recursively, so a
 * diff against the pattern shows only what the pattern checks. Where an asymmetric matcher matches, the matcher
 * itself is returned, so the diff shows no difference there.
 */
export function patternSubset(actual: unknown, expected: unknown): unknown {
  if (isAsymmetric(expected)) return expected.asymmetricMatch(actual) ? expected : actual;
  if (Array.isArray(expected) && Array.isArray(actual)) {
    return actual.map((a, i) => (i < expected.length ? patternSubset(a, expected[i]) : a));
  }
  if (isPlainObject(expected) && isPlainObject(actual)) {
    const subset: Record<string, unknown> = {};
    for (const k of Object.keys(expected)) {
      if (k in actual) subset[k] = patternSubset(actual[k], expected[k]);
    }
    return subset;
  }
  return actual;
}
