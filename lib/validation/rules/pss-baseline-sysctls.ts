import { isAtLeast } from '../../core/kubernetes-version';
import { allowedAt, podSecurityContextOf, pssRule } from '../_pss';
import { arrayOf, isObject, received } from '../_util';

/** The safe sysctls, each with the first Pod Security Standards version that allows it. */
const SAFE_SYSCTLS: ReadonlyArray<readonly [string, string]> = [
  ['kernel.shm_rmid_forced', '1.0'],
  ['net.ipv4.ip_local_port_range', '1.0'],
  ['net.ipv4.ip_unprivileged_port_start', '1.0'],
  ['net.ipv4.tcp_syncookies', '1.0'],
  ['net.ipv4.ping_group_range', '1.0'],
  ['net.ipv4.ip_local_reserved_ports', '1.27'],
  ['net.ipv4.tcp_keepalive_time', '1.29'],
  ['net.ipv4.tcp_fin_timeout', '1.29'],
  ['net.ipv4.tcp_keepalive_intvl', '1.29'],
  ['net.ipv4.tcp_keepalive_probes', '1.29'],
  ['net.ipv4.tcp_rmem', '1.32'],
  ['net.ipv4.tcp_wmem', '1.32'],
];

const SINCE = new Map(SAFE_SYSCTLS);

/**
 * Pod Security Standards, baseline, Sysctls: only the safe sysctls of the policy version. Always
 * kernel.shm_rmid_forced, net.ipv4.ip_local_port_range, net.ipv4.ip_unprivileged_port_start, net.ipv4.tcp_syncookies
 * and net.ipv4.ping_group_range; from 1.27 net.ipv4.ip_local_reserved_ports; from 1.29 net.ipv4.tcp_keepalive_time,
 * net.ipv4.tcp_fin_timeout, net.ipv4.tcp_keepalive_intvl and net.ipv4.tcp_keepalive_probes; from 1.32
 * net.ipv4.tcp_rmem and net.ipv4.tcp_wmem.
 *
 * @see https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
 * @see https://github.com/kubernetes/kubernetes/blob/master/staging/src/k8s.io/pod-security-admission/policy/check_sysctls.go
 * @see https://github.com/kubernetes/kubernetes/pull/115374 (ip_local_reserved_ports, policy 1.27)
 * @see https://github.com/kubernetes/kubernetes/pull/118846 (tcp_keepalive_time, policy 1.29)
 * @see https://github.com/kubernetes/kubernetes/pull/121240 (tcp_fin_timeout, tcp_keepalive_intvl, tcp_keepalive_probes, policy 1.29)
 * @see https://github.com/kubernetes/kubernetes/pull/127489 (tcp_rmem, tcp_wmem, policy 1.32)
 */
export const pssBaselineSysctls = pssRule({
  id: 'pss-baseline-sysctls',
  control: 'Sysctls',
  level: 'baseline',
  description: 'only the safe sysctls of the policy version (more from 1.27, 1.29 and 1.32).',
  remediation: 'Remove the sysctls that are not in the safe set of the policy version from `securityContext.sysctls`.',
  check(pod, report, { policy }) {
    arrayOf(podSecurityContextOf(pod).sysctls).forEach((s, i) => {
      if (!isObject(s)) return;
      const since = SINCE.get(s.name);
      if (since === undefined || !isAtLeast(policy, since)) {
        report(`${pod.specPath}.securityContext.sysctls[${i}].name`, received(s.name, allowedAt(SAFE_SYSCTLS, policy)));
      }
    });
  },
});
