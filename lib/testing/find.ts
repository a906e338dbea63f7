import { ManifestObject } from '../core/manifest-object';
import { describeObjects, describeWanted } from './_objects';

/** Which objects `findObjects()` returns, besides their kind. */
export interface FindOptions {
  /**
   * Only objects with this name.
   *
   * @default objects with any name
   */
  readonly name?: string;

  /**
   * Only objects in this namespace.
   *
   * @default objects in any namespace, and cluster-scoped objects
   */
  readonly namespace?: string;
}

/**
 * The objects of `kind` (e.g. `"Deployment"`), in output order, optionally only those with a name or in a namespace.
 *
 * @example
 * const services = findObjects(synthObjects(stack), 'Service', { namespace: 'shop' });
 */
export function findObjects(objects: readonly ManifestObject[], kind: string, options: FindOptions = {}): ManifestObject[] {
  return objects.filter((o) => o.kind === kind &&
    (options.name === undefined || o.metadata.name === options.name) &&
    (options.namespace === undefined || o.metadata.namespace === options.namespace));
}

/**
 * The one object of `kind` named `name` (in `namespace`, when given).
 *
 * @throws an error listing the objects there are, when there is no such object, or asking for a namespace when
 * there is more than one
 *
 * @example
 * expect(findObject(synthObjects(stack), 'Deployment', 'api-server').spec.replicas).toBe(3);
 */
export function findObject(objects: readonly ManifestObject[], kind: string, name: string, namespace?: string): ManifestObject {
  const found = findObjects(objects, kind, { name, namespace });
  if (found.length === 1) return found[0];
  const what = describeWanted(kind, name, namespace);
  if (found.length === 0) throw new Error(`No ${what} in the synthesized output. It has: ${describeObjects(objects)}`);
  throw new Error(`${found.length} objects match ${what}; pass a namespace to pick one.`);
}
