import { pssRule } from '../_pss';
import { received } from '../_util';

/**
 * Pod Security Standards, baseline, Host Namespaces: `hostNetwork`, `hostPID` and `hostIPC` unset or false.
 *
 * @see https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
 * @see https://github.com/kubernetes/kubernetes/blob/master/staging/src/k8s.io/pod-security-admission/policy/check_hostNamespaces.go
 */
export const pssBaselineHostNamespaces = pssRule({
  id: 'pss-baseline-host-namespaces',
  control: 'Host Namespaces',
  level: 'baseline',
  description: "pods do not share the host's network, PID or IPC namespaces.",
  remediation: 'Remove `hostNetwork`, `hostPID` and `hostIPC` from the pod spec, or set them to false.',
  check(pod, report) {
    for (const key of ['hostNetwork', 'hostPID', 'hostIPC']) {
      if (pod.spec[key] === true) report(`${pod.specPath}.${key}`, received(true, 'false or nothing'));
    }
  },
});
