import { formatValue } from '../../core/errors';
import { Rule } from '../rule';
import { entriesOf, isObject, namespaceOf } from '../_util';

/**
 * A NetworkPolicy whose `podSelector` is not empty selects the pods of some workload in its namespace; one that
 * selects nothing protects nothing. It is a warning: the pods may come from elsewhere.
 *
 * @see https://kubernetes.io/docs/concepts/services-networking/network-policies/
 * @see https://docs.kubelinter.io/#/generated/checks?id=dangling-networkpolicy
 */
export const networkPolicySelector: Rule = {
  id: 'network-policy-selector',
  description: "A NetworkPolicy's podSelector matches the pods of a workload in its namespace.",
  remediation: 'Make `spec.podSelector` match the labels of a workload\'s pods in the NetworkPolicy\'s namespace, or remove the NetworkPolicy.',
  layer: 'integrity',
  severity: 'warning',
  kinds: ['NetworkPolicy'],
  check(o, ctx) {
    const selector = isObject(o.spec) ? o.spec.podSelector : undefined;
    if (!isObject(selector) || (entriesOf(selector.matchLabels).length === 0 && entriesOf(selector.matchExpressions).length === 0)) return;
    const ns = namespaceOf(o);
    if (ctx.index.podsMatchingSelector(ns, selector).length > 0) return;
    ctx.report('spec.podSelector', `received ${formatValue(selector)}, which selects no pods in namespace ${ns ? `"${ns}"` : '(none)'}; allowed: a selector matching the pod template of a workload in the same namespace, or {} for all pods`);
  },
};
