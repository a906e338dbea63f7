import { Chart } from 'cdk8s';
import { IConstruct } from 'constructs';
import { synthesizeCharts } from '../core/_synth';
import { ManifestObject } from '../core/manifest-object';

/**
 * Synthesizes a stack (or a whole app) to plain objects, exactly as `synth()` would write them, after the same
 * validation.
 *
 * @example
 * const objects = synthObjects(stack);
 * expect(findObject(objects, 'Deployment', 'api-server').spec.replicas).toBe(3);
 */
export function synthObjects(scope: Chart | IConstruct): ManifestObject[] {
  return synthesizeCharts(scope).flatMap((c) => c.objects);
}

/** The objects of `kind` (e.g. `"Deployment"`), in output order. */
export function findObjects(objects: readonly ManifestObject[], kind: string): ManifestObject[] {
  return objects.filter((o) => o.kind === kind);
}

/**
 * The one object of `kind` named `name` (in `namespace`, when given).
 *
 * @throws an error listing the objects there are, when there is no such object or more than one
 */
export function findObject(objects: readonly ManifestObject[], kind: string, name: string, namespace?: string): ManifestObject {
  const found = objects.filter((o) => o.kind === kind && o.metadata.name === name &&
    (namespace === undefined || o.metadata.namespace === namespace));
  if (found.length === 1) return found[0];
  const what = `${kind} "${name}"${namespace !== undefined ? ` in namespace "${namespace}"` : ''}`;
  const present = objects.map((o) => `${o.kind}/${o.metadata.namespace ? `${o.metadata.namespace}/` : ''}${o.metadata.name}`);
  if (found.length === 0) {
    throw new Error(`No ${what} in the synthesized output. It has: ${present.join(', ') || 'no objects'}`);
  }
  throw new Error(`${found.length} objects match ${what}; pass a namespace to pick one.`);
}
