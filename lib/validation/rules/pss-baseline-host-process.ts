import { containersWithContext, podSecurityContextOf, pssRule } from '../_pss';
import { isObject, received } from '../_util';

/**
 * Pod Security Standards, baseline, HostProcess: Windows pods may not run HostProcess containers
 * (`windowsOptions.hostProcess` unset or false).
 *
 * @see https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
 * @see https://github.com/kubernetes/kubernetes/blob/master/staging/src/k8s.io/pod-security-admission/policy/check_windowsHostProcess.go
 */
export const pssBaselineHostProcess = pssRule({
  id: 'pss-baseline-host-process',
  control: 'HostProcess',
  level: 'baseline',
  description: 'no Windows HostProcess containers.',
  remediation: 'Remove `windowsOptions.hostProcess: true` from the pod and container security contexts.',
  check(pod, report) {
    const psc = podSecurityContextOf(pod);
    if (isObject(psc.windowsOptions) && psc.windowsOptions.hostProcess === true) {
      report(`${pod.specPath}.securityContext.windowsOptions.hostProcess`, received(true, 'false or nothing'));
    }
    for (const c of containersWithContext(pod)) {
      if (isObject(c.sc.windowsOptions) && c.sc.windowsOptions.hostProcess === true) {
        report(`${c.path}.securityContext.windowsOptions.hostProcess`, received(true, 'false or nothing'));
      }
    }
  },
});
