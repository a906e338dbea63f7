import { Rule } from '../rule';
import { podTemplateOf, replicasOf } from '../_pod';
import { arrayOf, isObject } from '../_util';

/**
 * A Deployment or StatefulSet of two or more replicas spreads its pods (`topologySpreadConstraints` or a pod
 * anti-affinity), so that one node or zone going down does not take all of them.
 *
 * @see https://kubernetes.io/docs/concepts/scheduling-eviction/topology-spread-constraints/
 * @see https://docs.kubelinter.io/#/generated/checks?id=no-anti-affinity
 * @see https://polaris.docs.fairwinds.com/checks/reliability/ (topologySpreadConstraint)
 */
export const spreadReplicas: Rule = {
  id: 'spread-replicas',
  description: 'Deployments and StatefulSets of two or more replicas spread their pods over nodes or zones.',
  remediation: 'Spread the pods over nodes or zones with topologySpreadConstraints or pod anti-affinity (the workload\'s `spread` prop).',
  layer: 'policy',
  severity: 'warning',
  kinds: ['Deployment', 'StatefulSet'],
  check(o, ctx) {
    const replicas = replicasOf(o);
    const pod = podTemplateOf(o);
    const autoscaled = isObject(o.spec) && o.spec.replicas === undefined;
    if (!pod || autoscaled || replicas === undefined || replicas < 2) return;
    const spread = arrayOf(pod.spec.topologySpreadConstraints).length > 0;
    const anti = isObject(pod.spec.affinity) && isObject(pod.spec.affinity.podAntiAffinity);
    if (!spread && !anti) {
      ctx.report(`${pod.specPath}`, `received ${replicas} replicas with no topologySpreadConstraints and no podAntiAffinity; allowed: pods spread over nodes or zones (e.g. a topologySpreadConstraint on kubernetes.io/hostname)`);
    }
  },
};
