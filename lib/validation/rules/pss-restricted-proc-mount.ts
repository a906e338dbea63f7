import { inUserNamespace, pssRule, reportProcMounts, USER_NAMESPACE_RELAXED_SINCE } from '../_pss';

/**
 * Pod Security Standards, restricted, /proc Mount Type (policy version 1.35 and later): `procMount` unset or
 * `Default` in pods with their own user namespace (`hostUsers: false`) too, which baseline allows from 1.35. Other
 * pods are `pss-baseline-proc-mount`'s, so a finding is not reported twice.
 *
 * @see https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted
 * @see https://github.com/kubernetes/kubernetes/blob/master/staging/src/k8s.io/pod-security-admission/policy/check_procMount_restricted.go
 * @see https://github.com/kubernetes/kubernetes/pull/132157
 */
export const pssRestrictedProcMount = pssRule({
  id: 'pss-restricted-proc-mount',
  control: '/proc Mount Type',
  level: 'restricted',
  description: 'the default /proc mount in pods with hostUsers: false too (from 1.35, when baseline allows them any).',
  remediation: 'Remove `securityContext.procMount` from the container or set it to Default.',
  since: USER_NAMESPACE_RELAXED_SINCE,
  check(pod, report) {
    if (inUserNamespace(pod)) reportProcMounts(pod, report, '"Default" or nothing (also with spec.hostUsers: false)');
  },
});
