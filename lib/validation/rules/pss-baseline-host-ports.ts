import { containersOf } from '../_pod';
import { pssRule } from '../_pss';
import { arrayOf, isObject, received } from '../_util';

/**
 * Pod Security Standards, baseline, Host Ports: no container port binds a `hostPort`.
 *
 * @see https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
 * @see https://github.com/kubernetes/kubernetes/blob/master/staging/src/k8s.io/pod-security-admission/policy/check_hostPorts.go
 */
export const pssBaselineHostPorts = pssRule({
  id: 'pss-baseline-host-ports',
  control: 'Host Ports',
  level: 'baseline',
  description: 'no host ports.',
  remediation: 'Remove `hostPort` from the container ports and expose the port through a Service instead.',
  check(pod, report) {
    for (const { container, path } of containersOf(pod)) {
      arrayOf(container.ports).forEach((p, i) => {
        if (isObject(p) && p.hostPort !== undefined && p.hostPort !== null && p.hostPort !== 0) {
          report(`${path}.ports[${i}].hostPort`, received(p.hostPort, 'no hostPort (use a Service)'));
        }
      });
    }
  },
});
