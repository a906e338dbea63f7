import { pssRule } from '../_pss';
import { arrayOf, isObject, received } from '../_util';

const ALLOWED_TYPES = ['configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'persistentVolumeClaim', 'projected', 'secret'];

/**
 * Pod Security Standards, restricted, Volume Types: only configMap, csi, downwardAPI, emptyDir, ephemeral,
 * persistentVolumeClaim, projected and secret volumes.
 *
 * @see https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted
 * @see https://github.com/kubernetes/pod-security-admission/blob/release-1.27/policy/check_restrictedVolumes.go
 */
export const pssRestrictedVolumeTypes = pssRule({
  id: 'pss-restricted-volume-types',
  control: 'Volume Types',
  level: 'restricted',
  description: 'only core, non-host volume types.',
  check(pod, report) {
    arrayOf(pod.spec.volumes).forEach((v, i) => {
      if (!isObject(v)) return;
      for (const key of Object.keys(v)) {
        if (key !== 'name' && v[key] !== null && v[key] !== undefined && !ALLOWED_TYPES.includes(key)) {
          report(`${pod.specPath}.volumes[${i}].${key}`, received(key, ALLOWED_TYPES.join(', ')));
        }
      }
    });
  },
});
