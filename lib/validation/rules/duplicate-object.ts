import { Rule } from '../rule';
import { namespaceOf } from '../_util';

/**
 * No two objects have the same API group, kind, namespace and name: the second would overwrite the first when
 * applied (or make `kubectl apply` flip between them).
 *
 * @see https://kubernetes.io/docs/concepts/overview/working-with-objects/names/
 */
export const duplicateObject: Rule = {
  id: 'duplicate-object',
  description: 'No two objects share API group, kind, namespace and name.',
  remediation: 'Give one of the two objects another name or namespace, or remove one of them.',
  layer: 'integrity',
  severity: 'error',
  check(o, ctx) {
    if (ctx.index.earlierDuplicateOf(o)) {
      const ns = namespaceOf(o);
      ctx.report('metadata.name', `received a second ${o.kind} "${o.metadata.name}"${ns ? ` in namespace "${ns}"` : ''}; allowed: one object per kind, namespace and name`);
    }
  },
};
