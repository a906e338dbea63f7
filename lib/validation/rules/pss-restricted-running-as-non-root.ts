import { containersWithContext, podSecurityContextOf, pssRule } from '../_pss';
import { received } from '../_util';

/**
 * Pod Security Standards, restricted, Running as Non-root: `runAsNonRoot: true` on the pod, or on every container;
 * no container sets it to false.
 *
 * @see https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted
 * @see https://github.com/kubernetes/pod-security-admission/blob/release-1.27/policy/check_runAsNonRoot.go
 */
export const pssRestrictedRunningAsNonRoot = pssRule({
  id: 'pss-restricted-running-as-non-root',
  control: 'Running as Non-root',
  level: 'restricted',
  description: 'runAsNonRoot: true on the pod or every container.',
  check(pod, report) {
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
