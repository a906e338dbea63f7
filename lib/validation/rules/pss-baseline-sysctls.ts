import { podSecurityContextOf, pssRule } from '../_pss';
import { arrayOf, isObject, received } from '../_util';

const SAFE_SYSCTLS = [
  'kernel.shm_rmid_forced', 'net.ipv4.ip_local_port_range', 'net.ipv4.ip_unprivileged_port_start',
  'net.ipv4.tcp_syncookies', 'net.ipv4.ping_group_range', 'net.ipv4.ip_local_reserved_ports',
];

/**
 * Pod Security Standards, baseline, Sysctls: only the safe sysctls (kernel.shm_rmid_forced,
 * net.ipv4.ip_local_port_range, net.ipv4.ip_unprivileged_port_start, net.ipv4.tcp_syncookies,
 * net.ipv4.ping_group_range and, since 1.27, net.ipv4.ip_local_reserved_ports).
 *
 * @see https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
 * @see https://github.com/kubernetes/pod-security-admission/blob/release-1.27/policy/check_sysctls.go
 */
export const pssBaselineSysctls = pssRule({
  id: 'pss-baseline-sysctls',
  control: 'Sysctls',
  level: 'baseline',
  description: 'only safe sysctls.',
  check(pod, report) {
    arrayOf(podSecurityContextOf(pod).sysctls).forEach((s, i) => {
      if (isObject(s) && !SAFE_SYSCTLS.includes(s.name)) {
        report(`${pod.specPath}.securityContext.sysctls[${i}].name`, received(s.name, SAFE_SYSCTLS.join(', ')));
      }
    });
  },
});
