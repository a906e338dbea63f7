import { containersWithContext, pssRule } from '../_pss';
import { received } from '../_util';

/**
 * Pod Security Standards, baseline, Privileged Containers: `securityContext.privileged` unset or false.
 *
 * @see https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
 * @see https://github.com/kubernetes/kubernetes/blob/master/staging/src/k8s.io/pod-security-admission/policy/check_privileged.go
 */
export const pssBaselinePrivilegedContainers = pssRule({
  id: 'pss-baseline-privileged-containers',
  control: 'Privileged Containers',
  level: 'baseline',
  description: 'no privileged containers.',
  remediation: 'Remove `securityContext.privileged: true` from the container, or set it to false.',
  check(pod, report) {
    for (const c of containersWithContext(pod)) {
      if (c.sc.privileged === true) report(`${c.path}.securityContext.privileged`, received(true, 'false or nothing'));
    }
  },
});
