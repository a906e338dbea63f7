import { containersWithContext, podSecurityContextOf, pssRule } from '../_pss';
import { received } from '../_util';

/**
 * Pod Security Standards, restricted, Running as Non-root user: `runAsUser` is not 0, on the pod or any container.
 *
 * @see https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted
 * @see https://github.com/kubernetes/pod-security-admission/blob/release-1.27/policy/check_runAsUser.go
 */
export const pssRestrictedRunningAsNonRootUser = pssRule({
  id: 'pss-restricted-running-as-non-root-user',
  control: 'Running as Non-root user',
  level: 'restricted',
  description: 'runAsUser is not 0.',
  check(pod, report) {
    if (podSecurityContextOf(pod).runAsUser === 0) report(`${pod.specPath}.securityContext.runAsUser`, received(0, 'a non-zero user id, or nothing'));
    for (const c of containersWithContext(pod)) {
      if (c.sc.runAsUser === 0) report(`${c.path}.securityContext.runAsUser`, received(0, 'a non-zero user id, or nothing'));
    }
  },
});
