import { formatValue } from '../../core/errors';
import { Rule } from '../rule';
import { entriesOf, isObject, namespaceOf } from '../_util';

/**
 * A Service's selector matches the pods of some workload in its namespace (an object without a namespace is in
 * whichever namespace it is applied to, so it does not match objects that name one). A Service without a selector
 * (its endpoints managed by hand) and an ExternalName Service are not checked.
 *
 * @see https://kubernetes.io/docs/concepts/services-networking/service/#services-without-selectors
 * @see https://docs.kubelinter.io/#/generated/checks?id=dangling-service
 */
export const serviceSelector: Rule = {
  id: 'service-selector',
  description: "A Service's selector matches the pods of a workload in its namespace.",
  remediation: 'Make the Service\'s `spec.selector` match the labels of a workload\'s pods in the same namespace.',
  layer: 'integrity',
  severity: 'error',
  kinds: ['Service'],
  check(o, ctx) {
    if (!isObject(o.spec) || o.spec.type === 'ExternalName' || !isObject(o.spec.selector) || entriesOf(o.spec.selector).length === 0) return;
    const ns = namespaceOf(o);
    if (ctx.index.podsMatchingLabels(ns, o.spec.selector).length > 0) return;
    const elsewhere = ctx.index.podsMatchingLabels(undefined, o.spec.selector);
    const hint = elsewhere.length > 0
      ? ` (these pods match but are in another namespace: ${elsewhere.slice(0, 3).map((p) => `${p.object.kind} ${namespaceOf(p.object) || '(none)'}/${p.object.metadata.name}`).join(', ')})`
      : '';
    ctx.report('spec.selector', `received ${formatValue(o.spec.selector)}, which selects no pods in namespace ${ns ? `"${ns}"` : '(none)'}${hint}; allowed: labels of the pod template of a workload in the same namespace`);
  },
};
