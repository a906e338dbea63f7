import { containersWithContext, podSecurityContextOf, pssRule } from '../_pss';
import { isObject, received } from '../_util';

const ALLOWED = ['RuntimeDefault', 'Localhost'];

/**
 * Pod Security Standards, restricted, Seccomp: a seccomp profile of type `RuntimeDefault` or `Localhost` on the pod,
 * or on every container. Windows pods (`spec.os.name: windows`) are left out from policy version 1.25.
 *
 * @see https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted
 * @see https://github.com/kubernetes/kubernetes/blob/master/staging/src/k8s.io/pod-security-admission/policy/check_seccompProfile_restricted.go
 */
export const pssRestrictedSeccompProfile = pssRule({
  id: 'pss-restricted-seccomp-profile',
  control: 'Seccomp',
  level: 'restricted',
  description: 'a RuntimeDefault or Localhost seccomp profile on the pod or every container.',
  remediation: 'Set the seccomp profile type to RuntimeDefault or Localhost on the pod or on every container (the container\'s `security.seccompProfile`).',
  skipWindows: true,
  check(pod, report) {
    const psc = podSecurityContextOf(pod);
    const podType = isObject(psc.seccompProfile) ? psc.seccompProfile.type : undefined;
    if (podType !== undefined && !ALLOWED.includes(podType)) {
      report(`${pod.specPath}.securityContext.seccompProfile.type`, received(podType, '"RuntimeDefault" or "Localhost"'));
    }
    for (const c of containersWithContext(pod)) {
      const own = isObject(c.sc.seccompProfile) ? c.sc.seccompProfile.type : undefined;
      if (own !== undefined ? !ALLOWED.includes(own) : !ALLOWED.includes(podType)) {
        report(`${c.path}.securityContext.seccompProfile.type`, received(own, `"RuntimeDefault" or "Localhost" (here or as ${pod.specPath}.securityContext.seccompProfile.type)`));
      }
    }
  },
});
