import { allSecurityContexts, pssRule } from '../_pss';
import { isObject, received } from '../_util';

/**
 * Pod Security Standards, baseline, Seccomp: no seccomp profile of type `Unconfined`, on the pod or a container.
 *
 * @see https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
 * @see https://github.com/kubernetes/kubernetes/blob/master/staging/src/k8s.io/pod-security-admission/policy/check_seccompProfile_baseline.go
 */
export const pssBaselineSeccompProfile = pssRule({
  id: 'pss-baseline-seccomp-profile',
  control: 'Seccomp',
  level: 'baseline',
  description: 'no Unconfined seccomp profile.',
  remediation: 'Set the seccomp profile type to RuntimeDefault or Localhost instead of Unconfined (the container\'s `security.seccompProfile`).',
  check(pod, report) {
    for (const { path, sc } of allSecurityContexts(pod)) {
      if (isObject(sc.seccompProfile) && sc.seccompProfile.type === 'Unconfined') {
        report(`${path}.seccompProfile.type`, received('Unconfined', '"RuntimeDefault", "Localhost" or nothing'));
      }
    }
  },
});
