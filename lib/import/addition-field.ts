/**
 * How an `ImportAddition` names the fields it adds (`ImportAddition.fields`), written once for the generator and
 * the round-trip tests that read them.
 */

/** One step of a field path: a key, a list index, or the list item whose `name` is the given one. */
export type FieldStep = string | number | { readonly name: string };

/** The object an addition is about: its kind, namespace (empty for a cluster-scoped object) and name. */
export interface ObjectRef {
  /** The object's kind, e.g. `Deployment`. */
  readonly kind: string;
  /** The object's namespace; empty for a cluster-scoped object. */
  readonly namespace: string;
  /** The object's `metadata.name`. */
  readonly name: string;
}

/** `Kind/namespace/name`: a whole object the input did not have. */
export function objectField(ref: ObjectRef): string {
  return `${ref.kind}/${ref.namespace}/${ref.name}`;
}

/**
 * `Kind/namespace/name:path`: a field of an object. Keys are joined with dots; a key holding a dot, a bracket or
 * a quote is written `['key']` (`metadata.labels['app.kubernetes.io/name']`); a list item is `[3]` by index or
 * `[name=web]` by its name (`spec.template.spec.containers[name=web].securityContext`).
 *
 * @example
 * additionField({ kind: 'Deployment', namespace: 'shop', name: 'web' }, ['spec', 'template', 'spec', 'securityContext'])
 * // 'Deployment/shop/web:spec.template.spec.securityContext'
 */
export function additionField(ref: ObjectRef, path: readonly FieldStep[]): string {
  let text = '';
  for (const step of path) {
    if (typeof step === 'number') text += `[${step}]`;
    else if (typeof step === 'object') text += `[name=${step.name}]`;
    else if (/[.[\]'"=]/.test(step)) text += `['${step}']`;
    else text += text === '' ? step : `.${step}`;
  }
  return `${objectField(ref)}:${text}`;
}
