import { formatValue } from '../../core/errors';
import { Rule } from '../rule';
import { isObject, namespaceOf } from '../_util';

/**
 * A PodDisruptionBudget's selector matches the pods of some workload in its namespace; one that matches nothing
 * protects nothing.
 *
 * @see https://kubernetes.io/docs/tasks/run-application/configure-pdb/
 */
export const pdbSelector: Rule = {
  id: 'pdb-selector',
  description: "A PodDisruptionBudget's selector matches the pods of a workload in its namespace.",
  remediation: 'Make the PodDisruptionBudget\'s `spec.selector` match the labels of a workload\'s pods in its namespace.',
  layer: 'integrity',
  severity: 'error',
  kinds: ['PodDisruptionBudget'],
  check(o, ctx) {
    if (!isObject(o.spec) || !isObject(o.spec.selector)) return;
    const ns = namespaceOf(o);
    if (ctx.index.podsMatchingSelector(ns, o.spec.selector).length > 0) return;
    ctx.report('spec.selector', `received ${formatValue(o.spec.selector)}, which selects no pods in namespace ${ns ? `"${ns}"` : '(none)'}; allowed: a selector matching the pod template of a workload in the same namespace`);
  },
};
