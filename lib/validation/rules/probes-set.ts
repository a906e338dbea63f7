import { podRule } from '../rule';
import { containersOf } from '../_pod';

/**
 * Every container of a long-running workload (Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController)
 * has a readiness probe (no traffic before it is ready) and a liveness probe (restarted when it hangs).
 *
 * @see https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/
 * @see https://polaris.docs.fairwinds.com/checks/reliability/ (readinessProbeMissing, livenessProbeMissing)
 */
export const probesSet = podRule({
  id: 'probes-set',
  description: 'Containers of long-running workloads have readiness and liveness probes.',
  remediation: 'Add a readiness and a liveness probe to the container (the workload\'s `readinessProbe` and `livenessProbe` props, e.g. `Probe.http(\'/healthz\')`).',
  layer: 'policy',
  severity: 'warning',
  kinds: ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController'],
  checkPod(pod, ctx) {
    for (const { container, path, type } of containersOf(pod)) {
      if (type !== 'containers') continue;
      const missing = ['readinessProbe', 'livenessProbe'].filter((p) => container[p] === undefined || container[p] === null);
      if (missing.length > 0) ctx.report(path, `received no ${missing.join(' or ')}; allowed: a container with a readinessProbe and a livenessProbe`);
    }
  },
});
