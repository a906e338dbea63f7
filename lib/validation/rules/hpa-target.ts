import { ManifestObject } from '../../core/manifest-object';
import { ObjectIndex } from '../object-index';
import { Rule } from '../rule';
import { groupOf, isObject, namespaceOf, received } from '../_util';

/** The workloads a HorizontalPodAutoscaler's `scaleTargetRef` names, in the output. @internal */
export function hpaTargetsOf(o: ManifestObject, index: ObjectIndex): { ref?: Record<string, any>; targets: ManifestObject[] } {
  const ref = isObject(o.spec) ? o.spec.scaleTargetRef : undefined;
  if (!isObject(ref) || typeof ref.kind !== 'string' || typeof ref.name !== 'string') return { targets: [] };
  const targets = index.find(ref.kind, namespaceOf(o), ref.name)
    .filter((t) => ref.apiVersion === undefined || groupOf(t.apiVersion) === groupOf(ref.apiVersion));
  return { ref, targets };
}

/**
 * A HorizontalPodAutoscaler's `scaleTargetRef` names a workload in the output, or one declared external (it may
 * be defined elsewhere, so this is a warning).
 *
 * @see https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/#migrating-deployments-and-statefulsets-to-horizontal-autoscaling
 */
export const hpaTarget: Rule = {
  id: 'hpa-target',
  description: "A HorizontalPodAutoscaler's target is in the output or declared external.",
  remediation: 'Add the HorizontalPodAutoscaler\'s target workload to the output, fix `spec.scaleTargetRef`, or declare the target external (`validation.externals` or `check --external Kind/name`).',
  layer: 'integrity',
  severity: 'warning',
  kinds: ['HorizontalPodAutoscaler'],
  check(o, ctx) {
    const { ref, targets } = hpaTargetsOf(o, ctx.index);
    const ns = namespaceOf(o);
    if (ref && targets.length === 0 && !ctx.index.isExternal(ref.kind, ns, ref.name)) {
      ctx.report('spec.scaleTargetRef', received(ref, `a ${ref.kind} defined in the output in namespace ${ns ? `"${ns}"` : '(none)'}, or declared external`));
    }
  },
};
