import { isAtLeast } from '../../core/kubernetes-version';
import { inUserNamespace, pssRule, reportProcMounts, USER_NAMESPACE_RELAXED_SINCE } from '../_pss';

/**
 * Pod Security Standards, baseline, /proc Mount Type: `procMount` unset or `Default`; from policy version 1.35, any
 * value in a pod with its own user namespace (`hostUsers: false`), which `pss-restricted-proc-mount` still refuses.
 *
 * @see https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
 * @see https://github.com/kubernetes/kubernetes/blob/master/staging/src/k8s.io/pod-security-admission/policy/check_procMount_baseline.go
 * @see https://github.com/kubernetes/kubernetes/pull/132157 (the user namespace relaxation at policy 1.35)
 */
export const pssBaselineProcMount = pssRule({
  id: 'pss-baseline-proc-mount',
  control: '/proc Mount Type',
  level: 'baseline',
  description: 'the default /proc mount (from 1.35, any in a pod with hostUsers: false).',
  remediation: 'Remove `securityContext.procMount` from the container or set it to Default.',
  check(pod, report, { policy }) {
    const relaxing = isAtLeast(policy, USER_NAMESPACE_RELAXED_SINCE);
    if (relaxing && inUserNamespace(pod)) return;
    reportProcMounts(pod, report, relaxing ? '"Default" or nothing (any in a pod with spec.hostUsers: false)' : '"Default" or nothing');
  },
});
