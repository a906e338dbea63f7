import { PlatformAnnotations } from '../../core/labels';
import { ManifestObject } from '../../core/manifest-object';
import { podRule } from '../rule';
import { containersOf } from '../_pod';

/**
 * The probes an object's `cdk8s-platform.io/probes-off` annotation says its containers go without on purpose, by
 * container: one `<container>: <probe>, <probe>` line per container.
 */
function probesOff(object: ManifestObject): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  const value = object.metadata?.annotations?.[PlatformAnnotations.PROBES_OFF];
  if (typeof value !== 'string') return out;
  for (const line of value.split('\n')) {
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const probes = line.slice(colon + 1).split(',').map((x) => x.trim()).filter((x) => x !== '');
    out.set(line.slice(0, colon).trim(), new Set(probes));
  }
  return out;
}

/**
 * Every container of a long-running workload (Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController)
 * has a readiness probe (no traffic before it is ready) and a liveness probe (restarted when it hangs), unless the
 * object's `cdk8s-platform.io/probes-off` annotation names the probe for that container (what workloads write for
 * an explicit `Probe.none()`).
 *
 * @see https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/
 * @see https://polaris.docs.fairwinds.com/checks/reliability/ (readinessProbeMissing, livenessProbeMissing)
 */
export const probesSet = podRule({
  id: 'probes-set',
  description: 'Containers of long-running workloads have readiness and liveness probes.',
  remediation: 'Add a readiness and a liveness probe to the container (the workload\'s `readinessProbe` and `livenessProbe` props, e.g. `Probe.http(\'/healthz\')`), or say there is none with `Probe.none()`.',
  layer: 'policy',
  severity: 'warning',
  kinds: ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController'],
  checkPod(pod, ctx, object) {
    const off = probesOff(object);
    for (const { container, path, type } of containersOf(pod)) {
      if (type !== 'containers') continue;
      const intended = off.get(container.name);
      const missing = ['readinessProbe', 'livenessProbe'].filter((p) => (container[p] === undefined || container[p] === null) && !intended?.has(p));
      if (missing.length > 0) ctx.report(path, `received no ${missing.join(' or ')}; allowed: a container with a readinessProbe and a livenessProbe`);
    }
  },
});
