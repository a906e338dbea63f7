import { containersWithContext, pssRule } from '../_pss';
import { arrayOf, isObject, received } from '../_util';

/**
 * Pod Security Standards, restricted, Capabilities: every container drops `ALL` and adds back at most
 * `NET_BIND_SERVICE`. Windows pods (`spec.os.name: windows`) are left out from policy version 1.25.
 *
 * @see https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted
 * @see https://github.com/kubernetes/kubernetes/blob/master/staging/src/k8s.io/pod-security-admission/policy/check_capabilities_restricted.go
 */
export const pssRestrictedCapabilities = pssRule({
  id: 'pss-restricted-capabilities',
  control: 'Capabilities',
  level: 'restricted',
  description: 'containers drop ALL capabilities and add at most NET_BIND_SERVICE.',
  remediation: 'Drop ALL capabilities and add at most NET_BIND_SERVICE in `securityContext.capabilities` (the container\'s `security.dropAllCapabilities` and `security.addCapabilities`).',
  skipWindows: true,
  check(pod, report) {
    for (const c of containersWithContext(pod)) {
      const caps = isObject(c.sc.capabilities) ? c.sc.capabilities : {};
      const drop = arrayOf(caps.drop);
      if (!drop.includes('ALL')) report(`${c.path}.securityContext.capabilities.drop`, received(caps.drop, '["ALL"]'));
      arrayOf(caps.add).forEach((cap, i) => {
        if (cap !== 'NET_BIND_SERVICE') report(`${c.path}.securityContext.capabilities.add[${i}]`, received(cap, 'only "NET_BIND_SERVICE"'));
      });
    }
  },
});
