import { containersWithContext, podSecurityContextOf, pssRule, relaxedForUserNamespace } from '../_pss';
import { received } from '../_util';

/**
 * Pod Security Standards, restricted, Running as Non-root user (policy version 1.23 and later): `runAsUser` is not
 * 0, on the pod or any container. From policy version 1.35, pods with their own user namespace (`hostUsers: false`)
 * are left out.
 *
 * @see https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted
 * @see https://github.com/kubernetes/kubernetes/blob/master/staging/src/k8s.io/pod-security-admission/policy/check_runAsUser.go
 * @see https://github.com/kubernetes/kubernetes/pull/132157 (the user namespace relaxation at policy 1.35)
 */
export const pssRestrictedRunningAsNonRootUser = pssRule({
  id: 'pss-restricted-running-as-non-root-user',
  control: 'Running as Non-root user',
  level: 'restricted',
  description: 'runAsUser is not 0 (from 1.35, any with hostUsers: false).',
  remediation: 'Set `runAsUser` to a non-zero user id on the pod and its containers (the container\'s `security.runAsUser`).',
  since: '1.23',
  check(pod, report, { policy }) {
    if (relaxedForUserNamespace(pod, policy)) return;
    if (podSecurityContextOf(pod).runAsUser === 0) report(`${pod.specPath}.securityContext.runAsUser`, received(0, 'a non-zero user id, or nothing'));
    for (const c of containersWithContext(pod)) {
      if (c.sc.runAsUser === 0) report(`${c.path}.securityContext.runAsUser`, received(0, 'a non-zero user id, or nothing'));
    }
  },
});
