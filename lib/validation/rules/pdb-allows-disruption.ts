import { Rule } from '../rule';
import { percentValue } from '../_checks';
import { replicasOf } from '../_pod';
import { isObject, namespaceOf, received } from '../_util';

/**
 * A PodDisruptionBudget allows at least one disruption: `maxUnavailable` is not 0 (or 0%), and `minAvailable` is
 * below 100% and below the replicas of the workloads it selects. Otherwise node drains block forever.
 *
 * @see https://kubernetes.io/docs/tasks/run-application/configure-pdb/#think-about-how-your-application-reacts-to-disruptions
 * @see https://docs.kubelinter.io/#/generated/checks?id=pdb-max-unavailable (pdb-max-unavailable, pdb-min-available)
 */
export const pdbAllowsDisruption: Rule = {
  id: 'pdb-allows-disruption',
  description: 'A PodDisruptionBudget allows at least one pod to be evicted.',
  remediation: 'Lower `minAvailable` or raise `maxUnavailable` so that at least one pod may be evicted, or run more replicas (the workload\'s `disruptionBudget` and `replicas` props).',
  layer: 'policy',
  severity: 'warning',
  kinds: ['PodDisruptionBudget'],
  check(o, ctx) {
    if (!isObject(o.spec)) return;
    const { maxUnavailable, minAvailable } = o.spec;
    if (maxUnavailable === 0 || percentValue(maxUnavailable) === 0) {
      ctx.report('spec.maxUnavailable', received(maxUnavailable, 'at least 1 (or a percentage above 0%), or no eviction can ever happen'));
    }
    if (percentValue(minAvailable) === 100) {
      ctx.report('spec.minAvailable', received(minAvailable, 'less than 100%, or no eviction can ever happen'));
    }
    if (typeof minAvailable === 'number' && isObject(o.spec.selector)) {
      for (const p of ctx.index.podsMatchingSelector(namespaceOf(o), o.spec.selector)) {
        // An autoscaled workload runs at least its autoscaler's minReplicas, whatever its own spec.replicas says.
        const autoscaled = ctx.index.autoscaledMinReplicas(p.object);
        const replicas = autoscaled ?? replicasOf(p.object);
        if (replicas !== undefined && minAvailable >= replicas) {
          const what = autoscaled !== undefined ? `the ${replicas} minReplicas of the HorizontalPodAutoscaler of` : `the ${replicas} replicas of`;
          ctx.report('spec.minAvailable', received(minAvailable, `less than ${what} ${p.object.kind} "${p.object.metadata.name}", or no eviction can ever happen`));
        }
      }
    }
  },
};
