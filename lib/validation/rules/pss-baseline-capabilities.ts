import { containersWithContext, pssRule } from '../_pss';
import { arrayOf, isObject, received } from '../_util';

/** The capabilities the baseline level allows adding. */
export const BASELINE_CAPABILITIES = [
  'AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD', 'NET_BIND_SERVICE', 'SETFCAP', 'SETGID',
  'SETPCAP', 'SETUID', 'SYS_CHROOT',
];

/**
 * Pod Security Standards, baseline, Capabilities: containers add only capabilities of the default set
 * (AUDIT_WRITE, CHOWN, DAC_OVERRIDE, FOWNER, FSETID, KILL, MKNOD, NET_BIND_SERVICE, SETFCAP, SETGID, SETPCAP,
 * SETUID, SYS_CHROOT).
 *
 * @see https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
 * @see https://github.com/kubernetes/kubernetes/blob/master/staging/src/k8s.io/pod-security-admission/policy/check_capabilities_baseline.go
 */
export const pssBaselineCapabilities = pssRule({
  id: 'pss-baseline-capabilities',
  control: 'Capabilities',
  level: 'baseline',
  description: 'containers add no capabilities beyond the default set.',
  remediation: 'Add only capabilities of the default set to `securityContext.capabilities.add` (the container\'s `security.addCapabilities`).',
  check(pod, report) {
    for (const c of containersWithContext(pod)) {
      const add = isObject(c.sc.capabilities) ? arrayOf(c.sc.capabilities.add) : [];
      add.forEach((cap, i) => {
        if (!BASELINE_CAPABILITIES.includes(cap)) report(`${c.path}.securityContext.capabilities.add[${i}]`, received(cap, BASELINE_CAPABILITIES.join(', ')));
      });
    }
  },
});
