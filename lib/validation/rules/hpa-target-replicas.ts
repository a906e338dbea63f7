import { Rule } from '../rule';
import { isObject } from '../_util';
import { hpaTargetsOf } from './hpa-target';

/**
 * The workload a HorizontalPodAutoscaler scales does not also set `spec.replicas`: every apply would reset the
 * replica count the autoscaler chose.
 *
 * @see https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/#migrating-deployments-and-statefulsets-to-horizontal-autoscaling
 */
export const hpaTargetReplicas: Rule = {
  id: 'hpa-target-replicas',
  description: 'The target of a HorizontalPodAutoscaler does not set spec.replicas.',
  remediation: 'Remove `spec.replicas` from the autoscaled workload so the HorizontalPodAutoscaler alone sets it (autoscaled workloads leave `replicas` unset).',
  layer: 'integrity',
  severity: 'error',
  kinds: ['HorizontalPodAutoscaler'],
  check(o, ctx) {
    const { ref, targets } = hpaTargetsOf(o, ctx.index);
    for (const t of targets) {
      if (isObject(t.spec) && t.spec.replicas !== undefined && t.spec.replicas !== null) {
        ctx.report('spec.scaleTargetRef', `received a target (${t.kind} "${ref!.name}") that also sets spec.replicas to ${t.spec.replicas}; allowed: a target without spec.replicas, which the autoscaler owns`);
      }
    }
  },
};
