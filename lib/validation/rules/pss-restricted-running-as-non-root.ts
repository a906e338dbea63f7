import { containersWithContext, podSecurityContextOf, pssRule, relaxedForUserNamespace } from '../_pss';
import { received } from '../_util';

/**
 * Pod Security Standards, restricted, Running as Non-root: `runAsNonRoot: true` on the pod, or on every container;
 * no container sets it to false. From policy version 1.35, pods with their own user namespace (`hostUsers: false`)
 * are left out: root in the pod is not root on the node.
 *
 * @see https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted
 * @see https://github.com/kubernetes/kubernetes/blob/master/staging/src/k8s.io/pod-security-admission/policy/check_runAsNonRoot.go
 * @see https://github.com/kubernetes/kubernetes/pull/132157 (the user namespace relaxation at policy 1.35)
 */
export const pssRestrictedRunningAsNonRoot = pssRule({
  id: 'pss-restricted-running-as-non-root',
  control: 'Running as Non-root',
  level: 'restricted',
  description: 'runAsNonRoot: true on the pod or every container (from 1.35, not with hostUsers: false).',
  remediation: 'Set `securityContext.runAsNonRoot: true` on the pod or on every container (the container\'s `security.runAsNonRoot`).',
  check(pod, report, { policy }) {
    if (relaxedForUserNamespace(pod, policy)) return;
    const podLevel = podSecurityContextOf(pod).runAsNonRoot;
    if (podLevel === false) report(`${pod.specPath}.securityContext.runAsNonRoot`, received(false, 'true'));
    for (const c of containersWithContext(pod)) {
      const own = c.sc.runAsNonRoot;
      if (own === false || (own !== true && podLevel !== true)) {
        report(`${c.path}.securityContext.runAsNonRoot`, received(own, `true (here or as ${pod.specPath}.securityContext.runAsNonRoot)`));
      }
    }
  },
});
