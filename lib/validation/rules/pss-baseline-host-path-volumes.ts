import { pssRule } from '../_pss';
import { arrayOf, isObject, received } from '../_util';

/**
 * Pod Security Standards, baseline, HostPath Volumes: no `hostPath` volumes (kube-linter's `sensitive-host-mounts`
 * and `docker-sock` are cases of it).
 *
 * @see https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
 * @see https://github.com/kubernetes/kubernetes/blob/master/staging/src/k8s.io/pod-security-admission/policy/check_hostPathVolumes.go
 */
export const pssBaselineHostPathVolumes = pssRule({
  id: 'pss-baseline-host-path-volumes',
  control: 'HostPath Volumes',
  level: 'baseline',
  description: 'no hostPath volumes.',
  remediation: 'Replace the hostPath volume with a persistentVolumeClaim, configMap, secret or emptyDir volume.',
  check(pod, report) {
    arrayOf(pod.spec.volumes).forEach((v, i) => {
      if (isObject(v) && isObject(v.hostPath)) report(`${pod.specPath}.volumes[${i}].hostPath`, received(v.hostPath, 'no hostPath volume (use emptyDir, a PersistentVolumeClaim, a ConfigMap or a Secret)'));
    });
  },
});
