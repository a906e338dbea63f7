import { isAtLeast } from '../../core/kubernetes-version';
import { allowedAt, allSecurityContexts, pssRule } from '../_pss';
import { isObject, received } from '../_util';

/** The SELinux types the standard allows, each with the first policy version that allows it. */
const TYPES: ReadonlyArray<readonly [string, string]> = [
  ['container_t', '1.0'],
  ['container_init_t', '1.0'],
  ['container_kvm_t', '1.0'],
  ['container_engine_t', '1.31'],
];

const SINCE = new Map(TYPES);

/**
 * Pod Security Standards, baseline, SELinux: `seLinuxOptions.type` is unset, empty or one of container_t,
 * container_init_t, container_kvm_t and, from policy version 1.31, container_engine_t; `user` and `role` are unset.
 *
 * @see https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
 * @see https://github.com/kubernetes/kubernetes/blob/master/staging/src/k8s.io/pod-security-admission/policy/check_seLinuxOptions.go
 * @see https://github.com/kubernetes/kubernetes/pull/126165 (container_engine_t, policy 1.31)
 */
export const pssBaselineSelinux = pssRule({
  id: 'pss-baseline-selinux',
  control: 'SELinux',
  level: 'baseline',
  description: 'no custom SELinux user or role, and only container SELinux types (container_engine_t from 1.31).',
  remediation: 'Remove the custom SELinux user and role and use only the container SELinux types in `securityContext.seLinuxOptions`.',
  check(pod, report, { policy }) {
    for (const { path, sc } of allSecurityContexts(pod)) {
      const o = sc.seLinuxOptions;
      if (!isObject(o)) continue;
      if (o.type !== undefined && o.type !== '') {
        const since = SINCE.get(o.type);
        if (since === undefined || !isAtLeast(policy, since)) {
          report(`${path}.seLinuxOptions.type`, received(o.type, `nothing, ${allowedAt(TYPES, policy, true)}`));
        }
      }
      for (const key of ['user', 'role']) {
        if (o[key] !== undefined && o[key] !== '') report(`${path}.seLinuxOptions.${key}`, received(o[key], 'nothing'));
      }
    }
  },
});
