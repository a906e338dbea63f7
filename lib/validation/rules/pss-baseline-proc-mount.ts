import { containersWithContext, pssRule } from '../_pss';
import { received } from '../_util';

/**
 * Pod Security Standards, baseline, /proc Mount Type: `procMount` unset or `Default`.
 *
 * @see https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
 * @see https://github.com/kubernetes/pod-security-admission/blob/release-1.27/policy/check_procMount.go
 */
export const pssBaselineProcMount = pssRule({
  id: 'pss-baseline-proc-mount',
  control: '/proc Mount Type',
  level: 'baseline',
  description: 'the default /proc mount.',
  check(pod, report) {
    for (const c of containersWithContext(pod)) {
      if (c.sc.procMount !== undefined && c.sc.procMount !== 'Default') report(`${c.path}.securityContext.procMount`, received(c.sc.procMount, '"Default" or nothing'));
    }
  },
});
