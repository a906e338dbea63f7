import { Rule } from '../rule';
import { replicasOf } from '../_pod';

/**
 * A Deployment or StatefulSet of two or more replicas has a PodDisruptionBudget selecting its pods, so that node
 * drains and cluster upgrades do not take all of them down at once.
 *
 * @see https://kubernetes.io/docs/tasks/run-application/configure-pdb/
 * @see https://polaris.docs.fairwinds.com/checks/reliability/ (missingPodDisruptionBudget)
 */
export const pdbForReplicas: Rule = {
  id: 'pdb-for-replicas',
  description: 'Deployments and StatefulSets of two or more replicas have a PodDisruptionBudget.',
  remediation: 'Add a PodDisruptionBudget that selects the workload\'s pods (the workload\'s `disruptionBudget` prop, on by default for two or more replicas).',
  layer: 'policy',
  severity: 'warning',
  kinds: ['Deployment', 'StatefulSet'],
  check(o, ctx) {
    const replicas = replicasOf(o);
    if (replicas === undefined || replicas < 2 || ctx.index.hasDisruptionBudget(o)) return;
    ctx.report('', `received a ${o.kind} of ${replicas} replicas that no PodDisruptionBudget selects; allowed: a PodDisruptionBudget for its pods (e.g. maxUnavailable: 1)`);
  },
};
