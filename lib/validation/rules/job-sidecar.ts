import { isAtLeast } from '../../core/kubernetes-version';
import { podRule } from '../rule';
import { containersOf } from '../_pod';

/** Container names and images of the usual sidecars (service mesh proxies, database proxies, log and telemetry agents). */
const SIDECAR = /istio-proxy|proxyv2|envoy|linkerd|cloud-sql-proxy|cloudsql|fluent-?bit|fluentd|otel|opentelemetry|collector|vault-agent|log-?shipper|sidecar/i;

/**
 * A Job (or a CronJob's Job) completes when all its pod's regular containers have exited: a sidecar among them
 * (a service mesh proxy, a database proxy, a log shipper) keeps running, and the Job never completes. From
 * Kubernetes 1.29, native sidecars (init containers with `restartPolicy: Always`) are stopped when the main container
 * ends. A container is taken for a sidecar by its name or image, so this is a warning.
 *
 * @see https://kubernetes.io/docs/concepts/workloads/pods/sidecar-containers/#jobs-with-sidecar-containers
 */
export const jobSidecar = podRule({
  id: 'job-sidecar',
  description: 'A Job\'s pod has no classic sidecar (a regular container that keeps running, so the Job never completes).',
  remediation: 'Run the helper as a native sidecar (an init container with `restartPolicy: Always`: the workload\'s `sidecars` with `sidecarMode: SidecarMode.native()`, Kubernetes 1.29 or later) or make it exit when the main container does.',
  layer: 'policy',
  severity: 'warning',
  kinds: ['Job', 'CronJob'],
  checkPod(pod, ctx) {
    const regular = containersOf(pod).filter((c) => c.type === 'containers');
    if (regular.length < 2) return;
    const fix = isAtLeast(ctx.kubernetesVersion, '1.29')
      ? 'move it to initContainers with restartPolicy: Always (a native sidecar, stopped when the Job\'s containers end)'
      : `make it exit when the main container does (native sidecars, which Kubernetes stops, need 1.29; this targets ${ctx.kubernetesVersion})`;
    for (const { container, path } of regular) {
      const name = typeof container.name === 'string' ? container.name : '';
      const image = typeof container.image === 'string' ? container.image : '';
      if (SIDECAR.test(name) || SIDECAR.test(image)) {
        ctx.report(path, `received the container "${name}" (${image || 'no image'}), which looks like a sidecar: the Job never completes while it runs; allowed: ${fix}`);
      }
    }
  },
});
