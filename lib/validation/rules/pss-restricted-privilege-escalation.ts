import { containersWithContext, pssRule } from '../_pss';
import { received } from '../_util';

/**
 * Pod Security Standards, restricted, Privilege Escalation: every container sets
 * `allowPrivilegeEscalation: false`. Windows pods (`spec.os.name: windows`) are left out from policy version 1.25.
 *
 * @see https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted
 * @see https://github.com/kubernetes/kubernetes/blob/master/staging/src/k8s.io/pod-security-admission/policy/check_allowPrivilegeEscalation.go
 */
export const pssRestrictedPrivilegeEscalation = pssRule({
  id: 'pss-restricted-privilege-escalation',
  control: 'Privilege Escalation',
  level: 'restricted',
  description: 'containers set allowPrivilegeEscalation: false.',
  remediation: 'Set `securityContext.allowPrivilegeEscalation: false` on the container (the container\'s `security.allowPrivilegeEscalation`).',
  skipWindows: true,
  check(pod, report) {
    for (const c of containersWithContext(pod)) {
      if (c.sc.allowPrivilegeEscalation !== false) report(`${c.path}.securityContext.allowPrivilegeEscalation`, received(c.sc.allowPrivilegeEscalation, 'false'));
    }
  },
});
