import { allSecurityContexts, pssRule } from '../_pss';
import { isObject, received } from '../_util';

const TYPES = ['', 'container_t', 'container_init_t', 'container_kvm_t'];

/**
 * Pod Security Standards, baseline, SELinux: `seLinuxOptions.type` is unset or one of container_t,
 * container_init_t, container_kvm_t; `user` and `role` are unset.
 *
 * @see https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
 * @see https://github.com/kubernetes/pod-security-admission/blob/release-1.27/policy/check_seLinuxOptions.go
 */
export const pssBaselineSelinux = pssRule({
  id: 'pss-baseline-selinux',
  control: 'SELinux',
  level: 'baseline',
  description: 'no custom SELinux user or role, and only container SELinux types.',
  check(pod, report) {
    for (const { path, sc } of allSecurityContexts(pod)) {
      const o = sc.seLinuxOptions;
      if (!isObject(o)) continue;
      if (o.type !== undefined && !TYPES.includes(o.type)) report(`${path}.seLinuxOptions.type`, received(o.type, 'nothing, "container_t", "container_init_t" or "container_kvm_t"'));
      for (const key of ['user', 'role']) {
        if (o[key] !== undefined && o[key] !== '') report(`${path}.seLinuxOptions.${key}`, received(o[key], 'nothing'));
      }
    }
  },
});
