import { Rule } from '../rule';
import { referencesOf } from '../_references';
import { entriesOf, namespaceOf } from '../_util';

/**
 * A key read from a ConfigMap or Secret in the output (an env var's `configMapKeyRef`/`secretKeyRef`, a volume's
 * `items`) is one of its keys, unless the reference is optional: otherwise the pod does not start
 * (`CreateContainerConfigError`).
 *
 * @see https://kubernetes.io/docs/concepts/configuration/configmap/#configmaps-and-pods
 */
export const referenceKey: Rule = {
  id: 'reference-key',
  description: 'Keys read from a ConfigMap or Secret in the output exist in it.',
  remediation: 'Read a key that the ConfigMap or Secret has, or add the key to it.',
  layer: 'integrity',
  severity: 'error',
  check(o, ctx) {
    const refs = referencesOf(o);
    if (refs.length === 0) return;
    const ns = namespaceOf(o);
    for (const ref of refs) {
      if (ref.key === undefined || ref.optional || (ref.kind !== 'ConfigMap' && ref.kind !== 'Secret')) continue;
      // Only the objects themselves: a Secret an ExternalSecret produces has keys this output cannot see.
      const targets = ctx.index.find(ref.kind, ns, ref.name).filter((t) => t.kind === ref.kind);
      if (targets.length === 0) continue;
      const keys = new Set(targets.flatMap((t) => [t.data, t.binaryData, t.stringData].flatMap((d) => entriesOf(d).map(([k]) => k))));
      if (!keys.has(ref.key)) {
        const known = [...keys].sort();
        ctx.report(ref.field, `received the key "${ref.key}", which ${ref.kind} "${ref.name}" does not have; allowed: one of its keys (${known.length > 0 ? known.join(', ') : 'it has none'}), or optional: true`);
      }
    }
  },
};
