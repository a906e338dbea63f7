import { containersOf } from '../_pod';
import { pssRule } from '../_pss';
import { isObject, received } from '../_util';

const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'];
const HOOKS = ['postStart', 'preStop'];
const ACTIONS = ['httpGet', 'tcpSocket'];
const ALLOWED = 'nothing or "" (the pod\'s IP; for another HTTP host name, set a Host header in httpGet.httpHeaders)';

/**
 * Pod Security Standards, baseline, Host Probes / Lifecycle Hooks (policy version 1.34 and later): no probe
 * (liveness, readiness, startup) and no lifecycle hook (postStart, preStop) of any container sets the `host` of its
 * `httpGet` or `tcpSocket` action, which would make the kubelet connect to any address, the node's own included.
 *
 * @see https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
 * @see https://github.com/kubernetes/kubernetes/blob/master/staging/src/k8s.io/pod-security-admission/policy/check_hostProbesAndhostLifecycle.go
 * @see https://github.com/kubernetes/enhancements/tree/master/keps/sig-auth/4940-psa-block-host-field-in-probes (KEP-4940, stable in 1.34)
 */
export const pssBaselineHostProbes = pssRule({
  id: 'pss-baseline-host-probes',
  control: 'Host Probes / Lifecycle Hooks',
  level: 'baseline',
  description: 'probes and lifecycle hooks set no host (from 1.34).',
  remediation: 'Remove `host` from the probe or hook handler so that it checks the pod itself.',
  since: '1.34',
  check(pod, report) {
    for (const { container, path } of containersOf(pod)) {
      for (const probe of PROBES) reportHosts(container[probe], `${path}.${probe}`, report);
      const lifecycle = container.lifecycle;
      if (!isObject(lifecycle)) continue;
      for (const hook of HOOKS) reportHosts(lifecycle[hook], `${path}.lifecycle.${hook}`, report);
    }
  },
});

/** Reports the `host` of the `httpGet` and `tcpSocket` actions of a probe or lifecycle hook, when set. */
function reportHosts(handler: unknown, path: string, report: (field: string, message: string) => void): void {
  if (!isObject(handler)) return;
  for (const action of ACTIONS) {
    const a = handler[action];
    if (isObject(a) && a.host !== undefined && a.host !== null && a.host !== '') report(`${path}.${action}.host`, received(a.host, ALLOWED));
  }
}
